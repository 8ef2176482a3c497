/**
 * Trends over the last 30 days: cases opened and resolved per day, first-response time percentiles, CSAT average
 * and distribution. Each chart (Chart.js on a canvas, in the theme's colours) has its numbers in a table too, for
 * screen readers and for anyone who prefers reading them.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import type { Stats } from '../../../../src/dashboard/contract';
import { el, replace, table } from '../dom';
import { formatDay, formatNumber, toMinutes } from '../format';
import { chartPalette } from '../theme';
import { failureNotice } from './failure';
import type { View, ViewContext } from './view';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const DAYS = 30;
const STARS = ['1', '2', '3', '4', '5'] as const;

type AnyChartConfig = ChartConfiguration<'bar' | 'line', number[], string>;

function figure(id: string, title: string, summary: string, config: AnyChartConfig, data: HTMLElement, charts: Chart[]): HTMLElement {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${title}. ${summary}` });
  const box = el('div', { class: 'chart-box' }, canvas);
  const card = el('figure', { class: 'card', id }, el('figcaption', {}, el('h2', {}, title), el('p', { class: 'summary' }, summary)), box, data);
  charts.push(new Chart(canvas, config));
  return card;
}

export function chartsView(context: ViewContext): View {
  const { api, t, locale, theme } = context;
  const panel = el('section', { class: 'view-body' });
  const charts: Chart[] = [];
  let stats: Stats | undefined;

  const draw = (): void => {
    for (const chart of charts.splice(0)) chart.destroy();
    if (!stats) return;
    const palette = chartPalette(theme());
    const [first, second, third] = palette.series;
    const scales = {
      x: { ticks: { color: palette.text }, grid: { color: palette.grid } },
      y: { beginAtZero: true, ticks: { color: palette.text, precision: 0 }, grid: { color: palette.grid } },
    };
    Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--fontFamilyBase');
    const common = { animation: false as const, responsive: true, maintainAspectRatio: false, locale, plugins: { legend: { labels: { color: palette.text } } } };
    const days = stats.days.map((d) => formatDay(d.date, locale));

    const volume = figure('chart-volume', t('charts.volumeTitle'), t('charts.range', { days: stats.days.length }), {
      type: 'bar',
      data: {
        labels: days,
        datasets: [
          { label: t('charts.opened'), data: stats.days.map((d) => d.opened), backgroundColor: first, borderColor: first },
          { label: t('charts.resolved'), data: stats.days.map((d) => d.resolved), backgroundColor: second, borderColor: second },
        ],
      },
      options: { ...common, scales },
    }, tableDetails(t('charts.tableSummary'), table(t('charts.volumeTitle'), [t('charts.date'), t('charts.opened'), t('charts.resolved')],
      stats.days.map((d) => [formatDay(d.date, locale), String(d.opened), String(d.resolved)]))), charts);

    const fr = stats.firstResponse;
    const percentiles = [['p50', fr.p50Ms], ['p90', fr.p90Ms], ['p99', fr.p99Ms]] as const;
    const response = figure('chart-first-response', t('charts.firstResponseTitle'), t('charts.firstResponseCount', { count: fr.count }), {
      type: 'bar',
      data: {
        labels: percentiles.map(([name]) => name),
        datasets: [{ label: t('charts.minutes'), data: percentiles.map(([, ms]) => toMinutes(ms)), backgroundColor: [first, second, third], borderColor: [first, second, third] }],
      },
      options: {
        ...common,
        scales: { ...scales, y: { ...scales.y, title: { display: true, text: t('charts.minutes'), color: palette.text } } },
        plugins: { legend: { display: false } },
      },
    }, tableDetails(t('charts.tableSummary'), table(t('charts.firstResponseTitle'), ['', t('charts.minutes')],
      percentiles.map(([name, ms]) => [name, formatNumber(toMinutes(ms), locale)]))), charts);

    const csat = stats.csat;
    const csatSummary = csat.average === null ? t('charts.csatNone') : t('charts.csatAverage', { average: formatNumber(csat.average, locale), count: csat.count });
    const satisfaction = figure('chart-csat', t('charts.csatTitle'), csatSummary, {
      type: 'bar',
      data: {
        labels: STARS.map((n) => t('charts.stars', { n })),
        datasets: [{ label: t('charts.answers'), data: STARS.map((n) => csat.distribution[n]), backgroundColor: third, borderColor: third }],
      },
      options: { ...common, scales, plugins: { legend: { display: false } } },
    }, tableDetails(t('charts.tableSummary'), table(t('charts.csatTitle'), ['', t('charts.answers')],
      STARS.map((n) => [t('charts.stars', { n }), String(csat.distribution[n])]))), charts);

    replace(panel, el('div', { class: 'charts' }, volume, response, satisfaction));
  };

  return {
    panel,
    refresh: async () => {
      try {
        stats = await api.stats(DAYS);
        draw();
      } catch (error) {
        for (const chart of charts.splice(0)) chart.destroy();
        replace(panel, failureNotice(t, error));
      }
    },
    themeChanged: draw,
  };
}

/** The numbers behind a chart, in a table under a disclosure. */
function tableDetails(summary: string, data: HTMLTableElement): HTMLElement {
  return el('details', { class: 'chart-data' }, el('summary', {}, summary), data);
}
