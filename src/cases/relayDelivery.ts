/**
 * Live relay between a customer and the agent who took their case, at least once: every relayed message is on the
 * case transcript as `pending` before it is sent, marked `delivered` once the Connector accepted it, and re-sent
 * with backoff by one instance at a time (lease) when the first send failed or its process died.
 */
import { RELAY_RETRY_POLICY } from '../cloud/retryPolicies';
import { backoffDelay, NO_JITTER } from '../cloud/retryTiming';
import type { Lease } from '../storage';
import { plainText } from '../text/plainText';
import { resolveLocale, translator } from '../i18n';
import type { CaseDeskDeps } from './caseDeps';
import { MAX_POST_CHARS, type CaseNotifier } from './caseNotifier';
import type { Case, RelayDelivery, TranscriptEntry } from './caseModel';
import { isOpenCase, isPendingRelay } from './caseModel';
import { attachmentLines } from './relayAttachments';

/** Room left in a relayed post for its header (names) and the note of dropped attachments. */
const POST_MARGIN_CHARS = 1_000;

/**
 * What a send attempt changes on the stored delivery: delivered, or the next attempt after `intervalMs` doubled
 * per failure (at most an hour, no jitter: one instance sends), or failed after RELAY_RETRY_POLICY's attempts. Pure.
 */
export function afterAttempt(delivery: RelayDelivery, delivered: boolean, now: Date, intervalMs: number): RelayDelivery {
  const attempts = delivery.attempts + 1;
  if (delivered) return { state: 'delivered', attempts };
  if (attempts >= RELAY_RETRY_POLICY.maxAttempts) return { state: 'failed', attempts };
  const backoff = backoffDelay(attempts, { ...RELAY_RETRY_POLICY, baseDelayMs: intervalMs }, NO_JITTER);
  return { state: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + backoff).toISOString() };
}

/**
 * How long a new relay belongs to the turn that stored it: that turn may still be sending it, through botbuilder's
 * own retries with backoff. Once it is over, the relay retry takes the entry over (the process may have died).
 */
export const RELAY_TURN_GRACE_MS = 15_000;

/** When the relay retry may send a pending entry. Pure. */
export function relayDueAt(entry: TranscriptEntry): number {
  if (entry.delivery?.nextAttemptAt) return Date.parse(entry.delivery.nextAttemptAt);
  return Date.parse(entry.at) + RELAY_TURN_GRACE_MS;
}

export class RelayDeliverer {
  /**
   * @param intervalMs - The relay retry's period, and its first backoff.
   */
  constructor(private readonly deps: CaseDeskDeps, private readonly notifier: CaseNotifier, private readonly lease: Lease, private readonly intervalMs: number) {}

  /**
   * Sends transcript entry `index` of the case to the other side (customer → case thread, agent → customer chat)
   * and records the outcome. Resolves to whether the Connector accepted it.
   */
  async deliver(c: Case, index: number, now: Date = new Date()): Promise<boolean> {
    const entry = c.transcript[index];
    if (!entry || !isPendingRelay(entry)) return false;
    const delivered = await this.send(c, entry);
    const updated = await this.deps.store.patch(c.id, (current) => {
      const stored = current.transcript[index];
      if (!stored?.delivery || !isPendingRelay(stored) || stored.at !== entry.at) return undefined;
      const transcript = [...current.transcript];
      transcript[index] = { ...stored, delivery: afterAttempt(stored.delivery, delivered, now, this.intervalMs) };
      return { transcript };
    });
    const outcome = updated?.transcript[index]?.delivery;
    if (outcome?.state === 'failed') {
      this.deps.logger.error({ event: 'cases.relayFailed', caseId: c.id, tenantId: c.tenantId, from: entry.from, attempts: outcome.attempts }, 'relayed message given up');
    }
    return delivered;
  }

  /**
   * Re-sends every relay whose first send failed or was cut off, when its next attempt is due. One instance at a
   * time; resolves to the number delivered.
   */
  async retryPending(now: Date): Promise<number> {
    if (!(await this.lease.acquire())) return 0;
    let delivered = 0;
    for (const c of await this.deps.store.casesWithRelays()) {
      const due = c.transcript.flatMap((entry, index) => (isPendingRelay(entry) && relayDueAt(entry) <= now.getTime() ? [index] : []));
      for (const index of due) {
        const claimed = await this.claim(c.id, index, now);
        if (!claimed) continue;
        this.deps.logger.info({ event: 'cases.relayRetried', caseId: c.id, tenantId: c.tenantId, attempt: (claimed.transcript[index]?.delivery?.attempts ?? 0) + 1 }, 'relaying a pending message again');
        if (await this.deliver(claimed, index, now)) delivered += 1;
      }
      // Only closed cases sit in the unsettled index; open ones leave nothing to settle.
      if (!isOpenCase(c)) await this.deps.store.settle(due.length > 0 ? (await this.deps.store.get(c.id)) ?? c : c);
    }
    return delivered;
  }

  /**
   * Takes a due pending entry for one send (compare-and-swap): its next attempt moves past the time a send may take,
   * so a slow send is never sent again by a later pass or another instance while it is still in flight. Undefined when
   * the entry is no longer pending or due (delivered meanwhile, or taken by another pass).
   */
  private async claim(caseId: string, index: number, now: Date): Promise<Case | undefined> {
    return this.deps.store.patch(caseId, (current) => {
      const stored = current.transcript[index];
      if (!stored?.delivery || !isPendingRelay(stored) || relayDueAt(stored) > now.getTime()) return undefined;
      const transcript = [...current.transcript];
      transcript[index] = { ...stored, delivery: { ...stored.delivery, nextAttemptAt: new Date(now.getTime() + RELAY_TURN_GRACE_MS).toISOString() } };
      return { transcript };
    });
  }

  private send(c: Case, entry: TranscriptEntry): Promise<boolean> {
    if (entry.from === 'customer') {
      const t = translator(this.notifier.agentsLocale);
      const body = plainText(entry.text);
      const lines = attachmentLines({ kept: entry.attachments ?? [], dropped: entry.attachmentsDropped ?? 0 }, t, MAX_POST_CHARS - body.length - POST_MARGIN_CHARS);
      const text = [body, ...lines].filter((line) => line !== '').join('\n\n');
      return this.notifier.postToThread(c, t('cases.agent.customerWrote', { name: plainText(entry.name), customer: plainText(c.customerName), text }));
    }
    const t = translator(resolveLocale(c.locale));
    // The agent's text is already markdown (src/teams/teamsText.ts): its formatting reaches the customer as such.
    return this.notifier.toCustomer(c, { type: 'message', text: t('cases.agent.agentWrote', { name: plainText(entry.name), text: entry.text }), textFormat: 'markdown' });
  }
}
