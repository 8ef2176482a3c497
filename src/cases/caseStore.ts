/**
 * Cases on the storage contract (src/storage/storage.ts). Every change is a read-modify-write with eTag compare-and-swap (updateItem), so
 * concurrent actions on one case (on one or several instances) serialize: exactly one Take wins.
 */
import type { ConversationReference } from '../teams/turn';
import { isStorageConflict, storageKey, updateItem, type Storage } from '../storage';
import type { Actor, Agent, Case, OpenCaseLimits } from './caseModel';
import { compareQueueOrder, formatCaseId, isOpenCase, isPendingRelay } from './caseModel';
import { transition, type CaseAction, type TransitionResult } from './caseTransitions';

/** First case number handed out. */
const FIRST_CASE_NUMBER = 1001;

/** The agents' channel: where case threads are created. */
export interface AgentsChannel {
  channelId: string;
  teamId?: string;
  /** A reference to the channel conversation (service URL, bot, tenant). */
  reference: Partial<ConversationReference>;
  locale?: string;
  setBy?: string;
  updatedAt: string;
}

/** A new case before it has its number. */
export type NewCase = Omit<Case, 'id'>;

/** What asking for a new case gave: the case, the conversation's case already open, or a refusal at a limit. */
export type CreateResult = { created: Case } | { existing: Case } | { refused: CreateRefusal };

/** Why no case was opened: a limit, or another request of the same conversation opening one right now. */
export type CreateRefusal = 'tenantLimit' | 'userLimit' | 'inProgress';

/**
 * How long a conversation's pointer to a case not yet written holds (its creation is under way on some instance);
 * past it, the creator is taken to have died and the conversation is free again.
 */
const PENDING_CLAIM_MS = 60_000;

interface Counter { next: number }
interface IdList { ids: string[] }
interface Pointer { caseId: string; claimedAt?: string }
/** `chat`: the conversation id of the agent's personal chat with the bot, once they used it. */
interface Roster { agents: Array<Agent & { seenAt: string; chat?: string }> }

const COUNTER_KEY = storageKey('cases', 'counter');
const OPEN_INDEX_KEY = storageKey('cases', 'open');
const CHANNEL_KEY = storageKey('cases', 'agentsChannel');
/** Agents who acted on cases with an agent role: the Assign list. */
const AGENTS_KEY = storageKey('cases', 'agents');
/** How many agents the roster keeps (the most recently seen). */
const ROSTER_SIZE = 200;
/** Closed cases with relayed messages still to deliver. */
const UNSETTLED_INDEX_KEY = storageKey('cases', 'unsettled');

/** Cases closed on a UTC day (`YYYY-MM-DD`): the day-bucketed index the dashboard's statistics read. */
function closedOnKey(day: string): string {
  return storageKey('cases', 'closedOn', day);
}

/** The UTC day a closed case was closed: its last transition's. */
function closedDay(c: Case): string {
  return (c.history.at(-1)?.at ?? c.createdAt).slice(0, 10);
}

function caseKey(caseId: string): string {
  return storageKey('case', caseId);
}

function activeKey(tenantId: string, conversationId: string): string {
  return storageKey('cases', 'active', tenantId, conversationId);
}

function threadKey(conversationId: string): string {
  return storageKey('cases', 'thread', conversationId);
}

export class CaseStore {
  constructor(private readonly storage: Storage) {}

  /**
   * Opens a case unless its conversation already has one open (then resolves to that one) or a limit is reached.
   * The conversation is claimed by compare-and-swap on its pointer before the case is written, so two requests at
   * once (two instances, a replayed button) open one case. The case gets a unique number (CAS counter) and is
   * indexed as open. The limits are counted before the claim: concurrent requests of one tenant may pass a limit
   * by the few in flight.
   */
  async create(draft: NewCase, limits: OpenCaseLimits, now: Date = new Date()): Promise<CreateResult> {
    const pointerKey = activeKey(draft.tenantId, draft.customerConversationId);
    const held = await this.heldBy(pointerKey, now);
    if (held.open) return { existing: held.open };
    const open = await this.openCases();
    const userOf = (c: Pick<Case, 'user'>): string => c.user.aadObjectId ?? c.user.id;
    if (open.filter((c) => c.tenantId === draft.tenantId).length >= limits.perTenant) return { refused: 'tenantLimit' };
    if (open.filter((c) => c.tenantId === draft.tenantId && userOf(c) === userOf(draft)).length >= limits.perUser) return { refused: 'userLimit' };
    const counter = await updateItem<Counter>(this.storage, COUNTER_KEY, (current) => ({ next: (current?.next ?? FIRST_CASE_NUMBER) + 1 }), { maxAttempts: 50 });
    const created: Case = { ...draft, id: formatCaseId((counter.value?.next ?? FIRST_CASE_NUMBER + 1) - 1) };
    const claim = await updateItem<Pointer>(this.storage, pointerKey, (current) => (
      current && current.caseId !== held.staleCaseId ? 'abort' : { caseId: created.id, claimedAt: now.toISOString() }
    ), { maxAttempts: 50 });
    if (!claim.changed) {
      const winner = claim.value ? await this.get(claim.value.caseId) : undefined;
      if (winner && isOpenCase(winner)) return { existing: winner };
      // Claimed by a creation still under way: that one will be the conversation's case.
      return { refused: 'inProgress' };
    }
    await updateItem<Case>(this.storage, caseKey(created.id), (current) => (current ? 'abort' : created));
    await this.editIndex((ids) => [...ids, created.id]);
    return { created };
  }

