/** Texts the escalation sends: to the customer (in their language) and to the owning agent. Pure. */
import type { Translate } from '../i18n';
import { isAzureTicket } from './azureSupport/model';
import type { MicrosoftApiError } from '../cloud/microsoftApiError';
import type { SrChange } from './serviceRequestDiff';
import type { ServiceRequestRecord } from './serviceRequestStore';

/** Tells the customer Microsoft has the request (or Azure ticket) and what happens next. */
export function customerFiledText(record: ServiceRequestRecord, t: Translate): string {
  return t(isAzureTicket(record.request) ? 'escalation.customer.azureFiled' : 'escalation.customer.filed', { id: record.serviceRequest?.id ?? '-' });
}

/** Tells the customer what changed (status and/or new notes from Microsoft). */
export function customerChangeText(record: ServiceRequestRecord, change: SrChange, t: Translate): string {
  const id = record.serviceRequest?.id ?? '-';
  const parts = change.status ? [t(`escalation.customer.status.${change.status.to}`, { id })] : [];
  if (change.newNotes.length > 0) parts.push(t('escalation.customer.notes', { id, count: change.newNotes.length }));
  return parts.join(' ');
}

/** Tells the owning agent what changed; `attention_needed` asks them to act. */
export function agentChangeText(record: ServiceRequestRecord, change: SrChange, t: Translate): string {
  const id = record.serviceRequest?.id ?? '-';
  const parts = change.status ? [t(`escalation.agent.status.${change.status.to}`, { id, customer: record.customerName })] : [];
  for (const note of change.newNotes) parts.push(t('escalation.agent.note', { id, author: note.createdByName, text: note.text }));
  return parts.join('\n\n');
}

/**
 * What the agent is told when a call failed for good, with what to do next (per API: Partner Center or Azure), and
 * Microsoft's error code and details (`data`) when the answer had them.
 */
export function failureText(error: MicrosoftApiError, t: Translate): string {
  const key = error.api === 'azureSupport' ? 'escalation.azureError' : 'escalation.error';
  const { code, data = [] } = error.details;
  return [
    t(`${key}.${error.kind}`, { detail: error.details.description ?? '', requestId: error.details.requestId }),
    ...(code === undefined ? [] : [t('escalation.errorCode', { code })]),
    ...(data.length === 0 ? [] : [t('escalation.errorData', { data: data.join('; ') })]),
  ].join(' ');
}
