/**
 * The support dashboard tab: finds its host (Teams or a plain browser), signs in (Teams SSO, or the sandbox's
 * development sign-in outside Teams), then shows the four views, refreshed every 30 seconds.
 */
import './styles.css';
import { ApiError, dashboardApi, devToken, publicConfig } from './api';
import type { Me } from '../../../src/dashboard/contract';
import { el, replace } from './dom';
import { formatTime } from './format';
import { detectHost, type Host } from './host';
import { languageOf, translator, type Translate } from './i18n';
import { tabs } from './tabs';
import { applyTheme, type HostTheme } from './theme';
import { chartsView } from './views/charts';
import { escalationsView } from './views/escalations';
import { outagesView } from './views/outages';
import { queueView } from './views/queue';
import type { View, ViewContext } from './views/view';

const REFRESH_MS = 30_000;
/** The development sign-in's token is asked again after this, well before the sandbox's tokens expire. */
const DEV_TOKEN_MAX_AGE_MS = 10 * 60_000;

function notice(root: HTMLElement, text: string, role: 'alert' | 'status' = 'alert'): void {
  replace(root, el('p', { class: 'notice notice-page', role }, text));
  root.removeAttribute('aria-busy');
}

/** The token source: Teams SSO, else the sandbox's development sign-in, else none (the page asks for Teams). */
async function tokenSource(host: Host, sandbox: boolean): Promise<{ token: () => Promise<string>; dev: boolean } | undefined> {
  if (host.ssoToken) return { token: host.ssoToken, dev: false };
  if (!sandbox) return undefined;
  const agent = new URLSearchParams(window.location.search).get('agent') ?? undefined;
  let cached = { token: await devToken(agent), at: Date.now() };
  const token = async (): Promise<string> => {
    if (Date.now() - cached.at > DEV_TOKEN_MAX_AGE_MS) cached = { token: await devToken(agent), at: Date.now() };
    return cached.token;
  };
  return { token, dev: true };
}

function shell(root: HTMLElement, t: Translate, me: Me, dev: boolean, views: Array<{ id: string; label: string; view: View }>, locale: string): void {
  const updated = el('span', { class: 'updated', role: 'status' });
  const refreshAll = async (): Promise<void> => {
    await Promise.all(views.map(({ view }) => view.refresh()));
    updated.textContent = t('lastRefresh', { time: formatTime(Date.now(), locale) });
  };
  const refreshButton = el('button', { type: 'button', class: 'button' }, t('refresh'));
  refreshButton.addEventListener('click', () => void refreshAll());
  const header = el(
    'header',
    { class: 'page-header' },
    el('h1', {}, t('title')),
    el('p', { class: 'who' }, t('signedInAs', { name: me.name }), dev ? el('span', { class: 'badge dev' }, t('devSignIn')) : null),
    el('div', { class: 'header-actions' }, updated, refreshButton),
  );
  // A canvas drawn while its panel was hidden (or before a theme change) is drawn again when shown.
  const tabList = tabs(t('tabs.label'), views.map(({ id, label, view }) => ({ id, label, panel: view.panel, onShow: () => view.themeChanged?.() })));
  replace(root, header, el('main', { id: 'content' }, tabList));
  root.removeAttribute('aria-busy');
  void refreshAll();
  setInterval(() => void refreshAll(), REFRESH_MS);
}

async function start(root: HTMLElement): Promise<void> {
  const host = await detectHost();
  const config = host.inTeams ? undefined : await publicConfig().catch(() => undefined);
  const locale = host.locale ?? config?.locale ?? navigator.language;
  const language = languageOf(locale);
  const t = translator(language);
  document.documentElement.lang = language;
  document.title = t('title');
  let theme: HostTheme = host.theme;
  applyTheme(theme);

  let source: Awaited<ReturnType<typeof tokenSource>>;
  try {
    source = await tokenSource(host, config?.sandbox === true);
  } catch (error) {
    notice(root, t('signInFailed', { reason: error instanceof Error ? error.message : String(error) }));
    return;
  }
  if (!source) {
    notice(root, t('openInTeams'), 'status');
    return;
  }
  const api = dashboardApi(source.token);
  let me: Me;
  try {
    me = await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) notice(root, t('forbidden'));
    else notice(root, t('signInFailed', { reason: error instanceof ApiError ? (error.code ?? String(error.status)) : String(error) }));
    return;
  }
  const context: ViewContext = { api, host, me, t, language, locale, theme: () => theme };
  const views = [
    { id: 'queue', label: t('tabs.queue'), view: queueView(context) },
    { id: 'charts', label: t('tabs.charts'), view: chartsView(context) },
    { id: 'escalations', label: t('tabs.escalations'), view: escalationsView(context) },
    { id: 'outages', label: t('tabs.outages'), view: outagesView(context) },
  ];
  host.onThemeChange((next) => {
    theme = next;
    applyTheme(theme);
    for (const { view } of views) if (!view.panel.hidden) view.themeChanged?.();
  });
  shell(root, t, me, source.dev, views, locale);
}

const root = document.getElementById('app');
if (root) void start(root);
