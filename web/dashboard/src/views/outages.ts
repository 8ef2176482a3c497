/**
 * The outage map: each active Microsoft incident that touches the partner's customers, with, per customer, how
 * many of its conversations were notified and the open cases linked to the incident.
 */
import type { Outages } from '../../../../src/dashboard/contract';
import { el, replace } from '../dom';
import { formatNumber } from '../format';
import { healthStatusLabel } from '../i18n';
import { failureNotice } from './failure';
import type { View, ViewContext } from './view';

export function outagesView(context: ViewContext): View {
  const { api, t, locale, language } = context;
  const panel = el('section', { class: 'view-body' });

  const render = ({ incidents }: Outages): void => {
    if (incidents.length === 0) {
      replace(panel, el('p', { class: 'notice' }, t('outages.empty')));
      return;
    }
    const headers = ['incident', 'customer', 'notified', 'openCases'] as const;
    const rows = incidents.flatMap((incident) => incident.customers.map((customer, index) => el(
      'tr',
      {},
      index === 0
        ? el(
            'th',
            { scope: 'rowgroup', rowspan: incident.customers.length, class: 'incident' },
            el('strong', {}, incident.issueId),
            el('span', { class: 'incident-title' }, incident.title),
            el('span', { class: 'incident-meta' }, `${incident.service} · `, el('span', { class: 'badge' }, healthStatusLabel(language, incident.status))),
            el('span', { class: 'incident-meta' }, t('outages.customersAffected', { count: incident.customers.length })),
          )
        : null,
      el('td', {}, customer.customerName),
      el('td', { class: 'number' }, formatNumber(customer.notified, locale, 0)),
      el('td', {}, customer.openCaseIds.length > 0
        ? el('ul', { class: 'case-list' }, ...customer.openCaseIds.map((caseId) => el('li', {}, caseId)))
        : el('em', {}, t('outages.noCase'))),
    )));
    replace(panel, el('div', { class: 'table-scroll' }, el(
      'table',
      { class: 'grid', id: 'outages-table' },
      el('caption', {}, t('outages.caption')),
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, t(`outages.${h}`))))),
      el('tbody', {}, ...rows),
    )));
  };

  return {
    panel,
    refresh: async () => {
      try {
        render(await api.outages());
      } catch (error) {
        replace(panel, failureNotice(t, error));
      }
    },
  };
}
