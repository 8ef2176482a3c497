/**
 * The agents' side in the partner team: `queue`, `case <n>`, `use this channel`, and relay from a case thread to
 * the customer (`/note` stays internal). Every action needs an agent role, checked on the server; commands that show
 * cases answer only in the agents' channel and in personal chats, and only an agent chooses the agents' channel.
 */
import type { Activity, ConversationReference, Turn } from '../teams/turn';
import { audienceOf } from '../teams/audience';
import { turnLog } from '../teams/turnLog';
import { parseCommand } from '../teams/commands';
import { referenceOf } from '../teams/conversationReferences';
import { senderName } from '../teams/senderName';
import { sendCard } from '../teams/replies';
import { normalizeAgentActivity, splitNote } from '../teams/teamsText';
import { translator, type Locale, type Translate } from '../i18n';
import { channelIdOf, isAgentsPlace, teamIdOf } from './agentPlaces';
import { caseCard } from './caseCards';
import type { CaseDeskDeps } from './caseDeps';
import type { Agent, Case } from './caseModel';
import { parseCaseId, relaySourceId } from './caseModel';
import type { CaseThreads } from './caseThreads';
import { queuePage } from './queuePage';
import type { RelayDeliverer } from './relayDelivery';

function formatDue(c: Case): string {
  return `${c.slaDueAt.slice(0, 16).replace('T', ' ')} UTC`;
}

export class AgentDesk {
  constructor(private readonly deps: CaseDeskDeps, private readonly relays: RelayDeliverer, private readonly threads: CaseThreads) {}

  async onPartnerMessage(context: Turn): Promise<boolean> {
    const audience = audienceOf(context);
    if (audience.kind !== 'partner') return false;
    normalizeAgentActivity(context.activity);
    const command = parseCommand(context.activity.text);
    const conversationId = context.activity.conversation.id;
    const threadCase = conversationId.includes(';messageid=') ? await this.deps.store.byThread(conversationId) : undefined;
    const handled = command?.name === 'queue' || command?.name === 'case' || command?.name === 'useThisChannel';
    if (!handled && !threadCase) return false;
    if ((command?.name === 'queue' || command?.name === 'case') && !(await this.allowedHere(context, command.name))) return true;
    const agent = await this.requireAgent(context, audience.locale);
    if (!agent) return true;
    const t = translator(audience.locale);
    if (command?.name === 'queue') await this.queue(context, t, command.page);
    else if (command?.name === 'case') await this.showCase(context, command.caseNumber, audience.locale);
    else if (command?.name === 'useThisChannel') await this.useThisChannel(context, agent, t);
    else if (threadCase) await this.relay(context, threadCase, agent, t);
    return true;
  }

  /**
   * Whether an agent command may answer in this conversation (see {@link isAgentsPlace}); elsewhere says where to use
   * it and logs the attempt. Resolves to false when refused.
   */
  async allowedHere(context: Turn, command: string): Promise<boolean> {
    const channel = await this.deps.store.agentsChannel();
    if (isAgentsPlace(context.activity, channel?.channelId)) return true;
    turnLog(this.deps.logger, context).warn({
      event: 'security.agentCommandOutOfPlace', command, conversationType: context.activity.conversation.conversationType, aadObjectId: context.activity.from.aadObjectId,
    }, 'agent command outside the agents\' channel and personal chats refused');
    await context.sendActivity(translator(audienceOf(context).locale)('cases.agent.wrongPlace'));
    return false;
  }

  private channelFrom(activity: Activity, channelId: string): Parameters<CaseDeskDeps['store']['setAgentsChannel']>[0] {
    const reference = referenceOf(activity);
    return {
      channelId,
      teamId: teamIdOf(activity),
      reference: { ...reference, conversation: { ...reference.conversation, id: channelId } as ConversationReference['conversation'] },
      locale: activity.locale,
      updatedAt: new Date().toISOString(),
    };
  }

