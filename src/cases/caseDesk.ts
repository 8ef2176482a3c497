/**
 * The case desk: the one service the bot calls for handoff to partner agents. Customer side here; the agents'
 * channel, card actions and SLA checks live in their own modules and are reached through this facade.
 */
import { randomUUID } from 'node:crypto';
import { audienceOf } from '../teams/audience';
import type { CommandRouter } from '../teams/commandRouter';
import type { AgentPlaces } from '../teams/guard';
import type { Turn } from '../teams/turn';
import { sendCard } from '../teams/replies';
import { turnLog } from '../teams/turnLog';
import type { VerbHandler } from '../teams/cardActions';
import { plainText } from '../text/plainText';
import type { Triage } from '../problem/triageModel';
import { translator } from '../i18n';
import { createLease, type Storage } from '../storage';
import { AgentDesk } from './agentDesk';
import { channelIdOf, isAgentsPlace, teamIdOf } from './agentPlaces';
import { addBusinessMinutes, formatInZone, isOpen, nextOpening } from './businessHours';
import { CaseActions } from './caseActions';
import { caseStatusCard, satisfactionCard } from './caseCards';
import type { CaseDeskDeps } from './caseDeps';
import { CaseNotifier } from './caseNotifier';
import type { Actor, Case, MatchedIssue } from './caseModel';
import { DEFAULT_OPEN_CASE_LIMITS, parseCaseId, relaySourceId } from './caseModel';
import { CaseThreads } from './caseThreads';
import { relayAttachments } from './relayAttachments';
import { RelayDeliverer } from './relayDelivery';
import { SlaMonitor } from './slaMonitor';

/** Customer commands about their case. */
export type CustomerCaseCommand = 'status' | 'cancel' | 'end';

export class CaseDesk {
  /** Handles `case.*` Universal Actions; register it in the CardActionRouter. */
  readonly verbHandler: VerbHandler;
  /** Where agents work: personal chats, and the agents' channel the store remembers (see {@link isAgentsPlace}). */
  readonly agentPlaces: AgentPlaces;
  private readonly notifier: CaseNotifier;
  private readonly agents: AgentDesk;
  private readonly sla: SlaMonitor;
  private readonly relays: RelayDeliverer;
  private readonly threads: CaseThreads;
  private readonly now: () => Date;

  /**
   * @param deps - Services from the composition root.
   * @param storage - The shared storage, for the SLA lease.
   * @param instanceId - This process's lease holder id (default: a random UUID).
   */
  constructor(private readonly deps: CaseDeskDeps, storage: Storage, instanceId: string = randomUUID()) {
    this.now = deps.now ?? (() => new Date());
    this.notifier = new CaseNotifier(deps);
    const relayRetryMs = deps.relayRetryMs ?? 15_000;
    // The lease outlives two missed ticks only: after a crash, another (or the restarted) instance resumes soon.
    this.relays = new RelayDeliverer(deps, this.notifier, createLease(storage, 'cases.relay', instanceId, 2 * relayRetryMs + 5_000), relayRetryMs);
    this.threads = new CaseThreads(deps, this.notifier);
    this.agents = new AgentDesk(deps, this.relays, this.threads);
    this.verbHandler = new CaseActions(deps, this.notifier);
    this.sla = new SlaMonitor(deps, this.notifier, createLease(storage, 'cases.sla', instanceId, 60_000));
    this.agentPlaces = { isAgentsPlace: async (turn) => isAgentsPlace(turn.activity, (await deps.store.agentsChannel())?.channelId) };
  }

  /**
   * Registers the case commands: the customer's `status`, `cancel`, `end` (about their open case; not theirs to answer
   * without one) and `case <n>`, and the agents' `queue`, `case <n>`, `use this channel`.
   */
  registerCommands(router: CommandRouter): void {
    for (const command of ['status', 'cancel', 'end'] as const) {
      router.register({ command, audience: 'customer', run: (turn) => this.onCustomerCommand(turn, command) });
    }
    router.register({ command: 'case', audience: 'customer', run: (turn, command) => this.onCustomerCaseLookup(turn, command.caseNumber) });
    this.agents.registerCommands(router);
  }

