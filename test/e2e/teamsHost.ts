/**
 * A Teams-like host for the Adaptive Cards JS renderer: host configs modelled on the designer's
 * "Microsoft Teams" light and dark hosts and the page CSS the renderer expects from its host
 * (the Markdown subset Teams renders is in page/renderCard.js).
 */

export type Theme = 'light' | 'dark';

/** Width of a card in a Teams chat (desktop, message column), in CSS pixels. */
export const TEAMS_CARD_WIDTH = 450;

interface Palette {
  background: string;
  emphasis: string;
  text: string;
  subtle: string;
  accent: string;
  good: string;
  warning: string;
  attention: string;
  border: string;
  buttonText: string;
  page: string;
}

export const PALETTES: Record<Theme, Palette> = {
  light: {
    background: '#ffffff', emphasis: '#f9f8f7', text: '#242424', subtle: '#616161', accent: '#5b5fc7',
    good: '#0e700e', warning: '#835c00', attention: '#c4314b', border: '#e0e0e0', buttonText: '#242424', page: '#f5f5f5',
  },
  dark: {
    background: '#292929', emphasis: '#1f1f1f', text: '#ffffff', subtle: '#adadad', accent: '#7f85f5',
    good: '#92c353', warning: '#f8d22a', attention: '#f1707b', border: '#3d3d3d', buttonText: '#ffffff', page: '#1f1f1f',
  },
};

function colors(p: Palette): object {
  const pair = (value: string): object => ({ default: value, subtle: value });
  return {
    default: { default: p.text, subtle: p.subtle },
    dark: { default: p.text, subtle: p.subtle },
    light: { default: p.text, subtle: p.subtle },
    accent: pair(p.accent),
    good: pair(p.good),
    warning: pair(p.warning),
    attention: pair(p.attention),
  };
}

export function hostConfig(theme: Theme): object {
  const p = PALETTES[theme];
  return {
    supportsInteractivity: true,
    fontFamily: "'Segoe UI', 'Liberation Sans', Arial, sans-serif",
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.border },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: { backgroundColor: p.background, foregroundColors: colors(p) },
      emphasis: { backgroundColor: p.emphasis, foregroundColors: colors(p) },
      accent: { backgroundColor: p.emphasis, foregroundColors: colors(p) },
      good: { backgroundColor: p.emphasis, foregroundColors: colors(p) },
      attention: { backgroundColor: p.emphasis, foregroundColors: colors(p) },
      warning: { backgroundColor: p.emphasis, foregroundColors: colors(p) },
    },
    actions: {
      maxActions: 6, spacing: 'default', buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      preExpandSingleShowCardAction: false, actionsOrientation: 'horizontal', actionAlignment: 'left', iconPlacement: 'leftOfTitle',
    },
    adaptiveCard: { allowCustomStyle: true },
    imageSet: { imageSize: 'medium', maxImageHeight: 100 },
    factSet: {
      title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 16,
    },
    inputs: { label: { inputSpacing: 'small', requiredInputs: { suffix: ' *' }, optionalInputs: {} }, errorMessage: { spacing: 'small' } },
  };
}

/** The page around the cards: what a host adds to the renderer's output (buttons, inputs, links). */
export function pageCss(theme: Theme): string {
  const p = PALETTES[theme];
  return `
    html, body { margin: 0; padding: 0; background: ${p.page}; }
    body { font-family: 'Segoe UI', 'Liberation Sans', Arial, sans-serif; }
    #frame { display: inline-block; padding: 16px; background: ${p.page}; }
    #card { width: ${TEAMS_CARD_WIDTH}px; box-sizing: border-box; border-radius: 6px; overflow: hidden;
            border: 1px solid ${p.border}; background: ${p.background}; }
    a { color: ${p.accent}; }
    /* Teams (and the Agents Playground's renderer, allowButtonsToWrap) wraps a row of buttons that does not fit;
       the npm renderer 3.0.x has no such option, so the host's CSS does it. A single button wider than the
       card still shrinks and clips its title, which the gallery reports. */
    .ac-actionSet { flex-wrap: wrap !important; row-gap: 8px; }
    .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; color: ${p.buttonText};
      background: ${p.background}; border: 1px solid ${p.border}; border-radius: 4px; padding: 5px 12px;
      min-height: 32px; cursor: pointer; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .ac-pushButton.style-positive { background: ${p.accent}; border-color: ${p.accent}; color: #ffffff; }
    .ac-pushButton.style-destructive { color: ${p.attention}; }
    .ac-input, .ac-input input, .ac-input select, .ac-input textarea, .ac-textInput, .ac-multichoiceInput {
      font-family: inherit; font-size: 14px; color: ${p.text}; background: ${p.emphasis};
      border: 1px solid ${p.border}; border-radius: 4px; box-sizing: border-box; }
    .ac-textInput, .ac-multichoiceInput { padding: 5px 8px; width: 100%; }
    .ac-textInput.ac-multiline { min-height: 64px; }
    .ac-toggleInput { color: ${p.text}; }
  `;
}
