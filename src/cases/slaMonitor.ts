/**
 * SLA watch: a reminder in the case thread when the first response nears its due time, and a notice when it is
 * breached, each posted once (recorded on the case by compare-and-swap) and by one instance at a time (lease).
 */
import type { Lease } from '../storage';
import { translator } from '../i18n';
import type { CaseDeskDeps } from './caseDeps';
import type { CaseNotifier } from './caseNotifier';

/** How long before the due time the reminder is posted. */
export const SLA_REMINDER_MS = 15 * 60_000;

export class SlaMonitor {
  constructor(private readonly deps: CaseDeskDeps, private readonly notifier: CaseNotifier, private readonly lease: Lease) {}

  /** Checks every case still waiting for a first response; resolves to the number of notices posted. */
  async checkSla(now: Date): Promise<number> {
    if (!(await this.lease.acquire())) return 0;
    const t = translator(this.notifier.agentsLocale);
    let posted = 0;
    for (const c of await this.deps.store.openCases()) {
      if (c.state !== 'new') continue;
      const dueMs = Date.parse(c.slaDueAt) - now.getTime();
      const kind = dueMs <= 0 ? 'breach' : dueMs <= SLA_REMINDER_MS ? 'reminder' : undefined;
      if (!kind) continue;
      const marked = await this.deps.store.patch(c.id, (current) =>
        current.state === 'new' && !current.slaNotified?.[kind] ? { slaNotified: { ...current.slaNotified, [kind]: now.toISOString() } } : undefined);
      if (!marked) continue;
      await this.notifier.postToThread(marked, t(`cases.sla.${kind}`, { id: c.id, due: `${c.slaDueAt.slice(0, 16).replace('T', ' ')} UTC` }));
      this.deps.logger.info({ event: `cases.sla.${kind}`, caseId: c.id }, 'SLA notice posted');
      posted += 1;
    }
    return posted;
  }
}
