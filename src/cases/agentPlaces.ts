/**
 * Where agents work. Commands that show customers' cases answer only in the agents' channel (and its threads) and in
 * an agent's personal chat with the bot: a group chat or another team may hold guests, possibly of other customers.
 * Pure.
 */
import type { Activity } from '../teams/turn';

/** The Teams channel id of a channel activity (`channelData.channel.id`, else the conversation id before `;messageid=`). */
export function channelIdOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { channel?: { id?: unknown } } | undefined;
  const id = channelData?.channel?.id;
  return typeof id === 'string' ? id : activity.conversation?.id.split(';')[0];
}

/** The Teams team id of a team activity (`channelData.team.id`). */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { team?: { id?: unknown } } | undefined;
  return typeof channelData?.team?.id === 'string' ? channelData.team.id : undefined;
}

/** Whether agent commands may answer here: a personal chat, or the agents' channel (`agentsChannelId`) or one of its threads. */
export function isAgentsPlace(activity: Partial<Activity>, agentsChannelId: string | undefined): boolean {
  const type = activity.conversation?.conversationType;
  if (type === 'personal') return true;
  return type === 'channel' && agentsChannelId !== undefined && channelIdOf(activity) === agentsChannelId;
}