  private async requireAgent(context: Turn, locale: Locale): Promise<Agent | undefined> {
    const from = context.activity.from;
    const aadObjectId = from.aadObjectId ?? '';
    if (await this.deps.roles.isAllowedAgent(aadObjectId)) {
      const agent = { aadObjectId, name: await senderName(context, translator(locale)('relay.someAgent'), this.deps.logger) };
      const chat = context.activity.conversation.conversationType === 'personal' ? context.activity.conversation.id : undefined;
      await this.deps.store.rememberAgent(agent, new Date(), chat);
      return agent;
    }
    this.deps.logger.warn({ event: 'security.roleDenied', aadObjectId }, 'partner user without agent role refused');
    await context.sendActivity(translator(locale)('cases.refused.lacksRole'));
    return undefined;
  }

  private async queue(context: Turn, t: Translate, requested?: number): Promise<void> {
    const now = Date.now();
    const { items, page, pages } = queuePage(await this.deps.store.openCases(), requested);
    const lines = items.map((c) => t('cases.agent.queueLine', {
      id: c.id, customer: c.customerName, severity: t(`cases.severity.${c.triage.severity}`), state: t(`cases.state.${c.state}`),
      due: formatDue(c), breach: c.state === 'new' && Date.parse(c.slaDueAt) <= now ? t('cases.agent.breached') : '',
    }));
    if (pages > 1) lines.push(page < pages ? t('cases.agent.queueMore', { page, pages, next: page + 1 }) : t('cases.agent.queueLast', { page, pages }));
    await context.sendActivity({ type: 'message', text: lines.length > 0 ? lines.join('\n\n') : t('cases.agent.queueEmpty'), textFormat: 'plain' });
  }

  private async showCase(context: Turn, typed: string, locale: Locale): Promise<void> {
    const caseId = parseCaseId(typed);
    const c = caseId ? await this.deps.store.get(caseId) : undefined;
    if (!c) {
      await context.sendActivity(translator(locale)('cases.agent.notFound', { id: caseId ?? typed }));
      return;
    }
    await sendCard(context, caseCard(c, locale, { agents: await this.deps.store.agents() }));
  }

  private async useThisChannel(context: Turn, agent: Agent, t: Translate): Promise<void> {
    const channelId = channelIdOf(context.activity);
    if (context.activity.conversation.conversationType !== 'channel' || !channelId) {
      await context.sendActivity(t('cases.agent.noChannel'));
      return;
    }
    await this.deps.store.setAgentsChannel({ ...this.channelFrom(context.activity, channelId), setBy: agent.aadObjectId });
    this.deps.logger.info({ event: 'cases.agentsChannelSet', channelId, by: agent.aadObjectId }, 'agents channel chosen');
    await context.sendActivity(t('cases.agent.channelSet'));
    const posted = await this.threads.postWaiting();
    if (posted > 0) this.deps.logger.info({ event: 'cases.waitingPosted', channelId, count: posted }, 'cases that waited without a channel posted');
  }

  private async relay(context: Turn, c: Case, agent: Agent, t: Translate): Promise<void> {
    const { internal, text } = splitNote(context.activity.text ?? '');
    if (text === '') return;
    const now = new Date();
    const result = await this.deps.store.apply(c.id, { kind: 'agentMessage', text, internal, sourceId: relaySourceId(context) }, { kind: 'agent', ...agent }, now);
    if (!result) return;
    if ('refused' in result) {
      if (result.refused !== 'duplicate') await context.sendActivity(t(`cases.refused.${result.refused}`, { owner: result.owner?.name }));
      return;
    }
    if (internal) {
      // Said once, to the agent who typed it; an edit or a delete recorded as a note says nothing.
      if (context.activity.type === 'message') await context.sendActivity(t('cases.agent.noteKept'));
      return;
    }
    const delivered = await this.relays.deliver(result.case, result.case.transcript.length - 1, now);
    if (!delivered) await context.sendActivity(t('cases.agent.notDelivered'));
  }
}
