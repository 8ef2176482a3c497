/**
 * Notification commands: customer `notify` and `stop notifications`, the `notify.save` card verb, and the
 * agents' `outage <id>` delivery report, registered with the command router.
 */
import type { Logger } from 'pino';
import { audienceOf } from '../teams/audience';
import type { VerbHandler } from '../teams/cardActions';
import type { CommandRouter } from '../teams/commandRouter';
import { AGENT_ACTIONS, type CustomerScope } from '../teams/guard';
import type { Turn } from '../teams/turn';
import type { CardActionResult } from '../teams/cardActions';
import { turnLog } from '../teams/turnLog';
import { cardActivity } from '../teams/cardMessages';
import type { ServiceHealthSource } from '../health/model';
import { translator } from '../i18n';
import { deliveryReport, deliveryReportActivity } from './deliveryReport';
import { NOTIFY_SAVE_VERB, readNotifySubmission, renderNotifyCard } from './notifyCard';
import type { Delivery, Outbox } from './outbox';
import type { SubscriptionStore } from './subscriptions';

/** Dependencies of {@link NotificationCommands}. */
export interface NotificationCommandsDeps {
  subscriptions: SubscriptionStore;
  health: ServiceHealthSource;
  outbox: Outbox;
  /** Where refused submissions are logged (with tenant and conversation). */
  logger?: Logger;
}

/** Handlers the customer and partner conversations call, and the `notify.save` card verb. */
export class NotificationCommands implements VerbHandler {
  readonly verbs = [NOTIFY_SAVE_VERB] as const;

  constructor(private readonly deps: NotificationCommandsDeps) {}

  /** Registers the customer's `notify` and `stop notifications`, and the agents' `outage <id>` (agents' places only). */
  registerCommands(router: CommandRouter): void {
    router
      .register({ command: 'notify', audience: 'customer', run: (turn) => this.notify(turn) })
      .register({ command: 'stopNotifications', audience: 'customer', run: (turn) => this.stop(turn) })
      .register({
        command: 'outage', audience: 'partner', agentsPlaceOnly: true, requires: AGENT_ACTIONS.customers,
        run: async (turn, command) => this.outage(turn, command.incidentId, await router.customersFor(turn, AGENT_ACTIONS.customers)),
      });
  }

  /** Customer `notify`: sends the card with the tenant's services and the current choices. */
  async notify(context: Turn): Promise<void> {
    const audience = audienceOf(context);
    const t = translator(audience.locale);
    if (audience.kind !== 'customer' || !this.isPersonal(context)) {
      await context.sendActivity(t('notifications.notify.personalOnly'));
      return;
    }
    const [snapshot, subscriber] = await Promise.all([
      this.deps.health.getSnapshot(audience.tenantId),
      this.deps.subscriptions.get(audience.tenantId, context.activity.conversation.id),
    ]);
    await context.sendActivity(cardActivity(renderNotifyCard(snapshot.services, subscriber, audience.locale)));
  }

  /** Customer `stop notifications`: unsubscribes the conversation from everything. */
  async stop(context: Turn): Promise<void> {
    const audience = audienceOf(context);
    const t = translator(audience.locale);
    if (audience.kind === 'customer') await this.deps.subscriptions.unsubscribeAll(audience.tenantId, context.activity.conversation.id);
    await context.sendActivity(t('notifications.stopped'));
  }

  /** Agent `outage <id>`: the incident's delivery report, counting the customers the agent may read (and the agents' channel). */
  async outage(context: Turn, incidentId: string, customers: CustomerScope = 'all'): Promise<void> {
    const audience = audienceOf(context);
    if (audience.kind !== 'partner') return;
    const shown = (delivery: Delivery): boolean => customers === 'all' || delivery.audience === 'agents' || customers.has(delivery.issueTenantId.toLowerCase());
    await context.sendActivity(deliveryReportActivity(await deliveryReport(this.deps.outbox, incidentId, shown), audience.locale));
  }

  /** `notify.save`: stores the toggles (only services of the tenant's health overview) and answers with the refreshed card. */
  async handle(context: Turn, _verb: string, data: Record<string, unknown>): Promise<CardActionResult> {
    const audience = audienceOf(context);
    const t = translator(audience.locale);
    if (audience.kind !== 'customer' || !this.isPersonal(context)) {
      return { kind: 'error', statusCode: 400, code: 'NotAllowed', message: t('notifications.notify.personalOnly') };
    }
    const snapshot = await this.deps.health.getSnapshot(audience.tenantId);
    const submission = readNotifySubmission(data, snapshot.services.map((s) => s.service));
    if (!submission.ok) {
      const { reason, submitted, unknown } = submission;
      if (this.deps.logger) turnLog(this.deps.logger, context).warn({ event: 'notifications.notify.refused', reason, submitted, unknown }, 'notify.save refused');
      return { kind: 'error', statusCode: 400, code: 'BadArgument', message: t('notifications.notify.unknownServices') };
    }
    const subscriber = await this.deps.subscriptions.setServices(audience.tenantId, context.activity.conversation.id, submission.services, submission.all);
    return { kind: 'card', card: renderNotifyCard(snapshot.services, subscriber, audience.locale, t('notifications.notify.saved')).card };
  }

  private isPersonal(context: Turn): boolean {
    const type = context.activity.conversation?.conversationType;
    return type === undefined || type === 'personal';
  }
}
