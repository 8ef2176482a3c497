/**
 * Where the page runs: inside Teams (Teams JavaScript library: context, theme changes, SSO token, links) or in a
 * plain browser (development), where the theme and locale come from the URL (`?theme=dark&locale=fr-FR`, the
 * placeholders a Teams tab URL can carry) or the browser's colour-scheme preference.
 */
import { app, authentication } from '@microsoft/teams-js';
import { hostTheme, type HostTheme } from './theme';

export interface Host {
  /** True inside a Teams client. */
  readonly inTeams: boolean;
  readonly theme: HostTheme;
  /** The user's locale ("fr-FR"), when the host knows it. */
  readonly locale: string | undefined;
  /** Calls `handler` with each new theme. */
  onThemeChange(handler: (theme: HostTheme) => void): void;
  /** Teams SSO token for the app's resource; undefined outside Teams. */
  readonly ssoToken: (() => Promise<string>) | undefined;
  /** Opens a Teams link (a case thread) the way the host wants it. */
  openLink(url: string): void;
}

/** How long a plain browser waits for a Teams host that will never answer. */
const TEAMS_INIT_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}

async function teamsHost(): Promise<Host> {
  await withTimeout(app.initialize(), TEAMS_INIT_TIMEOUT_MS);
  const context = await withTimeout(app.getContext(), TEAMS_INIT_TIMEOUT_MS);
  app.notifySuccess().catch(() => undefined);
  return {
    inTeams: true,
    theme: hostTheme(context.app.theme),
    locale: context.app.locale,
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((name) => handler(hostTheme(name))),
    ssoToken: () => authentication.getAuthToken(),
    openLink: (url) => { app.openLink(url).catch(() => window.open(url, '_blank', 'noopener')); },
  };
}

function browserHost(): Host {
  const params = new URLSearchParams(window.location.search);
  const asked = params.get('theme');
  const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
  const contrastQuery = window.matchMedia('(forced-colors: active)');
  const preferred = (): HostTheme => (contrastQuery.matches ? 'contrast' : darkQuery.matches ? 'dark' : 'default');
  return {
    inTeams: false,
    theme: asked ? hostTheme(asked) : preferred(),
    locale: params.get('locale') ?? undefined,
    onThemeChange: (handler) => {
      if (asked) return;
      const changed = (): void => handler(preferred());
      darkQuery.addEventListener('change', changed);
      contrastQuery.addEventListener('change', changed);
    },
    ssoToken: undefined,
    openLink: (url) => { window.open(url, '_blank', 'noopener'); },
  };
}

/** The Teams host when the page is inside Teams, else the plain browser after a short wait. */
export async function detectHost(): Promise<Host> {
  try {
    return await teamsHost();
  } catch {
    return browserHost();
  }
}
