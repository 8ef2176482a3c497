/**
 * Seeds a run of the agents' tab with data written through the product's own stores (CaseStore transitions,
 * ServiceRequestStore filing, Outbox deliveries), so the read API computes from storage exactly as in production:
 * cases of the example customers in every open state and over several days, each with its thread in the agents'
 * channel (as CaseThreads starts it), resolved ones with satisfaction ratings, a Partner Center service request, and the sandbox's active Exchange incident of Fabrikam (EX1093214 in
 * config/sandbox-health.json) told to two of its conversations.
 *
 * Use it on the storage the bot will open, before starting it, e.g. for the Chromium e2e:
 *   await seedDashboardFile('/tmp/run/bot.sqlite');  // then start the bot with SANDBOX=on STORAGE=sqlite SQLITE_PATH=…
 */
import { CaseStore } from '../../src/cases/caseStore';
import { DEFAULT_OPEN_CASE_LIMITS, type Actor, type Case } from '../../src/cases/caseModel';
import type { CaseAction } from '../../src/cases/caseTransitions';
import { ServiceRequestStore } from '../../src/escalation/serviceRequestStore';
import type { HealthIssue } from '../../src/health/model';
import { Outbox } from '../../src/notifications';
import { createStorage, type Storage } from '../../src/storage';
import type { Triage } from '../../src/problem/triageModel';
import { TENANTS } from './activities';

const HOUR_MS = 3_600_000;
/** The agents' channel the seeded case threads are in. */
const AGENTS_CHANNEL_ID = '19:seed-agents@thread.tacv2';

/** The seeded agents (Sandbox Agent is the development sign-in's default user). */
export const SEED_AGENTS = {
  sandbox: { aadObjectId: 'd7e3c0a1-2b4f-4e6a-8c9d-1f2e3a4b5c6d', name: 'Sandbox Agent' },
  second: { aadObjectId: 'a3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d', name: 'Noor Haddad' },
} as const;

/** The incident the seed notifies (active for Fabrikam in the Graph stand-in's seed). */
export const SEED_INCIDENT_ID = 'EX1093214';

/** What the seed wrote, for assertions. */
export interface DashboardSeed {
  openCaseIds: string[];
  resolvedCaseIds: string[];
  escalatedCaseId: string;
  incidentId: string;
}

interface SeedCase {
  tenantId: string;
  customerName: string;
  user: string;
  service: string;
  description: string;
  severity: Triage['severity'];
  hoursAgo: number;
  slaHours: number;
  /** Transitions after opening: action and hours after opening. */
  steps: Array<[CaseAction, number, 'agent' | 'second' | 'customer']>;
  matchedIssue?: string;
}

const FABRIKAM = { tenantId: TENANTS.fabrikam, customerName: 'Fabrikam' };
const CONTOSO = { tenantId: TENANTS.contoso, customerName: 'Contoso Pharma' };

const CASES: SeedCase[] = [
  { ...FABRIKAM, user: 'Élise Martin', service: 'Exchange Online', description: 'Outlook ne reçoit plus de mails depuis ce matin', severity: 'critical', hoursAgo: 2, slaHours: 1, steps: [], matchedIssue: SEED_INCIDENT_ID },
  { ...FABRIKAM, user: 'Hugo Bernard', service: 'Exchange Online', description: 'Shared mailbox does not sync', severity: 'moderate', hoursAgo: 1, slaHours: 4, steps: [[{ kind: 'take' }, 0.2, 'agent']], matchedIssue: SEED_INCIDENT_ID },
  { ...CONTOSO, user: 'Sam Lee', service: 'Microsoft Teams', description: 'Teams meetings drop after 10 minutes', severity: 'critical', hoursAgo: 0.5, slaHours: 1, steps: [] },
  { ...CONTOSO, user: 'Priya Shah', service: 'SharePoint Online', description: 'Cannot share a site with a guest', severity: 'minimal', hoursAgo: 30, slaHours: 48, steps: [[{ kind: 'take' }, 1, 'second'], [{ kind: 'waitForCustomer' }, 2, 'second']] },
  { ...FABRIKAM, user: 'Lucie Petit', service: 'OneDrive for Business', description: 'OneDrive sync stuck', severity: 'moderate', hoursAgo: 75, slaHours: 4, steps: [
    [{ kind: 'take' }, 0.5, 'agent'], [{ kind: 'agentMessage', text: 'Please restart the sync client.', internal: false }, 0.6, 'agent'],
    [{ kind: 'resolve', summary: 'Sync client reset' }, 3, 'agent'], [{ kind: 'rate', score: 5, comment: 'Fast and clear' }, 3.5, 'customer'],
  ] },
  { ...CONTOSO, user: 'Sam Lee', service: 'Microsoft Entra', description: 'MFA prompts loop', severity: 'critical', hoursAgo: 50, slaHours: 1, steps: [
    [{ kind: 'take' }, 1.5, 'second'], [{ kind: 'resolve', summary: 'Conditional Access policy fixed' }, 6, 'second'], [{ kind: 'rate', score: 3 }, 7, 'customer'],
  ] },
  { ...FABRIKAM, user: 'Hugo Bernard', service: 'Microsoft Teams', description: 'Teams status not updating', severity: 'minimal', hoursAgo: 140, slaHours: 24, steps: [[{ kind: 'withdraw' }, 1, 'customer']] },
];

function actorOf(kind: 'agent' | 'second' | 'customer', customer: string): Actor {
  if (kind === 'customer') return { kind: 'customer', name: customer };
  const agent = kind === 'agent' ? SEED_AGENTS.sandbox : SEED_AGENTS.second;
  return { kind: 'agent', ...agent };
}

