import { ActivityEventNames, ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { beforeSentTurns, isProactive } from '../../../src/teams/turnHooks';
import type { Turn } from '../../../src/teams/turn';

describe('hooks run before the turns people send', () => {
  const message = { type: ActivityTypes.Message, text: 'hello', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' } };
  const proactive = { ...message, type: ActivityTypes.Event, name: ActivityEventNames.ContinueConversation };

  async function run(activity: object): Promise<string[]> {
    const calls: string[] = [];
    const middleware = beforeSentTurns(async (turn: Turn) => {
      calls.push(`hook:${turn.activity.type}`);
    });
    await middleware.onTurn(new TurnContext(new TestAdapter(), activity), async () => {
      calls.push('turn');
    });
    return calls;
  }

  it('AMessageSomeoneSent_RunsTheHookThenTheTurn', async () => {
    expect(await run(message)).toEqual(['hook:message', 'turn']);
  });

  it('ATurnTheBotStartedItself_RunsOnlyTheTurn', async () => {
    expect(await run(proactive)).toEqual(['turn']);
    expect(isProactive({ type: ActivityTypes.Event, name: ActivityEventNames.CreateConversation })).toBe(true);
  });

  it('AnEventSomeoneSent_IsNotProactive', () => {
    expect(isProactive({ type: ActivityTypes.Event, name: 'application/vnd.microsoft.meetingStart' })).toBe(false);
  });
});
