import type { Logger } from 'pino';
import { healthSummaryCard } from '../health/healthCards';
import { helpCard } from '../cards/helpCard';
import { serviceLabel } from '../triage/triageCards';
import { welcomeCard } from '../cards/welcomeCard';
import { TRIAGE_FLOW, type TriageOptions } from '../triage/triageDialog';
import type { Triage } from '../problem/triageModel';
import { presentTriageOutcome, readHealth, type TriageRecord } from '../triage/triageOutcome';
import type { ServiceHealthSource } from '../health/model';
import type { MessageCenterSource } from '../health/messageCenterModel';
import type { ExtraDiagnosisDeps } from '../health/extraDiagnosis';
import { translator } from '../i18n';
import { audienceOf } from '../teams/audience';
import type { CommandRouter } from '../teams/commandRouter';
import type { Command } from '../teams/commands';
import type { ConversationMemory, ConversationProperty } from '../teams/conversationMemory';
import type { QuestionFlowRunner } from '../teams/questionFlow';
import { sendCard } from '../teams/replies';
import type { MessageHandler } from '../teams/supportBot';
import type { Turn } from '../teams/turn';

/** Services offered as choices when the tenant's health cannot be read. */
const COMMON_SERVICES = ['Exchange Online', 'Microsoft Teams', 'SharePoint Online', 'OneDrive for Business', 'Microsoft Entra', 'Microsoft Intune', 'Dynamics 365 Apps', 'Microsoft 365 suite'];

/** What other capabilities do with a customer's chat (cases, notifications); wired by the composition root. */
export interface CustomerCapabilities {
  /** Consumes the message when the customer is talking to an agent (live relay). */
  relay(context: Turn): Promise<boolean>;
  /** Opens a case for agents from a finished triage. */
  openCase(context: Turn, record: TriageRecord, kind: 'agent' | 'microsoft'): Promise<void>;
  /** The customer confirmed an incident is their problem. */
  confirmIncident(context: Turn, issueId: string): Promise<void>;
  /** Card submits owned by other capabilities (satisfaction, notification settings); false when not handled. */
  submit(context: Turn, value: Record<string, unknown>): Promise<boolean>;
}

export interface CustomerConversationDeps extends ExtraDiagnosisDeps {
  partnerName: string;
  /** Where the triage in progress and the last triage are kept (`dialogState`, `lastTriage`). */
  memory: ConversationMemory;
  /** The command router: this chat registers `help`, `support`, `health` and `agent`; cases and notifications theirs. */
  commands: CommandRouter;
  health: ServiceHealthSource;
  /** The tenant's Message center, matched at the end of triage. */
  messageCenter?: MessageCenterSource;
  logger: Logger;
  capabilities: CustomerCapabilities;
}

/** A customer's 1:1 chat: commands, card submits, relay to an agent, and triage for anything else. */
export class CustomerConversation implements MessageHandler {
  private readonly triage: QuestionFlowRunner<TriageOptions, Triage>;
  private readonly lastTriage: ConversationProperty<TriageRecord>;

  constructor(private readonly deps: CustomerConversationDeps) {
    this.triage = deps.memory.questionFlow(TRIAGE_FLOW, 'dialogState');
    this.lastTriage = deps.memory.property('lastTriage');
    deps.commands
      .register({ command: 'help', audience: 'customer', run: (turn) => this.help(turn) })
      .register({ command: 'support', audience: 'customer', run: (turn) => this.support(turn) })
      .register({ command: 'health', audience: 'customer', run: (turn) => this.health(turn) })
      .register({ command: 'agent', audience: 'customer', run: (turn) => this.agent(turn) });
  }

  async onMessage(context: Turn): Promise<void> {
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (value && typeof value === 'object' && typeof value.action === 'string') return this.onSubmit(context, value);
    if (!context.activity.text?.trim() && typeof value?.triageAnswer === 'string') context.activity.text = value.triageAnswer;
    const command = this.deps.commands.parse(context);
    const inTriage = await this.triage.isActive(context);
    if (command) return this.onCommand(context, command, inTriage);
    if (inTriage) {
      const triage = await this.triage.continue(context);
      if (triage) await this.finishTriage(context, triage);
      return;
    }
    if (await this.deps.capabilities.relay(context)) return;
    if (!context.activity.text?.trim()) {
      await context.sendActivity(translator(audienceOf(context).locale)('errors.unsupported'));
      return;
    }
    await this.startTriage(context);
  }

