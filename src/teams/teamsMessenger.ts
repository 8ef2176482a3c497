import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/** Sends, updates and starts threads outside a turn (proactive messages), through botbuilder's CloudAdapter. */
export interface Messenger {
  /** Sends an activity to a stored conversation; returns the new activity id. */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined>;
  /** Replaces a sent activity (cards updated in place). */
  update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void>;
  /** Starts a new thread in a channel; returns the thread's reference and the root activity id. */
  createThread(channelReference: Partial<ConversationReference>, channelId: string, activity: Partial<Activity>):
    Promise<{ reference: Partial<ConversationReference>; activityId: string }>;
}

/** The OAuth scope botbuilder uses to reach the Bot Connector. */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/**
 * How long one proactive send may take, botbuilder's own retries included, before it counts as failed. A
 * Connector that never answers must not hold a fan-out, the relay retry or a shutdown forever; the failure is
 * retryable, so the message is sent again (at least once).
 */
export const PROACTIVE_TIMEOUT_MS = 30_000;

export class TeamsMessenger implements Messenger {
  constructor(private readonly adapter: CloudAdapter, private readonly appId: string, private readonly timeoutMs = PROACTIVE_TIMEOUT_MS) {}

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.proactively(reference, async (context) => {
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  async update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.proactively(reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId, conversation: reference.conversation });
    });
  }

  /**
   * Runs a proactive turn and rethrows what failed inside it. Without this, a Connector failure that
   * outlives botbuilder's retries goes to the adapter's onTurnError and the caller believes it was delivered.
   * A turn that middleware stopped before its logic ran (the tenant gate refusing a reference whose tenant it
   * cannot read) sent nothing, and fails too.
   */
  private async proactively(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown;
    let ran = false;
    const turn = this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      ran = true;
      try {
        await logic(context);
      } catch (err) {
        failure = err;
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { reject(new Error(`the Bot Connector did not answer within ${String(this.timeoutMs)} ms`)); }, this.timeoutMs);
    });
    turn.catch(() => undefined);
    try {
      await Promise.race([turn, timedOut]);
    } finally {
      clearTimeout(timer);
    }
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error('proactive turn failed', { cause: failure });
    if (!ran) throw new Error('the proactive turn was stopped before it could send (refused by middleware)');
  }

  async createThread(channelReference: Partial<ConversationReference>, channelId: string, activity: Partial<Activity>):
    Promise<{ reference: Partial<ConversationReference>; activityId: string }> {
    const serviceUrl = channelReference.serviceUrl;
    if (!serviceUrl) throw new Error('createThread: the channel reference has no serviceUrl');
    let result: { reference: Partial<ConversationReference>; activityId: string } | undefined;
    await this.adapter.createConversationAsync(this.appId, 'msteams', serviceUrl, CONNECTOR_AUDIENCE, {
      isGroup: true,
      channelData: { channel: { id: channelId } },
      activity: activity as Activity,
      bot: channelReference.bot,
      members: [],
      tenantId: channelReference.conversation?.tenantId,
    } as never, async (context) => {
      const conversationId = context.activity.conversation.id;
      const activityId = /;messageid=(.+)$/.exec(conversationId)?.[1] ?? context.activity.id ?? '';
      result = {
        reference: { ...channelReference, conversation: { ...channelReference.conversation, id: conversationId } as ConversationReference['conversation'] },
        activityId,
      };
    });
    if (!result) throw new Error('createThread: the Connector returned no conversation');
    return result;
  }
}
