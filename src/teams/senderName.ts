import { TeamsInfo } from 'botbuilder';
import type { Logger } from 'pino';
import { botTurn } from './botTurn';
import type { Turn } from './turn';
import { turnLog } from './turnLog';

/**
 * The display name of the person who sent the activity, for people to read: `from.name`, else the member's name as
 * Teams gives it (`TeamsInfo.getMember`: Teams may leave `from.name` out), else `fallback` (a neutral localized word).
 * Never an id: ids are for matching, not for people.
 */
export async function senderName(context: Turn, fallback: string, logger: Logger): Promise<string> {
  const { from } = context.activity;
  const given = from.name?.trim();
  if (given) return given;
  try {
    const member = await TeamsInfo.getMember(botTurn(context), from.id);
    const name = member.name?.trim();
    if (name) return name;
  } catch (err) {
    turnLog(logger, context).warn({ event: 'teams.memberLookupFailed', err }, 'could not read the sender\'s name from Teams');
  }
  return fallback;
}