  /**
   * Opens a case from a finished triage: stores it, starts its thread in the agents' channel with the case card, and
   * tells the customer the case number, the queue position and, out of hours, when the partner is back. Without an
   * agents' channel the case waits in the queue, and the customer is promised no answer here right away. A
   * conversation has one open case at a time: asking again (typing `agent`, a replayed button) shows that case's
   * status instead, and its live relay stays as it is. Past the open-case limits, the customer is told and nothing
   * is opened.
   * @returns The case opened or already open, and whether it was opened now; undefined when refused.
   */
  async openCase(context: Turn, triage: Triage, matchedIssues: MatchedIssue[]): Promise<{ case: Case; created: boolean } | undefined> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') throw new Error('openCase: only a customer opens a case');
    const now = this.now();
    const { hours, firstResponseMinutes } = audience.customer.supportPlan;
    await this.deps.references.save(context.activity);
    const from = context.activity.from;
    const result = await this.deps.store.create({
      tenantId: audience.tenantId,
      customerName: audience.customer.name,
      user: { id: from.id, aadObjectId: from.aadObjectId, name: from.name ?? triage.user.name },
      customerConversationId: context.activity.conversation.id,
      locale: audience.locale,
      triage,
      matchedIssues: matchedIssues.map(({ id, title, status, evidence }) => ({ id, title, status, ...(evidence ? { evidence } : {}) })),
      state: 'new',
      history: [{ action: 'open', by: from.name ?? triage.user.name, at: now.toISOString(), state: 'new' }],
      transcript: [],
      slaDueAt: addBusinessMinutes(hours, now, firstResponseMinutes[triage.severity]).toISOString(),
      createdAt: now.toISOString(),
    }, this.deps.openCaseLimits ?? DEFAULT_OPEN_CASE_LIMITS, now);
    const t = translator(audience.locale);
    if ('existing' in result) {
      await sendCard(context, caseStatusCard(result.existing, audience.locale, [t('cases.customer.alreadyOpen', { id: result.existing.id })]));
      return { case: result.existing, created: false };
    }
    if ('refused' in result) {
      turnLog(this.deps.logger, context).warn({ event: 'cases.openRefused', reason: result.refused }, 'case not opened');
      await context.sendActivity(t(`cases.customer.openRefused.${result.refused}`));
      return undefined;
    }
    const c = await this.threads.start(result.created);
    const queue = (await this.deps.store.openCases()).filter((o) => o.state === 'new');
    const lines = [t(c.thread ? 'cases.customer.opened' : 'cases.customer.recorded', { id: c.id, position: queue.findIndex((o) => o.id === c.id) + 1 })];
    if (!isOpen(hours, now)) lines.push(t('cases.customer.outOfHours', { opening: formatInZone(hours, nextOpening(hours, now), context.activity.locale ?? audience.locale) }));
    await context.sendActivity({ type: 'message', text: lines.join('\n\n') });
    return { case: c, created: true };
  }

  /**
   * A customer's message (or its edit, undelete, delete), relayed to the case thread when an agent has taken the
   * case. Resolves to false when the message is not for the case desk (triage goes on).
   */
  async onCustomerMessage(context: Turn): Promise<boolean> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return false;
    const c = await this.deps.store.active(audience.tenantId, context.activity.conversation.id);
    if (!c || c.state === 'new') return false;
    const text = (context.activity.text ?? '').trim();
    const { kept, dropped } = relayAttachments(context.activity.attachments);
    if (text === '' && kept.length === 0 && dropped === 0) return false;
    if (dropped > 0) turnLog(this.deps.logger, context).info({ event: 'cases.attachmentsDropped', caseId: c.id, dropped }, 'attachments not forwarded');
    const now = this.now();
    const message = { kind: 'customerMessage' as const, text, sourceId: relaySourceId(context), attachments: kept, attachmentsDropped: dropped };
    const result = await this.deps.store.apply(c.id, message, this.customerActor(context), now);
    if (!result) return false;
    if ('refused' in result) return result.refused === 'duplicate';
    const delivered = await this.relays.deliver(result.case, result.case.transcript.length - 1, now);
    if (!delivered) await context.sendActivity(translator(audience.locale)('cases.customer.notDelivered'));
    if (c.state !== result.case.state) await this.notifier.refreshThreadCard(result.case);
    return true;
  }

  /** `status`, `cancel` (withdraw) or `end` from the customer. Resolves to false when they have no open case. */
  async onCustomerCommand(context: Turn, name: CustomerCaseCommand): Promise<boolean> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return false;
    const c = await this.deps.store.active(audience.tenantId, context.activity.conversation.id);
    if (!c) return false;
    const t = translator(audience.locale);
    if (name === 'status') {
      await sendCard(context, caseStatusCard(c, audience.locale, []));
      return true;
    }
    const result = await this.deps.store.apply(c.id, { kind: name === 'cancel' ? 'withdraw' : 'customerEnd' }, this.customerActor(context), this.now());
    if (!result) return false;
    if ('refused' in result) {
      await context.sendActivity(t(`cases.refused.${result.refused}`));
      return true;
    }
    const agentsT = translator(this.notifier.agentsLocale);
    await context.sendActivity(t(name === 'cancel' ? 'cases.customer.withdrawn' : 'cases.customer.ended', { id: c.id }));
    await this.notifier.postToThread(result.case, agentsT(name === 'cancel' ? 'cases.agent.customerWithdrew' : 'cases.agent.customerEnded', { name: plainText(c.user.name) }));
    await this.notifier.refreshThreadCard(result.case);
    if (name === 'end') await sendCard(context, satisfactionCard(result.case, audience.locale));
    return true;
  }

  /**
   * `case <n>` typed by a customer: the status of that case when it is one of their own (same tenant, same chat).
   * Any other number gets the same answer whether the case exists or not, and a case of someone else is logged
   * as a security event.
   */
  async onCustomerCaseLookup(context: Turn, caseNumber: string): Promise<boolean> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return false;
    const caseId = parseCaseId(caseNumber);
    const found = caseId ? await this.deps.store.get(caseId) : undefined;
    if (found && found.tenantId === audience.tenantId && found.customerConversationId === context.activity.conversation.id) {
      await sendCard(context, caseStatusCard(found, audience.locale, []));
      return true;
    }
    if (found) {
      turnLog(this.deps.logger, context).warn({ event: 'security.caseLookupFromCustomer', caseId: found.id, sameTenant: found.tenantId === audience.tenantId }, 'customer asked for a case that is not theirs');
    }
    await context.sendActivity(translator(audience.locale)('cases.customer.lookupNotFound'));
    return true;
  }

  /**
   * A message from the partner tenant (or its edit, undelete, delete) in a case thread: relayed to the customer when
   * the sender holds an agent role. False when not in a case thread.
   */
  onPartnerMessage(context: Turn): Promise<boolean> {
    return this.agents.relayFromThread(context);
  }

  /** Whether the message was posted in a case thread (where text other than case commands is relayed). */
  async inCaseThread(context: Turn): Promise<boolean> {
    return (await this.agents.caseOfThread(context)) !== undefined;
  }

  /**
   * A channel or a team was deleted, or the bot was removed from a conversation: when that was the agents' channel
   * (or its team), it is forgotten and new cases wait in the queue (see {@link CaseThreads.lose}).
   */
  async onRemoved(context: Turn, event: 'channelDeleted' | 'teamDeleted' | 'uninstalled'): Promise<void> {
    if (audienceOf(context).kind !== 'partner') return;
    const activity = context.activity;
    const teamId = teamIdOf(activity);
    if (event === 'channelDeleted') await this.threads.lose({ channelId: channelIdOf(activity), reason: event });
    else if (teamId) await this.threads.lose({ teamId, reason: event });
  }

  /** Re-sends relayed messages whose delivery failed or was cut off (one instance at a time, by lease). */
  retryRelays(now: Date = this.now()): Promise<number> {
    return this.relays.retryPending(now);
  }

  /** Posts SLA reminders and breaches for open cases (one instance at a time, by lease). Resolves to the number posted. */
  checkSla(now: Date = this.now()): Promise<number> {
    return this.sla.checkSla(now);
  }

  private customerActor(context: Turn): Actor {
    const from = context.activity.from;
    return { kind: 'customer', aadObjectId: from.aadObjectId, name: from.name ?? '' };
  }
}
