/**
 * What happens after a delivery failed for good, and when a paused recipient comes back: the recipient's
 * subscription is paused, removed, or left alone and the failure reported, as its {@link SendOutcome} says.
 */
import type { Logger } from 'pino';
import { audienceOf } from '../teams/audience';
import type { TurnHook } from '../teams/turnHooks';
import type { Delivery } from './outbox';
import type { SendFailure, SendOutcome } from './sendErrors';
import type { SubscriptionStore } from './subscriptions';

/** What {@link deliveryFailureHandler} needs. */
export interface DeliveryFailureDeps {
  subscriptions: Pick<SubscriptionStore, 'pause' | 'remove'>;
  references: { remove(tenantId: string, conversationId: string): Promise<void> };
  logger?: Logger;
}

const EVENTS: Record<SendOutcome, string> = {
  pause: 'notifications.recipientPaused',
  remove: 'notifications.recipientRemoved',
  report: 'notifications.deliveryFailed',
  retry: 'notifications.deliveryFailed',
};

/**
 * The sender's `onFailed`: pauses a customer conversation the tenant admin disabled the bot for, forgets one that
 * blocked or uninstalled the bot or no longer exists, and logs every final failure with tenant, conversation and
 * incident. The agents' channel is never paused or forgotten, only reported.
 */
export function deliveryFailureHandler(deps: DeliveryFailureDeps): (delivery: Delivery, failure: SendFailure) => Promise<void> {
  return async (delivery, failure) => {
    const { tenantId, conversationId, audience } = delivery;
    const outcome = audience === 'customer' ? failure.outcome : 'report';
    const fields = { event: EVENTS[outcome], tenantId, conversationId, incidentId: delivery.issue.id, audience, reason: failure.reason };
    if (outcome === 'pause') await deps.subscriptions.pause(tenantId, conversationId);
    if (outcome === 'remove') {
      await deps.subscriptions.remove(tenantId, conversationId);
      await deps.references.remove(tenantId, conversationId);
    }
    if (outcome === 'pause' || outcome === 'remove') deps.logger?.warn(fields, 'outage notification recipient ' + (outcome === 'pause' ? 'paused' : 'removed'));
    else deps.logger?.error(fields, 'outage notification not delivered');
  };
}

/**
 * The hook the kernel runs before every turn someone sent (after TenantGate, never for the bot's own proactive turns):
 * any activity a customer sends in a conversation resumes its paused notifications. Costs one storage read per
 * customer turn; a storage failure is logged and the turn goes on.
 */
export function resumeOnActivity(subscriptions: Pick<SubscriptionStore, 'resume'>, logger?: Logger): TurnHook {
  return async (turn) => {
    const audience = audienceOf(turn);
    const conversationId = turn.activity.conversation?.id;
    if (audience.kind !== 'customer' || !conversationId) return;
    try {
      if (await subscriptions.resume(audience.tenantId, conversationId)) {
        logger?.info({ event: 'notifications.recipientResumed', tenantId: audience.tenantId, conversationId }, 'outage notifications resumed');
      }
    } catch (err) {
      logger?.warn({ err, event: 'notifications.resumeFailed', tenantId: audience.tenantId, conversationId }, 'could not resume outage notifications');
    }
  };
}
