/** The account check in words: what the customer is told (only what they can act on) and the case card's compact line. fr and en. */
import type { AccountCheck, AccountFinding } from '../problem/diagnosisNotes';
import { plainText } from '../text/plainText';
import { translator, type Locale } from '../i18n';
import { customerFindings } from './userAccount';
import { formatInstant } from './healthCards';

/** One message for the customer ("I also checked your account: …"), or undefined when nothing they can act on was found. */
export function accountMessage(check: AccountCheck, locale: Locale): string | undefined {
  if (!check.checked) return undefined;
  const t = translator(locale);
  const lines = customerFindings(check.findings).map((f): string => {
    switch (f.kind) {
      case 'accountDisabled': return t('account.customer.accountDisabled');
      case 'licence': return t(`account.customer.licence.${f.gap}`, { service: f.service });
      case 'signInFailures': return t(`account.customer.signIn.${f.failure}`);
    }
  });
  const unique = [...new Set(lines)];
  return unique.length === 0 ? undefined : [t('account.intro'), ...unique.map((line) => `- ${line}`)].join('\n');
}

function findingText(f: AccountFinding, locale: Locale): string {
  const t = translator(locale);
  switch (f.kind) {
    case 'accountDisabled': return t('account.card.accountDisabled');
    case 'licence': return t(`account.card.licence.${f.gap}`, { service: f.service });
    case 'signInFailures':
      return t('account.card.signIns', { count: f.count, code: f.errorCode, failure: t(`account.card.failure.${f.failure}`), last: formatInstant(f.lastAt, locale) });
  }
}

/** The case card fact for agents: every finding, or why the check was skipped, or that nothing was found. */
export function accountFact(check: AccountCheck | undefined, locale: Locale): { label: string; value: string } | undefined {
  if (!check) return undefined;
  const t = translator(locale);
  const parts = !check.checked
    ? [t(`account.card.skipped.${check.reason}`)]
    : [...(check.findings.length === 0 ? [t('account.card.fine')] : check.findings.map((f) => findingText(f, locale))), ...(check.signInsChecked ? [] : [t('account.card.signInsNotChecked')])];
  return { label: t('account.card.label'), value: plainText(parts.join(t('account.card.separator'))) };
}
