import { TeamsInfo, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Turn } from './turn';
import { turnLog } from './turnLog';

/**
 * The display name of the person who sent the activity, for people to read: `from.name`, else the member's name as
 * Teams gives it (`TeamsInfo.getMember`: Teams may leave `from.name` out), else `fallback` (a neutral localized word).
 * Never an id: ids are for matching, not for people. Only a turn the adapter runs can ask Teams.
 */
export async function senderName(turn: Turn, fallback: string, logger: Logger): Promise<string> {
  const { from } = turn.activity;
  const given = from.name?.trim();
  if (given) return given;
  if (!(turn instanceof TurnContext)) return fallback;
  try {
    const member = await TeamsInfo.getMember(turn, from.id);
    const name = member.name?.trim();
    if (name) return name;
  } catch (err) {
    turnLog(logger, turn).warn({ event: 'teams.memberLookupFailed', err }, 'could not read the sender\'s name from Teams');
  }
  return fallback;
}
