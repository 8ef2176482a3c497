import { cardActivity } from '../teams/cardMessages';
import { triageQuestionCard } from './triageCards';
import { resolveService } from '../health/serviceAliases';
import { foldText } from '../health/textFold';
import { translator, type Locale } from '../i18n';
import type { Activity } from '../teams/turn';
import type { Question, QuestionFlow } from '../teams/questionFlow';
import { recognizeSeverity, recognizeSince, recognizeUsers } from './triageAnswers';
import { OTHER_SERVICE, type Severity, type SinceWhen, type Triage, type UsersAffected } from '../problem/triageModel';

/** Invalid answers re-asked before the triage carries on with a default. */
const MAX_REASKS = 3;

/** What the bot knows when triage starts: the first message and the tenant's services. */
export interface TriageOptions {
  locale: Locale;
  firstMessage: string;
  services: string[];
  tenantId: string;
  conversationId: string;
  user: Triage['user'];
  startedAt: string;
}

type QuestionName = 'service' | 'description' | 'since' | 'users' | 'severity';

/** What reading an answer needs, kept with the pending question. */
interface AnswerContext {
  locale: Locale;
  services: string[];
}

/** Recognizes an answer to a question; undefined when the text does not answer it. Pure. */
export function recognizeAnswer(question: QuestionName, text: string, services: string[], now: Date): unknown {
  switch (question) {
    case 'service': {
      const folded = foldText(text);
      if (['other', 'autre', 'other not microsoft 365', 'autre hors microsoft 365'].includes(folded)) return OTHER_SERVICE;
      return services.find((s) => foldText(s) === folded) ?? resolveService(text, services);
    }
    case 'description': return text.trim().length >= 3 ? text.trim() : undefined;
    case 'since': return recognizeSince(text, now);
    case 'users': return recognizeUsers(text);
    case 'severity': return recognizeSeverity(text);
  }
}

const DEFAULTS: Record<QuestionName, unknown> = {
  service: OTHER_SERVICE, description: '', since: { kind: 'today' }, users: 'several', severity: 'moderate',
};

/** The question (or its hint after an answer that did not fit), as text or a card of choices. */
function prompt(question: QuestionName, options: TriageOptions, retry: boolean): Partial<Activity> {
  const { locale, services } = options;
  const key = question.charAt(0).toUpperCase() + question.slice(1);
  const text = translator(locale)(`triage.${retry ? 'hint' : 'ask'}${key}`);
  const buttons = choiceButtons(question, locale, services);
  if (buttons.length === 0) return { type: 'message', text, inputHint: 'acceptingInput' };
  return cardActivity(triageQuestionCard(text, buttons, locale));
}

function question(name: QuestionName, known?: (options: TriageOptions) => unknown): Question<TriageOptions, AnswerContext> {
  return {
    key: name,
    known,
    prompt: (options, retry) => prompt(name, options, retry),
    recognize: (text, context) => recognizeAnswer(name, text, context.services, new Date()),
    fallback: (options) => (name === 'description' ? options.firstMessage : DEFAULTS[name]),
  };
}

function prefilledUsers(text: string): UsersAffected | undefined {
  const users = recognizeUsers(text);
  return users === 'me' ? undefined : users;
}

/**
 * The triage conversation: service, what is wrong, since when, how many users, impact. Asks only what the
 * first message does not already say; accepts buttons and typed answers in English or French; re-asks an
 * invalid answer with a hint at most three times. Run by the kernel's question flow (state in conversation state,
 * under the ids it has always had). Ends with the collected Triage.
 */
export const TRIAGE_FLOW: QuestionFlow<TriageOptions, AnswerContext, Triage> = {
  id: 'triage',
  stepsId: 'triageSteps',
  promptId: 'triageAnswer',
  questions: [
    question('service', (o) => resolveService(o.firstMessage, o.services)),
    question('description', (o) => o.firstMessage.trim() || undefined),
    question('since', (o) => recognizeSince(o.firstMessage, new Date())),
    question('users', (o) => prefilledUsers(o.firstMessage)),
    question('severity'),
  ],
  answerContext: ({ locale, services }) => ({ locale, services }),
  maxReasks: MAX_REASKS,
  gaveUp: (o) => translator(o.locale)('triage.gaveUp'),
  finish: (a, o) => ({
    service: a.service as string,
    description: a.description as string,
    since: a.since as SinceWhen,
    usersAffected: a.users as UsersAffected,
    severity: a.severity as Severity,
    locale: o.locale,
    tenantId: o.tenantId,
    conversationId: o.conversationId,
    user: o.user,
    startedAt: o.startedAt,
  }),
};

/** The button labels of a question, in the customer's language. */
export function choiceButtons(question: QuestionName, locale: Locale, services: string[]): string[] {
  const t = translator(locale);
  switch (question) {
    case 'service': return [...services.slice(0, 12), t('triage.otherService')];
    case 'since': return ['justNow', 'today', 'moreThanDay'].map((k) => t(`triage.since.${k}`));
    case 'users': return ['me', 'several', 'everyone'].map((k) => t(`triage.users.${k}`));
    case 'severity': return ['critical', 'moderate', 'minimal'].map((k) => t(`triage.severity.${k}`));
    default: return [];
  }
}
