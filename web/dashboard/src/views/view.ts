import type { DashboardApi } from '../api';
import type { Me } from '../../../../src/dashboard/contract';
import type { Host } from '../host';
import type { Language, Translate } from '../i18n';
import type { HostTheme } from '../theme';

/** What every view is given. */
export interface ViewContext {
  api: DashboardApi;
  host: Host;
  me: Me;
  t: Translate;
  language: Language;
  /** BCP 47 tag for Intl formatting ("fr-FR"). */
  locale: string;
  theme: () => HostTheme;
}

/** A view of the page: it owns one panel. */
export interface View {
  readonly panel: HTMLElement;
  /** Loads (again) from the API. */
  refresh(): Promise<void>;
  /** Called after the theme changed (the CSS follows by itself; canvases redraw). */
  themeChanged?(): void;
}
