import { TurnContext } from 'botbuilder';
import type { Turn } from './turn';

/**
 * The botbuilder TurnContext behind a turn, for the kernel's calls into botbuilder (state, dialogs, Teams member
 * lookup). Every turn the adapter runs is one; anything else (a hand-made turn) is a programming error.
 */
export function botTurn(turn: Turn): TurnContext {
  if (turn instanceof TurnContext) return turn;
  throw new Error('not a botbuilder turn: this call needs the TurnContext the adapter made');
}
