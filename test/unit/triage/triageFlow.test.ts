import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { BotConversationMemory } from '../../../src/teams/conversationMemory';
import { TRIAGE_FLOW, type TriageOptions } from '../../../src/triage/triageDialog';
import saved from './fixtures/triageInProgress.json';

/** What the triage stored, before the question flow, after a French first message: asking how many users. */
const OPTIONS = saved.stored.dialogState.dialogStack[0]?.state.dialogs.dialogStack[0]?.state.options as TriageOptions;

function turn(text: string): TurnContext {
  return new TurnContext(new TestAdapter(), { type: 'message', text, channelId: 'msteams', conversation: { id: 'a:1' }, from: { id: '29:1' }, recipient: { id: 'bot' } } as Activity);
}

/** The stored state without what differs from run to run (a random instance id, the storage's own fields). */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (['eTag', 'instanceId', 'expires'].includes(key) ? undefined : v)) as unknown;
}

describe('the triage as a question flow, over state stored before it', () => {
  it('stores what the triage dialog stored', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const context = turn(OPTIONS.firstMessage);
    await new BotConversationMemory(state).questionFlow(TRIAGE_FLOW, 'dialogState').start(context, OPTIONS);
    await state.saveChanges(context);
    expect(comparable((await storage.read([saved.key]))[saved.key])).toEqual(comparable(saved.stored));
  });

  it('carries on a triage in progress at the deploy', async () => {
    const storage = new MemoryStorage({ [saved.key]: JSON.stringify({ ...saved.stored, eTag: '1' }) });
    const state = new ConversationState(storage);
    const triage = new BotConversationMemory(state).questionFlow(TRIAGE_FLOW, 'dialogState');
    const users = turn('tout le monde');
    expect(await triage.isActive(users)).toBe(true);
    expect(await triage.continue(users)).toBeUndefined();
    await state.saveChanges(users);
    expect(await triage.continue(turn('critique'))).toMatchObject({
      service: 'Exchange Online', description: OPTIONS.firstMessage, since: { kind: 'today' }, usersAffected: 'everyone', severity: 'critical', tenantId: 'tenant-1',
    });
  });
});