  private async startTriage(context: Turn): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return;
    const snapshot = await readHealth(this.deps.health, audience.tenantId, context, this.deps.logger);
    const services = snapshot ? snapshot.services.map((s) => s.service) : COMMON_SERVICES;
    const { from, conversation, text } = context.activity;
    const options: TriageOptions = {
      locale: audience.locale,
      firstMessage: text ?? '',
      services,
      tenantId: audience.tenantId,
      conversationId: conversation.id,
      user: { id: from.id, aadObjectId: from.aadObjectId, name: from.name ?? '' },
      startedAt: new Date().toISOString(),
    };
    await context.sendActivity(translator(audience.locale)('triage.start'));
    const triage = await this.triage.start(context, options);
    if (triage) await this.finishTriage(context, triage);
  }

  private async finishTriage(context: Turn, triage: Triage): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return;
    await context.sendActivity(translator(audience.locale)('triage.checking'));
    const record = await presentTriageOutcome(context, triage, audience.customer, audience.locale, this.deps);
    await this.lastTriage.set(context, record);
  }

  /**
   * A typed command: `cancel` ends the triage in progress; any other goes to the command router. A command no
   * registration answers (a case command without a case, an agent's command) says there is nothing to act on.
   */
  private async onCommand(context: Turn, command: Command, inTriage: boolean): Promise<void> {
    const t = translator(audienceOf(context).locale);
    if (command.name === 'cancel' && inTriage) {
      await this.triage.cancel(context);
      await context.sendActivity(t('triage.cancelled'));
      return;
    }
    if (await this.deps.commands.dispatch(context, command)) return;
    await context.sendActivity(command.name === 'cancel' ? t('triage.nothingToCancel') : t('health.noTriage'));
  }

  /** `agent`: a case from the last triage; without one, not handled (the customer is told to describe the problem first). */
  private async agent(context: Turn): Promise<boolean> {
    const record = await this.lastTriage.get(context);
    if (!record) return false;
    await this.deps.capabilities.openCase(context, record, 'agent');
    return true;
  }

  private async help(context: Turn): Promise<void> {
    await sendCard(context, helpCard(audienceOf(context).locale, 'customer'));
  }

  private async support(context: Turn): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind === 'customer') await sendCard(context, welcomeCard(audience.customer, this.deps.partnerName, audience.locale));
  }

  /** `health` (whatever follows it): the customer's own tenant's service health. */
  private async health(context: Turn): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return;
    const snapshot = await readHealth(this.deps.health, audience.tenantId, context, this.deps.logger);
    if (snapshot) await sendCard(context, healthSummaryCard(snapshot, audience.customer, audience.locale));
    else await context.sendActivity(translator(audience.locale)('health.unavailableNow'));
  }

  private async onSubmit(context: Turn, value: Record<string, unknown>): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return;
    const t = translator(audience.locale);
    const record = await this.lastTriage.get(context);
    switch (value.action) {
      case 'triage.confirm':
        if (typeof value.issueId === 'string' && record?.matchedIssues.some((m) => m.id === value.issueId)) {
          await this.deps.capabilities.confirmIncident(context, value.issueId);
          await context.sendActivity(t('health.confirmed', { id: value.issueId }));
          return;
        }
        break;
      case 'next.agent':
      case 'next.microsoft':
        if (record) {
          if (value.action === 'next.microsoft' && !audience.customer.supportPlan.customerMayRequestMicrosoftEscalation) {
            await context.sendActivity(t('health.microsoftNotInPlan'));
            return;
          }
          return this.deps.capabilities.openCase(context, record, value.action === 'next.agent' ? 'agent' : 'microsoft');
        }
        break;
      case 'next.solved':
        if (record) {
          await this.lastTriage.delete(context);
          await context.sendActivity(t('health.closedSummary', { service: serviceLabel(record.triage.service, audience.locale), description: record.triage.description }));
          return;
        }
        break;
      default:
        if (await this.deps.capabilities.submit(context, value)) return;
    }
    await context.sendActivity(t('health.noTriage'));
  }
}
