/**
 * Security 15.12: the idempotency key of a filing stands for one request. After an attempt whose outcome is unclear,
 * an edited request is not sent under the same key (Partner Center would answer with the first request for the same
 * MS-RequestId, an Azure ticket named after the key would be a second ticket on another subscription), and a ticket
 * goes only on a subscription the directory lists for the customer. The running bot over HTTP, the ARM stand-in.
 */
import { fault } from '../../src/sandbox/faults';
import { TENANTS } from '../support/activities';
import { type AzureCase, type AzureHarness, inputsOf, useAzureHarness } from '../integration/escalation/azureHarness';

describe('idempotency key bound to the request sent (security 15.12)', () => {
  let h: AzureHarness;
  useAzureHarness((started) => { h = started; });

  async function proposal(opened: AzureCase): Promise<Record<string, string>> {
    const inputs = await h.proposed(opened);
    return { ...inputs, problemClassificationId: `${inputs.serviceId ?? ''}/problemClassifications/c1f6a8e3-7d42-4b2a-9e11-5f0a3b7c2d21` };
  }

  it('refuses an edit while the first attempt is unsettled, shows what was sent, and files that request once', async () => {
    const opened = await h.openAzureCase();
    const sent = { ...(await proposal(opened)), title: 'VM down: first attempt' };
    h.arm.failAlways('createTicket', fault.status(503));
    expect(JSON.stringify(await h.press(opened, 'escalation.submit', sent))).toContain('Azure did not answer');
    h.arm.failAlways('createTicket', undefined);

    const edited = await h.press(opened, 'escalation.submit', { ...sent, title: 'VM down: edited after the outage' });
    expect(JSON.stringify(edited)).toContain('The previous attempt may have reached Microsoft');
    expect(inputsOf(edited).title).toBe('VM down: first attempt');
    expect(h.arm.requests.filter((r) => r.route === 'createTicket' && JSON.stringify(r.body).includes('edited after the outage'))).toHaveLength(0);

    expect(JSON.stringify(await h.press(opened, 'escalation.submit', sent))).toContain('Open at Microsoft');
    const mine = h.arm.tickets().filter((t) => String(t.properties.title).startsWith('VM down'));
    expect(mine.map((t) => t.properties.title)).toEqual(['VM down: first attempt']);
    expect(JSON.stringify(await h.press(opened, 'escalation.submit', { ...sent, title: 'VM down: edited after the outage' }))).toContain(String(mine[0]?.properties.supportTicketId));
    expect(h.arm.tickets().filter((t) => String(t.properties.title).startsWith('VM down'))).toHaveLength(1);
  });

  it('files nothing on a subscription the directory does not list for the customer', async () => {
    const opened = await h.openAzureCase();
    const foreign = '11111111-2222-4333-8444-555555555555';
    const refused = await h.press(opened, 'escalation.submit', { ...(await proposal(opened)), subscriptionId: foreign });
    expect(JSON.stringify(refused)).not.toContain('Open at Microsoft');
    expect(inputsOf(refused).subscriptionId).toBe(foreign);
    expect(h.arm.requestCount('createTicket') + h.arm.requestCount('checkNameAvailability')).toBe(0);
  });

  it('offers no Azure ticket for a customer with no subscription in the directory, and tells the agent why', async () => {
    const opened = await h.openAzureCase(TENANTS.contoso);
    const answer = JSON.stringify(await h.press(opened, 'escalation.propose'));
    expect(answer).toContain('the directory lists no Azure subscription of this customer');
    expect(JSON.stringify(await h.press(opened, 'escalation.submit', { subscriptionId: '11111111-2222-4333-8444-555555555555', title: 't', description: 'd', severity: 'critical' })))
      .toContain('the directory lists no Azure subscription of this customer');
    expect(h.arm.requestCount('createTicket') + h.arm.requestCount('checkNameAvailability')).toBe(0);
  });
});
