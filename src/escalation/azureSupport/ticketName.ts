/** Where a case's Azure support ticket lives at ARM. Pure. */
import type { NewAzureTicket } from './model';
import type { TicketLocation } from './client';
import type { ServiceRequestRecord } from '../serviceRequestStore';

/** The ARM name of a case's ticket: derived from its idempotency key, so every attempt of one filing uses the same name. */
export function ticketNameFor(idempotencyKey: string): string {
  return `support-triage-${idempotencyKey.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
}

/** Subscription, name and owning tenant of the ticket of a record. */
export function ticketLocationOf(record: Pick<ServiceRequestRecord, 'idempotencyKey' | 'tenantId'> & { request: NewAzureTicket }): TicketLocation {
  return { subscriptionId: record.request.subscriptionId, name: ticketNameFor(record.idempotencyKey), tenantId: record.tenantId };
}
