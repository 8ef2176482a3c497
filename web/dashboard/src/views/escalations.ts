/** Cases escalated to Microsoft (Partner Center or Azure support requests) and where each request stands. */
import { pagesUpTo } from '../api';
import { latestOnly } from '../latest';
import type { Escalation } from '../../../../src/dashboard/contract';
import { el, replace } from '../dom';
import { formatDateTime } from '../format';
import type { StringKey } from '../i18n';
import { failureNotice } from './failure';
import type { View, ViewContext } from './view';

const KNOWN_SEVERITIES = new Set(['critical', 'high', 'moderate', 'low']);
/** Request statuses (Partner Center, ARM, lower-cased) and filing states the page names in the reader's language. */
const KNOWN_STATUSES = new Set(['none', 'open', 'updating', 'attention_needed', 'closed', 'filing', 'filed', 'failed']);

export function escalationsView(context: ViewContext): View {
  const { api, t, locale } = context;
  const panel = el('section', { class: 'view-body' });
  let pagesShown = 1;

  const severity = (value: string): string => (KNOWN_SEVERITIES.has(value) ? t(`severity.${value}` as StringKey) : value);
  const status = (value: string): string => {
    const key = value.toLowerCase();
    return KNOWN_STATUSES.has(key) ? t(`escalations.statuses.${key}` as StringKey) : value;
  };
  const render = (items: Escalation[], nextPage: number | null): void => {
    if (items.length === 0) {
      replace(panel, el('p', { class: 'notice' }, t('escalations.empty')));
      return;
    }
    const headers = ['case', 'customer', 'provider', 'requestId', 'status', 'severity', 'updated'] as const;
    const grid = el(
      'table',
      { class: 'grid', id: 'escalations-table' },
      el('caption', {}, t('escalations.caption')),
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, t(`escalations.${h}`))))),
      el('tbody', {}, ...items.map((item) => el(
        'tr',
        {},
        el('th', { scope: 'row' }, item.caseId),
        el('td', {}, item.customerName),
        el('td', {}, t(`escalations.${item.provider}`)),
        el('td', {}, item.requestId ? el('code', {}, item.requestId) : el('em', {}, t('escalations.pending'))),
        el('td', {}, el('span', { class: 'badge' }, status(item.status))),
        el('td', {}, severity(item.severity)),
        el('td', {}, el('time', { datetime: item.updatedAt }, formatDateTime(item.updatedAt, locale))),
      ))),
    );
    const more = nextPage === null ? null : el('button', { type: 'button', class: 'button' }, t('escalations.more'));
    more?.addEventListener('click', () => {
      pagesShown += 1;
      void view.refresh();
    });
    replace(panel, el('div', { class: 'table-scroll' }, grid), more);
  };

  const loadEscalations = latestOnly(() => pagesUpTo((page) => api.escalations(page), pagesShown));
  const view: View = {
    panel,
    refresh: async () => {
      try {
        const answer = await loadEscalations();
        if (answer) render(answer.value.items, answer.value.nextPage);
      } catch (error) {
        replace(panel, failureNotice(t, error));
      }
    },
  };
  return view;
}
