import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { TeamsActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import { adaptiveCardReply, adaptiveCardResponse, type CardActionHandler } from './cardActions';
import type { ConversationReferenceStore, StoredReference } from './conversationReferences';
import { isRepeatedInvoke } from './redeliveryGuard';
import type { MessageChange } from './relayChanges';
import { longestText } from './textLimit';
import type { Turn } from './turn';
import { turnLog } from './turnLog';
import { isJsonObject } from '../jsonObject';

/** Handles one kind of message turn (customer or partner). */
export interface MessageHandler {
  onMessage(turn: Turn): Promise<void>;
}

export interface SupportBotDeps {
  logger: Logger;
  references: ConversationReferenceStore;
  customers: MessageHandler;
  partner: MessageHandler;
  cardActions: CardActionHandler;
  maxTextChars: number;
  /**
   * Runs after the bot was installed and its reference saved (agents' channel, default subscriptions, the welcome
   * card of a customer's new personal chat).
   */
  onInstalled: (turn: Turn, saved: { created: boolean; stored: StoredReference }) => Promise<void>;
  /** Runs after a channel or a team was deleted, or the bot was removed from a conversation (the agents' channel may be gone). */
  onRemoved: (turn: Turn, event: 'channelDeleted' | 'teamDeleted' | 'uninstalled') => Promise<void>;
  /** Relays an edit, an undelete or a delete of a message in a live case conversation. */
  relayChange: (turn: Turn, kind: MessageChange) => Promise<void>;
  /** Runs after every turn (saving bot state). */
  afterTurn: (context: TurnContext) => Promise<void>;
}

/**
 * Routes activities by who is speaking (customer or partner, classified by the TenantGate) and what
 * (message, card action, install). Thin: each capability lives in its own handler.
 */
export class SupportBot extends TeamsActivityHandler {
  constructor(private readonly deps: SupportBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.routeMessage(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      const { membersAdded, membersRemoved, recipient } = context.activity;
      if ((membersAdded ?? []).some((m) => m.id === recipient.id)) await this.installed(context);
      if ((membersRemoved ?? []).some((m) => m.id === recipient.id)) await this.uninstalled(context);
      await next();
    });
    this.onTeamsChannelDeletedEvent(async (_channel, _team, context, next) => {
      await this.deps.onRemoved(context, 'channelDeleted');
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (_team, context, next) => {
      await this.deps.onRemoved(context, 'teamDeleted');
      await next();
    });
    this.onTeamsMessageEditEvent(async (context, next) => {
      if (await this.refusedAsTooLong(context)) return;
      await this.deps.relayChange(context, 'edited');
      await next();
    });
    this.onTeamsMessageUndeleteEvent(async (context, next) => {
      if (await this.refusedAsTooLong(context)) return;
      await this.deps.relayChange(context, 'restored');
      await next();
    });
    this.onTeamsMessageSoftDeleteEvent(async (context, next) => {
      await this.deps.relayChange(context, 'deleted');
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.uninstalled(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.afterTurn(context);
  }

  private async routeMessage(context: TurnContext): Promise<void> {
    const audience = audienceOf(context);
    if (await this.refusedAsTooLong(context)) return;
    await this.deps.references.save(context.activity);
    if (audience.kind === 'customer') await this.deps.customers.onMessage(context);
    else await this.deps.partner.onMessage(context);
  }

  /**
   * The localized "too long" message when any text of the activity (typed, edited, or a field of a submitted card)
   * is over the limit; the activity then goes no further. Its length is logged, never its content.
   */
  private tooLongMessage(context: TurnContext, length: number): string | undefined {
    if (length <= this.deps.maxTextChars) return undefined;
    turnLog(this.deps.logger, context).info({ event: 'message.tooLong', length }, 'text over the size limit refused');
    const shown = Number.isFinite(length) ? length : this.deps.maxTextChars + 1;
    return translator(audienceOf(context).locale)('errors.textTooLong', { length: shown, max: this.deps.maxTextChars });
  }

  private async refusedAsTooLong(context: TurnContext): Promise<boolean> {
    const refusal = this.tooLongMessage(context, longestText(context.activity.text, context.activity.value));
    if (refusal === undefined) return false;
    await context.sendActivity(refusal);
    return true;
  }

  private async installed(context: TurnContext): Promise<void> {
    const saved = await this.deps.references.save(context.activity);
    turnLog(this.deps.logger, context).info({ event: 'bot.installed', scope: saved?.stored.scope }, 'bot installed');
    if (!saved) return;
    await this.deps.onInstalled(context, saved);
  }

  private async uninstalled(context: TurnContext): Promise<void> {
    const audience = audienceOf(context);
    const conversationId = context.activity.conversation.id;
    if (audience.tenantId) await this.deps.references.remove(audience.tenantId, conversationId);
    turnLog(this.deps.logger, context).info({ event: 'bot.uninstalled' }, 'bot uninstalled; conversation reference removed');
    await this.deps.onRemoved(context, 'uninstalled');
  }

  /**
   * Answers every Universal Action in the documented shape: a repeat gets what {@link CardActionHandler.onRepeat}
   * says (nothing done twice), and a failure a 500 error body instead of botbuilder's empty 501.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const refusal = this.tooLongMessage(context, longestText(verb, data));
    if (refusal !== undefined) return adaptiveCardResponse({ kind: 'message', text: refusal });
    const values = isJsonObject(data) ? data : {};
    try {
      const result = isRepeatedInvoke(context)
        ? await this.deps.cardActions.onRepeat(context, verb, values)
        : await this.deps.cardActions.onCardAction(context, verb, values);
      return adaptiveCardResponse(result);
    } catch (err) {
      // Answered here, then rethrown: the turn error handler logs it, and the redelivery guard releases the claim.
      const message = translator(audienceOf(context).locale)('errors.actionFailed');
      await context.sendActivity(adaptiveCardReply({ kind: 'error', statusCode: 500, code: 'ServiceError', message }));
      throw err;
    }
  }
}

