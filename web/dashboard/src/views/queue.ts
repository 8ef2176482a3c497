/**
 * The live queue: open cases sorted by first-response SLA, filtered by customer, severity, state and owner, with
 * an SLA countdown that ticks every second and a link to each case's thread in the agents' channel.
 */
import { pagesUpTo } from '../api';
import { latestOnly } from '../latest';
import { CASE_STATES, SEVERITIES, type QueueFilters, type QueueItem } from '../../../../src/dashboard/contract';
import { el, replace } from '../dom';
import { formatDateTime, formatDuration, slaStatus } from '../format';
import { failureNotice } from './failure';
import type { View, ViewContext } from './view';

interface Option {
  value: string;
  label: string;
}

function select(id: string, label: string, options: Option[], onChange: (value: string) => void): HTMLElement {
  const control = el('select', { id }, ...options.map((option) => el('option', { value: option.value }, option.label)));
  control.addEventListener('change', () => onChange(control.value));
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}

export function queueView(context: ViewContext): View {
  const { api, t, me, host, locale } = context;
  let filters: QueueFilters = {};
  let items: QueueItem[] = [];
  let pagesShown = 1;
  let nextPage: number | null = null;
  const countdowns: Array<{ cell: HTMLElement; item: QueueItem }> = [];

  const all: Option = { value: '', label: t('filters.all') };
  // The select's value is one of the options it was given (empty for "All"), so it is a valid filter value.
  const setFilter = (name: keyof QueueFilters) => (value: string): void => {
    filters = { ...filters, [name]: value || undefined };
    pagesShown = 1;
    void view.refresh();
  };
  const filterBar = el(
    'form',
    { class: 'filters', 'aria-label': t('filters.label') },
    select('filter-customer', t('filters.customer'), [all, ...me.customers.map((c) => ({ value: c.tenantId, label: c.name }))], setFilter('customer')),
    select('filter-severity', t('filters.severity'), [all, ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))], setFilter('severity')),
    select('filter-state', t('filters.state'), [all, ...CASE_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))], setFilter('state')),
    select('filter-owner', t('filters.owner'), [all, { value: me.aadObjectId, label: t('filters.me') }, { value: 'unassigned', label: t('filters.unassigned') }], setFilter('owner')),
  );
  filterBar.addEventListener('submit', (event) => event.preventDefault());
  const body = el('div', { class: 'view-body' });
  const panel = el('section', {}, filterBar, body);

  const slaText = (item: QueueItem, now: number): string => {
    const sla = slaStatus(item.slaDueAt, item.slaBreached, now);
    return sla.breached ? `⚠ ${t('queue.breached', { time: formatDuration(sla.ms) })}` : t('queue.dueIn', { time: formatDuration(sla.ms) });
  };
  const tick = (): void => {
    const now = Date.now();
    for (const { cell, item } of countdowns) {
      const text = slaText(item, now);
      if (cell.textContent !== text) cell.textContent = text;
      cell.classList.toggle('sla-breached', slaStatus(item.slaDueAt, item.slaBreached, now).breached);
    }
  };
  setInterval(tick, 1000);

  const threadLink = (item: QueueItem): HTMLElement | string => {
    if (!item.threadUrl) return t('queue.noThread');
    const url = item.threadUrl;
    const link = el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', 'aria-label': t('queue.openThreadOf', { caseId: item.caseId }) }, t('queue.openThread'));
    link.addEventListener('click', (event) => {
      event.preventDefault();
      host.openLink(url);
    });
    return link;
  };

  const render = (): void => {
    countdowns.length = 0;
    if (items.length === 0) {
      replace(body, el('p', { class: 'notice' }, t('queue.empty')));
      return;
    }
    const now = Date.now();
    const rows = items.map((item) => {
      const sla = el('span', { class: 'sla' }, slaText(item, now));
      sla.classList.toggle('sla-breached', slaStatus(item.slaDueAt, item.slaBreached, now).breached);
      countdowns.push({ cell: sla, item });
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, item.caseId),
        el('td', {}, item.customerName),
        el('td', {}, el('span', { class: `badge severity-${item.severity}` }, t(`severity.${item.severity}`))),
        el('td', {}, t(`state.${item.state}`)),
        el('td', {}, item.ownerName ?? el('em', {}, t('queue.unassigned'))),
        el('td', {}, el('time', { datetime: item.openedAt }, formatDateTime(item.openedAt, locale))),
        el('td', {}, sla),
        el('td', {}, threadLink(item)),
      );
    });
    const headers = ['case', 'customer', 'severity', 'state', 'owner', 'opened', 'sla', 'thread'] as const;
    const grid = el(
      'table',
      { class: 'grid', id: 'queue-table' },
      el('caption', {}, t('queue.caption')),
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, t(`queue.${h}`))))),
      el('tbody', {}, ...rows),
    );
    const more = nextPage === null ? null : el('button', { type: 'button', class: 'button' }, t('queue.more'));
    more?.addEventListener('click', () => {
      pagesShown += 1;
      void view.refresh();
    });
    replace(body, el('div', { class: 'table-scroll' }, grid), more);
  };

  const loadQueue = latestOnly(() => pagesUpTo((page) => api.queue(filters, page), pagesShown));
  const view: View = {
    panel,
    refresh: async () => {
      try {
        const answer = await loadQueue();
        if (!answer) return;
        items = answer.value.items;
        nextPage = answer.value.nextPage;
        render();
      } catch (error) {
        replace(body, failureNotice(t, error));
      }
    },
  };
  return view;
}