  /** The open case a conversation pointer leads to, or the id of a stale pointer that a new case may replace. */
  private async heldBy(pointerKey: string, now: Date): Promise<{ open?: Case; staleCaseId?: string }> {
    const pointer = (await this.storage.read([pointerKey]))[pointerKey] as Pointer | undefined;
    if (!pointer) return {};
    const found = await this.get(pointer.caseId);
    if (found && isOpenCase(found)) return { open: found };
    const pending = !found && pointer.claimedAt !== undefined && now.getTime() - Date.parse(pointer.claimedAt) < PENDING_CLAIM_MS;
    return pending ? { staleCaseId: undefined } : { staleCaseId: pointer.caseId };
  }

  async get(caseId: string): Promise<Case | undefined> {
    const key = caseKey(caseId);
    const item = (await this.storage.read([key]))[key] as (Case & { eTag?: string }) | undefined;
    if (!item) return undefined;
    const { eTag: _eTag, ...stored } = item;
    return stored;
  }

  /**
   * Applies a transition under compare-and-swap: re-read and re-decided on every conflict, so the outcome is
   * decided on the latest case. Closing a case drops it from the open index and its conversation's pointer.
   * @returns undefined when the case does not exist.
   */
  async apply(caseId: string, action: CaseAction, actor: Actor, now: Date): Promise<TransitionResult | undefined> {
    let result: TransitionResult | undefined;
    await updateItem<Case>(this.storage, caseKey(caseId), (current) => {
      if (!current) {
        result = undefined;
        return 'abort';
      }
      result = transition(current, action, actor, now);
      return 'case' in result ? result.case : 'abort';
    }, { maxAttempts: 50 });
    if (result && 'case' in result && !isOpenCase(result.case)) await this.closed(result.case);
    return result;
  }

  /**
   * Changes stored fields that are no transition (thread, SLA notices), under compare-and-swap.
   * `change` returns undefined to leave the case as it is.
   * @returns The changed case, or undefined when this call changed nothing.
   */
  async patch(caseId: string, change: (current: Case) => Partial<Case> | undefined): Promise<Case | undefined> {
    const result = await updateItem<Case>(this.storage, caseKey(caseId), (current) => {
      const changes = current ? change(current) : undefined;
      return current && changes ? { ...current, ...changes } : 'abort';
    }, { maxAttempts: 50 });
    return result.changed ? result.value : undefined;
  }

  /** Records the thread of a case so messages in it find the case. */
  async setThread(caseId: string, thread: NonNullable<Case['thread']>): Promise<void> {
    await this.patch(caseId, () => ({ thread }));
    await updateItem<Pointer>(this.storage, threadKey(thread.conversationId), () => ({ caseId }));
  }

  /** The case whose thread is this channel conversation (`…;messageid=…`). */
  async byThread(conversationId: string): Promise<Case | undefined> {
    const key = threadKey(conversationId);
    const pointer = (await this.storage.read([key]))[key] as Pointer | undefined;
    return pointer ? this.get(pointer.caseId) : undefined;
  }

  /** The open case of a customer's conversation, if any. */
  async active(tenantId: string, conversationId: string): Promise<Case | undefined> {
    const key = activeKey(tenantId, conversationId);
    const pointer = (await this.storage.read([key]))[key] as Pointer | undefined;
    const found = pointer ? await this.get(pointer.caseId) : undefined;
    return found && found.tenantId === tenantId && isOpenCase(found) ? found : undefined;
  }

  /** Open cases in queue order (most severe, then oldest, first). */
  async openCases(): Promise<Case[]> {
    return (await this.indexed(OPEN_INDEX_KEY)).filter(isOpenCase).sort(compareQueueOrder);
  }

  /** Open cases, and closed ones whose relayed messages are not all delivered yet. */
  async casesWithRelays(): Promise<Case[]> {
    const [open, unsettled] = await Promise.all([this.indexed(OPEN_INDEX_KEY), this.indexed(UNSETTLED_INDEX_KEY)]);
    const openIds = new Set(open.map((c) => c.id));
    return [...open, ...unsettled.filter((c) => !openIds.has(c.id))];
  }

  /** Drops a closed case from the unsettled index once none of its relays is pending. */
  async settle(c: Case): Promise<void> {
    if (c.transcript.some(isPendingRelay)) return;
    await updateItem<IdList>(this.storage, UNSETTLED_INDEX_KEY, (current) => (current?.ids.includes(c.id) ? { ids: current.ids.filter((id) => id !== c.id) } : 'abort'), { maxAttempts: 50 });
  }

