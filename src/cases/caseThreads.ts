/**
 * Case threads in the agents' channel, and what happens when that channel goes away (deleted, its team deleted, the
 * bot removed, or the Connector answering that the bot can no longer post there): the channel is forgotten, the
 * agents who chatted with the bot and the log are told, and new cases wait in the queue until an agent chooses a
 * channel again, where the waiting cases are then posted.
 */
import { withTenant } from '../teams/conversationReferences';
import { cardActivity } from '../teams/cardMessages';
import { translator } from '../i18n';
import { classifySendError } from '../notifications/sendErrors';
import { caseCard } from './caseCards';
import type { CaseDeskDeps } from './caseDeps';
import type { CaseNotifier } from './caseNotifier';
import type { Case } from './caseModel';

/** What went away: a channel, a whole team, or the bot from a team; `reason` is kept in the log. */
export interface LostPlace {
  channelId?: string;
  teamId?: string;
  reason: string;
}

export class CaseThreads {
  constructor(private readonly deps: CaseDeskDeps, private readonly notifier: CaseNotifier) {}

  /**
   * Starts the case's thread in the agents' channel with its card. Without a channel, or when the Connector says the
   * bot cannot post there any more (the channel is then forgotten), the case waits in the queue without a thread.
   */
  async start(c: Case): Promise<Case> {
    const channel = await this.deps.store.agentsChannel();
    if (!channel) {
      this.deps.logger.warn({ event: 'cases.noAgentsChannel', caseId: c.id }, 'no agents channel; case queued without a thread');
      return c;
    }
    try {
      const thread = await this.deps.messenger.createThread(withTenant(channel.reference, this.deps.partnerTenantId), channel.channelId, cardActivity(caseCard(c, this.notifier.agentsLocale, { agents: await this.deps.store.agents() })));
      const conversationId = thread.reference.conversation?.id ?? '';
      await this.deps.store.setThread(c.id, { conversationId, activityId: thread.activityId, reference: thread.reference });
      return { ...c, thread: { conversationId, activityId: thread.activityId, reference: thread.reference } };
    } catch (err) {
      this.deps.logger.error({ event: 'cases.threadCreateFailed', caseId: c.id, tenantId: c.tenantId, channelId: channel.channelId, err }, 'could not start the case thread');
      const failure = classifySendError(err);
      if (failure.outcome === 'remove' || failure.outcome === 'pause') await this.lose({ channelId: channel.channelId, reason: failure.reason });
      return c;
    }
  }

  /** Posts the cases that wait without a thread in the (new) agents' channel, oldest most severe first. */
  async postWaiting(): Promise<number> {
    let posted = 0;
    for (const c of await this.deps.store.casesWithoutThread()) {
      if ((await this.start(c)).thread) posted += 1;
      else break;
    }
    return posted;
  }

  /**
   * Forgets the agents' channel when `place` is it (its channel, or its team): logs `agentsChannel.lost` and tells
   * the agents of the roster in their personal chats with the bot. Resolves to whether the channel was forgotten.
   */
  async lose(place: LostPlace): Promise<boolean> {
    const channel = await this.deps.store.agentsChannel();
    const matches = channel && ((place.channelId !== undefined && place.channelId === channel.channelId) || (place.teamId !== undefined && place.teamId === channel.teamId));
    if (!channel || !matches) return false;
    if (!(await this.deps.store.clearAgentsChannel(channel.channelId))) return false;
    this.deps.logger.warn({
      event: 'agentsChannel.lost', channelId: channel.channelId, teamId: channel.teamId, tenantId: this.deps.partnerTenantId, reason: place.reason,
    }, 'the agents channel is gone; new cases wait in the queue until an agent chooses a channel');
    const text = translator(this.notifier.agentsLocale)('cases.agent.channelLost');
    for (const chat of await this.deps.store.agentChats()) {
      const stored = await this.deps.references.get(this.deps.partnerTenantId, chat);
      if (!stored) continue;
      await this.deps.messenger.send(stored.reference, { type: 'message', text, textFormat: 'plain' }).catch((err: unknown) => {
        this.deps.logger.warn({ event: 'agentsChannel.lostNoticeFailed', conversationId: chat, err }, 'could not tell an agent that the agents channel is gone');
      });
    }
    return true;
  }
}
