import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogContext, DialogState } from 'botbuilder-dialogs';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { healthSummaryCard } from '../health/healthCards';
import { helpCard } from '../cards/helpCard';
import { serviceLabel } from '../triage/triageCards';
import { welcomeCard } from '../cards/welcomeCard';
import { TRIAGE_DIALOG, TriageDialog, type TriageOptions } from '../triage/triageDialog';
import type { Triage } from '../problem/triageModel';
import { presentTriageOutcome, readHealth, type TriageRecord } from '../triage/triageOutcome';
import type { ServiceHealthSource } from '../health/model';
import type { MessageCenterSource } from '../health/messageCenterModel';
import type { ExtraDiagnosisDeps } from '../health/extraDiagnosis';
import { translator } from '../i18n';
import { audienceOf } from '../teams/audience';
import { parseCommand, type Command } from '../teams/commands';
import { sendCard } from '../teams/replies';
import type { MessageHandler } from '../teams/supportBot';

/** Services offered as choices when the tenant's health cannot be read. */
const COMMON_SERVICES = ['Exchange Online', 'Microsoft Teams', 'SharePoint Online', 'OneDrive for Business', 'Microsoft Entra', 'Microsoft Intune', 'Dynamics 365 Apps', 'Microsoft 365 suite'];

/** What other capabilities do with a customer's chat (cases, notifications); wired by the composition root. */
export interface CustomerCapabilities {
  /** Consumes the message when the customer is talking to an agent (live relay). */
  relay(context: TurnContext): Promise<boolean>;
  /** Opens a case for agents from a finished triage. */
  openCase(context: TurnContext, record: TriageRecord, kind: 'agent' | 'microsoft'): Promise<void>;
  /** `agent` typed without a triage, `status`, `cancel`, `end`, `notify`, `stop notifications`; false when not handled. */
  command(context: TurnContext, command: Command): Promise<boolean>;
  /** The customer confirmed an incident is their problem. */
  confirmIncident(context: TurnContext, issueId: string): Promise<void>;
  /** Card submits owned by other capabilities (satisfaction, notification settings); false when not handled. */
  submit(context: TurnContext, value: Record<string, unknown>): Promise<boolean>;
}

export interface CustomerConversationDeps extends ExtraDiagnosisDeps {
  partnerName: string;
  conversationState: ConversationState;
  health: ServiceHealthSource;
  /** The tenant's Message center, matched at the end of triage. */
  messageCenter?: MessageCenterSource;
  logger: Logger;
  capabilities: CustomerCapabilities;
}

/** A customer's 1:1 chat: commands, card submits, relay to an agent, and triage for anything else. */
export class CustomerConversation implements MessageHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly lastTriage: StatePropertyAccessor<TriageRecord | undefined>;

  constructor(private readonly deps: CustomerConversationDeps) {
    this.dialogState = deps.conversationState.createProperty('dialogState');
    this.lastTriage = deps.conversationState.createProperty('lastTriage');
    this.dialogs = new DialogSet(this.dialogState).add(new TriageDialog());
  }

  async onMessage(context: TurnContext): Promise<void> {
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (value && typeof value === 'object' && typeof value.action === 'string') return this.onSubmit(context, value);
    if (!context.activity.text?.trim() && typeof value?.triageAnswer === 'string') context.activity.text = value.triageAnswer;
    const command = parseCommand(context.activity.text);
    const dialogContext = await this.dialogs.createContext(context);
    if (command) return this.onCommand(context, command, dialogContext.activeDialog !== undefined);
    if (dialogContext.activeDialog) {
      const result = await dialogContext.continueDialog();
      if (result.status === DialogTurnStatus.complete) await this.finishTriage(context, result.result as Triage);
      return;
    }
    if (await this.deps.capabilities.relay(context)) return;
    if (!context.activity.text?.trim()) {
      await context.sendActivity(translator(audienceOf(context).locale)('errors.unsupported'));
      return;
    }
    await this.startTriage(context, dialogContext);
  }

  private async startTriage(context: TurnContext, dialogContext: DialogContext): Promise<void> {
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
    const result = await dialogContext.beginDialog(TRIAGE_DIALOG, options);
    if (result.status === DialogTurnStatus.complete) await this.finishTriage(context, result.result as Triage);
  }

  private async finishTriage(context: TurnContext, triage: Triage): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return;
    await context.sendActivity(translator(audience.locale)('triage.checking'));
    const record = await presentTriageOutcome(context, triage, audience.customer, audience.locale, this.deps);
    await this.lastTriage.set(context, record);
  }

  private async onCommand(context: TurnContext, command: Command, inDialog: boolean): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'customer') return;
    const t = translator(audience.locale);
    if (command.name === 'cancel' && inDialog) {
      const dialogContext = await this.dialogs.createContext(context);
      await dialogContext.cancelAllDialogs();
      await context.sendActivity(t('triage.cancelled'));
      return;
    }
    if (command.name === 'agent') {
      const record = await this.lastTriage.get(context);
      if (record) return this.deps.capabilities.openCase(context, record, 'agent');
    }
    switch (command.name) {
      case 'help':
        await sendCard(context, helpCard(audience.locale, 'customer'));
        return;
      case 'support':
        await sendCard(context, welcomeCard(audience.customer, this.deps.partnerName, audience.locale));
        return;
      case 'health': {
        const snapshot = await readHealth(this.deps.health, audience.tenantId, context, this.deps.logger);
        if (snapshot) await sendCard(context, healthSummaryCard(snapshot, audience.customer, audience.locale));
        else await context.sendActivity(t('health.unavailableNow'));
        return;
      }
      default:
        if (await this.deps.capabilities.command(context, command)) return;
        await context.sendActivity(command.name === 'cancel' ? t('triage.nothingToCancel') : t('health.noTriage'));
    }
  }

  private async onSubmit(context: TurnContext, value: Record<string, unknown>): Promise<void> {
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