  async agentsChannel(): Promise<AgentsChannel | undefined> {
    const item = (await this.storage.read([CHANNEL_KEY]))[CHANNEL_KEY] as AgentsChannel | undefined;
    return item;
  }

  /** Sets the agents' channel (an agent's choice). */
  async setAgentsChannel(channel: AgentsChannel): Promise<void> {
    await updateItem<AgentsChannel>(this.storage, CHANNEL_KEY, () => channel);
  }

  /**
   * Forgets the agents' channel if it still is `channelId` (a channel chosen before this read stays; the delete is
   * not compare-and-swap, so one chosen in the instant between the read and the delete is lost and must be chosen again).
   * @returns The channel forgotten, or undefined when this call forgot nothing.
   */
  async clearAgentsChannel(channelId: string): Promise<AgentsChannel | undefined> {
    let cleared: AgentsChannel | undefined;
    await updateItem<AgentsChannel>(this.storage, CHANNEL_KEY, (current) => {
      cleared = current?.channelId === channelId ? current : undefined;
      return cleared ? undefined : 'abort';
    });
    return cleared;
  }

  /** Open cases still waiting for an agent that have no thread in the agents' channel, in queue order. */
  async casesWithoutThread(): Promise<Case[]> {
    return (await this.openCases()).filter((c) => c.state === 'new' && !c.thread);
  }

  /**
   * Remembers an agent who just passed the role check (written only when new, renamed, or seen in a new personal
   * chat `chat`). Best effort: the roster feeds the Assign list and who is told when the agents' channel is lost, so
   * a write that loses to many concurrent ones is dropped, never failing the action.
   */
  async rememberAgent(agent: Agent, now: Date, chat?: string): Promise<void> {
    await updateItem<Roster>(this.storage, AGENTS_KEY, (current) => {
      const agents = current?.agents ?? [];
      const known = agents.find((a) => a.aadObjectId === agent.aadObjectId);
      if (known && known.name === agent.name && (chat === undefined || known.chat === chat)) return 'abort';
      const others = agents.filter((a) => a.aadObjectId !== agent.aadObjectId);
      const remembered = { aadObjectId: agent.aadObjectId, name: agent.name, seenAt: now.toISOString(), ...((chat ?? known?.chat) ? { chat: chat ?? known?.chat } : {}) };
      return { agents: [...others, remembered].slice(-ROSTER_SIZE) };
    }, { maxAttempts: 5 }).catch((err: unknown) => {
      if (!isStorageConflict(err)) throw err;
    });
  }

  /** Conversation ids of the personal chats agents of the roster had with the bot. */
  async agentChats(): Promise<string[]> {
    const roster = (await this.storage.read([AGENTS_KEY]))[AGENTS_KEY] as Roster | undefined;
    return (roster?.agents ?? []).flatMap((a) => (a.chat ? [a.chat] : []));
  }

  /** The agents of the roster, by name. */
  async agents(): Promise<Agent[]> {
    const roster = (await this.storage.read([AGENTS_KEY]))[AGENTS_KEY] as Roster | undefined;
    return (roster?.agents ?? []).map(({ aadObjectId, name }) => ({ aadObjectId, name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Cases closed on these UTC days (`YYYY-MM-DD`), as they are now (a rating given later is in). */
  async closedOn(days: readonly string[]): Promise<Case[]> {
    const keys = days.map(closedOnKey);
    const buckets = keys.length === 0 ? {} : await this.storage.read(keys);
    const ids = [...new Set(keys.flatMap((key) => (buckets[key] as IdList | undefined)?.ids ?? []))];
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map(caseKey));
    return ids.map((id) => items[caseKey(id)] as Case | undefined).filter((c): c is Case => c !== undefined);
  }

  private async closed(c: Case): Promise<void> {
    await updateItem<IdList>(this.storage, closedOnKey(closedDay(c)), (current) => (
      current?.ids.includes(c.id) ? 'abort' : { ids: [...(current?.ids ?? []), c.id] }
    ), { maxAttempts: 50 });
    if (c.transcript.some(isPendingRelay)) {
      await updateItem<IdList>(this.storage, UNSETTLED_INDEX_KEY, (current) => ({ ids: [...(current?.ids ?? []).filter((id) => id !== c.id), c.id] }), { maxAttempts: 50 });
    }
    await this.editIndex((ids) => ids.filter((id) => id !== c.id));
    await updateItem<Pointer>(this.storage, activeKey(c.tenantId, c.customerConversationId), (pointer) => (pointer?.caseId === c.id ? undefined : 'abort'));
  }

  private async indexed(indexKey: string): Promise<Case[]> {
    const index = (await this.storage.read([indexKey]))[indexKey] as IdList | undefined;
    const ids = index?.ids ?? [];
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map(caseKey));
    return ids.map((id) => items[caseKey(id)] as Case | undefined).filter((c): c is Case => c !== undefined);
  }

  private async editIndex(edit: (ids: string[]) => string[]): Promise<void> {
    await updateItem<IdList>(this.storage, OPEN_INDEX_KEY, (current) => ({ ids: edit(current?.ids ?? []) }), { maxAttempts: 50 });
  }
}
