/**
 * The views as ARIA tabs (WAI-ARIA Authoring Practices "tabs with manual activation"): the arrow keys, Home and
 * End move between tabs, the selected tab alone is in the tab order, its panel follows it.
 */
import { el } from './dom';

export interface TabSpec {
  id: string;
  label: string;
  panel: HTMLElement;
  onShow(): void;
}

export function tabs(label: string, specs: readonly TabSpec[]): HTMLElement {
  const buttons = specs.map((spec) => el('button', { type: 'button', role: 'tab', id: `tab-${spec.id}`, 'aria-controls': `panel-${spec.id}`, class: 'tab' }, spec.label));
  for (const spec of specs) {
    spec.panel.id = `panel-${spec.id}`;
    spec.panel.setAttribute('role', 'tabpanel');
    spec.panel.setAttribute('aria-labelledby', `tab-${spec.id}`);
    spec.panel.tabIndex = 0;
  }
  const select = (index: number, focus: boolean): void => {
    specs.forEach((spec, i) => {
      const selected = i === index;
      const button = buttons[i];
      if (!button) return;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      spec.panel.hidden = !selected;
      if (selected) {
        if (focus) button.focus();
        spec.onShow();
      }
    });
  };
  const list = el('div', { role: 'tablist', 'aria-label': label, class: 'tablist' }, ...buttons);
  buttons.forEach((button, index) => {
    button.addEventListener('click', () => select(index, false));
    button.addEventListener('keydown', (event) => {
      const last = buttons.length - 1;
      const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
      if (target === undefined) return;
      event.preventDefault();
      select(target, true);
    });
  });
  select(0, false);
  return el('div', { class: 'tabs' }, list, ...specs.map((spec) => spec.panel));
}
