import { ApiError } from '../api';
import { el } from '../dom';
import type { Translate } from '../i18n';

/** A visible, announced message for a failed load. */
export function failureNotice(t: Translate, error: unknown): HTMLElement {
  const status = error instanceof ApiError ? (error.code ?? String(error.status)) : 'error';
  return el('p', { class: 'notice notice-error', role: 'alert' }, t('loadFailed', { status }));
}
