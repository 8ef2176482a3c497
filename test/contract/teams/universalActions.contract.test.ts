/**
 * Microsoft's published `adaptiveCard/action` invoke (Universal Actions) sent through the real server: every answer,
 * refusals and repeats included, is the documented `{statusCode, type, value}` body with the HTTP status botbuilder's
 * own ActivityHandler gives it (the body's statusCode).
 */
import { cardAction, channelConversation, personalConversation, personalConversationId, TENANTS, user } from '../../support/activities';
import { agentsChannel, contractSuite, customerPayload } from './contractBot';
import { published } from './published';

type Json = Record<string, unknown>;

/**
 * The published invoke (`type`, `name`, and `value` with `action.id` and `trigger` as published) inside the envelope
 * Teams sends around it, which the sample leaves out ("other properties omitted for brevity"): the harness's own,
 * from test/support. `action` replaces the sample's verb and data with one of the bot's.
 */
function universalAction(sample: string, envelope: Json, action?: { verb: string; data: Json }): Json {
  const invoke = published(sample) as { value: { action: Json } };
  return { ...envelope, ...invoke, value: action ? { ...invoke.value, action: { ...invoke.value.action, ...action } } : invoke.value };
}

describe('contract: published adaptiveCard/action invokes', () => {
  const bot = contractSuite();
  const agentEnvelope = (threadId: string) => cardAction(bot.agent, bot.connector.url, channelConversation(agentsChannel(), threadId), 'unused', {});


  async function invoke(activity: Json): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) as unknown : undefined };
  }

  it('ThePublishedInvoke_WithAVerbTheBotDoesNotKnow_Answers400WithAnErrorBody', async () => {
    const { threadId } = await bot.openAndTakeCase(customerPayload('message-personal', bot.connector.url));
    const answer = await invoke(universalAction('invoke-adaptiveCardAction-manual', agentEnvelope(threadId)));
    expect(answer).toEqual({
      status: 400,
      body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'UnknownAction', message: expect.any(String) as string } },
    });
  });

  it('ARedeliveredAction_AnswersTheCurrentCard_AndTellsTheCustomerOnce', async () => {
    const customer = customerPayload('message-personal', bot.connector.url);
    const { caseId, threadId } = await bot.openAndTakeCase(customer);
    const wait = universalAction('invoke-adaptiveCardAction-manual', agentEnvelope(threadId), { verb: 'case.wait', data: { caseId } });
    const first = await invoke(wait);
    const again = await invoke(wait);
    for (const answer of [first, again]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(JSON.stringify(answer.body)).toContain('Waiting for the customer');
    }
    expect(JSON.stringify(again.body)).not.toContain('Already');
    const told = bot.seen((customer.conversation as { id: string }).id).filter((text) => text.includes('is waiting for your reply'));
    expect(told).toHaveLength(1);
  });

  it('AnAutomaticRefresh_AsPublished_AnswersTheCurrentCard', async () => {
    const { caseId, threadId } = await bot.openAndTakeCase(customerPayload('message-personal', bot.connector.url));
    const answer = await invoke(universalAction('invoke-adaptiveCardAction-automatic', agentEnvelope(threadId), { verb: 'case.refresh', data: { caseId } }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answer.body)).toContain(`Case ${caseId}`);
  });

  it('AnActionFromATenantOutsideTheDirectory_Answers400WithAnErrorBody_AndChangesNothing', async () => {
    const stranger = user(TENANTS.stranger, 'Eve Outsider', 'en-US');
    const envelope = cardAction(stranger, bot.connector.url, personalConversation(stranger), 'unused', {});
    const answer = await invoke(universalAction('invoke-adaptiveCardAction-manual', envelope));
    expect(answer).toEqual({
      status: 400,
      body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: expect.stringContaining('not registered') as string } },
    });
    expect(bot.connector.sentTo(personalConversationId(stranger))).toEqual([]);
  });
});
