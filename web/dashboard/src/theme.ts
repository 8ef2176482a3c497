/**
 * Teams' three themes as Fluent UI design tokens (the same values Fluent UI React v9 uses for Teams), written as
 * CSS custom properties on the root element (`--colorNeutralBackground1`…) for styles.css, plus the colours
 * the charts draw with. Switching sets them again: the page follows a theme change live.
 */
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme as FluentTheme } from '@fluentui/react-theme';

/** Teams' theme names (`app.Context.app.theme`); "glass" and unknown ones are read as the default. */
export type HostTheme = 'default' | 'dark' | 'contrast';

export function hostTheme(name: string | null | undefined): HostTheme {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

const TOKENS: Record<HostTheme, FluentTheme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

/** Colours a chart draws with in one theme. */
export interface ChartPalette {
  text: string;
  grid: string;
  series: [string, string, string];
}

export function applyTheme(theme: HostTheme, root: HTMLElement = document.documentElement): void {
  for (const [name, value] of Object.entries(TOKENS[theme])) root.style.setProperty(`--${name}`, String(value));
  root.dataset['theme'] = theme;
  root.style.colorScheme = theme === 'default' ? 'light' : 'dark';
}

export function chartPalette(theme: HostTheme): ChartPalette {
  const tokens = TOKENS[theme];
  if (theme === 'contrast') {
    return { text: tokens.colorNeutralForeground1, grid: tokens.colorNeutralStroke1, series: [tokens.colorBrandForeground1, tokens.colorNeutralForeground1, tokens.colorPaletteYellowForeground1] };
  }
  return {
    text: tokens.colorNeutralForeground2,
    grid: tokens.colorNeutralStroke2,
    series: [tokens.colorBrandBackground, tokens.colorPaletteGreenForeground1, tokens.colorPaletteMarigoldForeground1],
  };
}
