/**
 * The Teams turn as features see it: what arrived and how to answer. The kernel hands features botbuilder's
 * `TurnContext`, which has this shape; features name only this interface and the activity types re-exported here,
 * so leaving botbuilder changes this folder, not the features.
 */
import type { Activity, ResourceResponse } from 'botbuilder';

export type { Activity, Attachment, ChannelAccount, ConversationReference, ResourceResponse } from 'botbuilder';

/** Values the kernel keeps for the length of one turn (the classified audience, for example). */
export interface TurnValues {
  get(key: symbol): unknown;
  set(key: symbol, value: unknown): unknown;
}

/** One incoming activity and the means to answer it in the same conversation. */
export interface Turn {
  readonly activity: Activity;
  readonly turnState: TurnValues;
  sendActivity(activityOrText: string | Partial<Activity>): Promise<ResourceResponse | undefined>;
}