function draftOf(seed: SeedCase, index: number, openedAt: Date): Omit<Case, 'id'> {
  const conversationId = `a:seed-${index}-${seed.tenantId.slice(0, 8)}`;
  const user = { id: `29:seed-${index}`, name: seed.user };
  const triage: Triage = {
    service: seed.service, description: seed.description, since: { kind: 'today' }, usersAffected: 'everyone', severity: seed.severity,
    locale: 'en-US', tenantId: seed.tenantId, conversationId, user, startedAt: openedAt.toISOString(),
  };
  return {
    tenantId: seed.tenantId, customerName: seed.customerName, user, customerConversationId: conversationId, locale: 'en-US', triage,
    matchedIssues: seed.matchedIssue ? [{ id: seed.matchedIssue, title: 'Users can\'t receive email in Outlook', status: 'serviceDegradation' }] : [],
    state: 'new', history: [], transcript: [{ from: 'customer', name: seed.user, text: seed.description, at: openedAt.toISOString() }],
    slaDueAt: new Date(openedAt.getTime() + seed.slaHours * HOUR_MS).toISOString(), createdAt: openedAt.toISOString(),
  };
}

/** The Exchange incident as the health model reads it. */
function seedIncident(now: Date): HealthIssue {
  return {
    id: SEED_INCIDENT_ID, title: 'Users can\'t receive email in Outlook', impactDescription: 'Users may be unable to receive new email messages.',
    classification: 'incident', status: 'serviceDegradation', service: 'Exchange Online', feature: 'E-Mail and calendar access', featureGroup: 'Mail flow',
    isResolved: false, startDateTime: new Date(now.getTime() - 3 * HOUR_MS).toISOString(), endDateTime: null,
    lastModifiedDateTime: new Date(now.getTime() - HOUR_MS).toISOString(), latestPost: null,
  };
}

/** Writes the seed through the stores on `storage`. */
export async function seedDashboard(storage: Storage, now: Date = new Date()): Promise<DashboardSeed> {
  const cases = new CaseStore(storage);
  const seed: DashboardSeed = { openCaseIds: [], resolvedCaseIds: [], escalatedCaseId: '', incidentId: SEED_INCIDENT_ID };
  for (const [index, entry] of CASES.entries()) {
    const openedAt = new Date(now.getTime() - entry.hoursAgo * HOUR_MS);
    const result = await cases.create(draftOf(entry, index, openedAt), DEFAULT_OPEN_CASE_LIMITS, openedAt);
    if (!('created' in result)) throw new Error(`seed case ${index} not created: ${JSON.stringify(result)}`);
    const id = result.created.id;
    const activityId = `17648000000${String(index).padStart(2, '0')}`;
    const conversationId = `${AGENTS_CHANNEL_ID};messageid=${activityId}`;
    await cases.setThread(id, { conversationId, activityId, reference: { conversation: { id: conversationId, isGroup: true, conversationType: 'channel', name: '' }, serviceUrl: 'https://smba.trafficmanager.net/emea/' } });
    for (const [action, hoursAfter, who] of entry.steps) {
      const outcome = await cases.apply(id, action, actorOf(who, entry.user), new Date(openedAt.getTime() + hoursAfter * HOUR_MS));
      if (!outcome || !('case' in outcome)) throw new Error(`seed step ${action.kind} of ${id} refused: ${JSON.stringify(outcome)}`);
    }
    const stored = await cases.get(id);
    if (stored?.state === 'resolved') seed.resolvedCaseIds.push(id);
    else if (stored && ['new', 'taken', 'waitingForCustomer'].includes(stored.state)) seed.openCaseIds.push(id);
  }

  const escalatedCaseId = seed.openCaseIds[1] ?? '';
  const requests = new ServiceRequestStore(storage, () => new Date(now.getTime() - 0.5 * HOUR_MS));
  await requests.reserve({
    caseId: escalatedCaseId, ...FABRIKAM, requestedBy: SEED_AGENTS.sandbox,
    request: { title: 'Shared mailbox does not sync', description: 'Since this morning, for every user.', severity: 'moderate', supportTopicId: '32444671' },
  });
  await requests.markFiled(escalatedCaseId, {
    id: '2601020010000123', title: 'Shared mailbox does not sync', description: 'Since this morning, for every user.', severity: 'moderate', status: 'open',
    supportTopicId: '32444671', notes: [],
  });
  seed.escalatedCaseId = escalatedCaseId;

  const outbox = new Outbox(storage);
  const issue = seedIncident(now);
  const told = ['a:seed-told-1', 'a:seed-told-2'];
  await outbox.enqueue(told.map((conversationId) => ({
    audience: 'customer' as const, tenantId: TENANTS.fabrikam, conversationId, reference: { conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, locale: 'fr-FR',
    issue, issueTenantId: TENANTS.fabrikam, kind: 'new' as const, changes: [],
  })));
  for (const delivery of await outbox.forIncident(SEED_INCIDENT_ID)) {
    const claimed = await outbox.claim(delivery.key, 'seed', 60_000);
    if (!claimed) continue;
    await outbox.cardShown(delivery.key, claimed.version, `seed-card-${delivery.conversationId}`);
    await outbox.release(delivery.key, 'seed');
  }
  return seed;
}

/** Seeds a SQLite file (created if missing) and closes it: the bot then opens it with STORAGE=sqlite SQLITE_PATH=`path`. */
export async function seedDashboardFile(sqlitePath: string, now: Date = new Date()): Promise<DashboardSeed> {
  const handle = createStorage({ kind: 'sqlite', sqlitePath });
  try {
    return await seedDashboard(handle.storage, now);
  } finally {
    await handle.close();
  }
}
