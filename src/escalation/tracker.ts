/**
 * Polls open service requests (Partner Center) and Azure support tickets, and reports status changes and new
 * notes (an Azure ticket's notes are Microsoft's communications on it). One poller at a time across
 * instances (storage lease); a change is reported once, by whichever poll wins the snapshot's compare-and-swap.
 */
import type { Logger } from 'pino';
import { createLease, type Lease, type Storage } from '../storage';
import type { TicketLocation } from './azureSupport/client';
import { type AzureCommunication, isAzureTicket, type NewAzureTicket } from './azureSupport/model';
import { microsoftNotes } from './azureSupport/parse';
import { ticketLocationOf } from './azureSupport/ticketName';
import type { ServiceRequest } from './partnerCenter/model';
import { diffServiceRequest, settledRequest, type SrChange } from './serviceRequestDiff';
import { type ServiceRequestRecord, type ServiceRequestStore, snapshotOf } from './serviceRequestStore';

/** Reads one request (PartnerCenterClient fits). */
export interface ServiceRequestReader {
  getServiceRequest(id: string): Promise<ServiceRequest>;
}

/** Reads one Azure support ticket and its communications (AzureSupportClient fits). */
export interface AzureTicketReader {
  getTicket(location: TicketLocation): Promise<ServiceRequest>;
  listCommunications(location: TicketLocation): Promise<AzureCommunication[]>;
}

export interface TrackerOptions {
  store: ServiceRequestStore;
  client: ServiceRequestReader;
  azure: AzureTicketReader;
  storage: Storage;
  logger: Logger;
  /** This instance's id (lease holder). */
  instanceId: string;
  /** Poll interval, ms (SR_TRACKER_INTERVAL_MS; default 60 000). */
  intervalMs?: number;
  /** Called once per detected change, with the updated record. */
  onChange: (record: ServiceRequestRecord, change: SrChange, current: ServiceRequest) => Promise<void>;
}

export const DEFAULT_TRACKER_INTERVAL_MS = 60_000;
const LEASE_NAME = 'escalation-tracker';

export class ServiceRequestTracker {
  private readonly lease: Lease;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: TrackerOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_TRACKER_INTERVAL_MS;
    // Held a little over two intervals: a crashed holder is replaced within ~3 polls.
    this.lease = createLease(options.storage, LEASE_NAME, options.instanceId, this.intervalMs * 2 + 5_000);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.pollOnce(); }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.lease.release();
  }

  /** One poll, if this instance holds the lease; resolves to the number of changes reported. Never throws. */
  pollOnce(): Promise<number> {
    this.running ??= this.poll().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async poll(): Promise<number> {
    try {
      if (!(await this.lease.acquire())) return 0;
      let reported = 0;
      for (const record of await this.options.store.listOpen()) {
        if (await this.track(record)) reported += 1;
      }
      return reported;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'service request poll failed');
      return 0;
    }
  }

  /** Checks one request; true when a change was reported. A failing request does not stop the others. */
  private async track(record: ServiceRequestRecord): Promise<boolean> {
    const seen = record.serviceRequest;
    if (!seen) return false;
    try {
      const { request } = record;
      const read = isAzureTicket(request) ? await this.readAzureTicket({ ...record, request }) : await this.options.client.getServiceRequest(seen.id);
      const current = settledRequest(seen, read);
      const change = diffServiceRequest(seen, current);
      if (!change) return false;
      const updated = await this.options.store.advanceSnapshot(record.caseId, seen, snapshotOf(current));
      if (!updated) return false;
      await this.options.onChange(updated, change, current);
      return true;
    } catch (error) {
      this.options.logger.warn({ err: error, caseId: record.caseId, tenantId: record.tenantId, serviceRequestId: seen.id }, 'service request check failed');
      return false;
    }
  }

  /** An Azure ticket with Microsoft's communications on it as its notes. */
  private async readAzureTicket(record: ServiceRequestRecord & { request: NewAzureTicket }): Promise<ServiceRequest> {
    const location = ticketLocationOf(record);
    const [ticket, communications] = await Promise.all([this.options.azure.getTicket(location), this.options.azure.listCommunications(location)]);
    return { ...ticket, notes: microsoftNotes(communications) };
  }
}
