import { fault } from '../../../src/sandbox/faults';
import { decodeJwtPayload } from '../../../src/sandbox/jwt';
import { cardAction, channelConversation, TENANTS } from '../../support/activities';
import { waitUntil } from '../../support/botProcess';
import { visibleText } from '../../support/chat';
import { post } from '../../support/testBot';
import { type AzureCase, type AzureHarness, FABRIKAM_SUBSCRIPTION, useAzureHarness } from './azureHarness';

function tenantOf(header: string | undefined): unknown {
  return decodeJwtPayload(header?.replace(/^Bearer\s+/i, '') ?? '')?.tid;
}

/**
 * An agent files an Azure support ticket for a customer's Azure VM problem from the case thread: the running bot,
 * real @azure/identity credentials against the Entra stand-in, the ARM Microsoft.Support stand-in over https.
 */
describe('Azure support tickets through the running bot', () => {
  let h: AzureHarness;
  useAzureHarness((started) => { h = started; });
  const proposed = (opened: AzureCase): Promise<Record<string, string>> => h.proposed(opened);

  it('files one ticket with the proposed body and both tokens, however often the agent presses', async () => {
    const opened = await h.openAzureCase();
    const inputs = await proposed(opened);
    expect(inputs).toMatchObject({
      subscriptionId: FABRIKAM_SUBSCRIPTION,
      serviceId: expect.stringContaining('/providers/Microsoft.Support/services/6f16735c') as string,
      severity: 'critical', firstName: 'Élise', lastName: 'Martin', country: 'FRA',
      preferredTimeZone: 'Romance Standard Time', preferredSupportLanguage: 'fr-fr', advancedDiagnosticConsent: 'No',
    });
    expect(inputs.title).toContain('Fabrikam');
    // "ne démarre plus" names no problem type of the service: the agent must pick one.
    expect(inputs.problemClassificationId).toBe('');
    expect(JSON.stringify(await h.press(opened, 'escalation.submit', inputs))).toContain('Choose a problem type of this Azure service.');
    expect(h.arm.requestCount('createTicket')).toBe(0);
    const choose = { ...inputs, advancedDiagnosticConsent: 'Yes', problemClassificationId: `${inputs.serviceId ?? ''}/problemClassifications/c1f6a8e3-7d42-4b2a-9e11-5f0a3b7c2d21` };

    const filed = await h.press(opened, 'escalation.submit', choose);
    expect(JSON.stringify(filed)).toContain('Azure support ticket');
    expect(JSON.stringify(filed)).toContain('Open at Microsoft');
    const [ticket, ...others] = h.arm.tickets();
    expect(others).toHaveLength(0);
    expect(ticket?.subscriptionId).toBe(FABRIKAM_SUBSCRIPTION);
    expect(ticket?.name).toMatch(/^support-triage-[0-9a-f-]{36}$/);
    expect(ticket?.properties).toMatchObject({
      serviceId: inputs.serviceId, problemClassificationId: choose.problemClassificationId, severity: 'critical', advancedDiagnosticConsent: 'Yes', status: 'Open',
      contactDetails: {
        firstName: 'Élise', lastName: 'Martin', preferredContactMethod: 'email', primaryEmailAddress: 'elise.martin@fabrikam.example',
        preferredTimeZone: 'Romance Standard Time', country: 'FRA', preferredSupportLanguage: 'fr-fr',
      },
    });
    const put = h.arm.requests.find((r) => r.route === 'createTicket');
    expect(put?.apiVersion).toBe('2024-04-01');
    expect(tenantOf(put?.authorization)).toBe(TENANTS.fabrikam);
    expect(tenantOf(put?.auxiliary)).toBe(TENANTS.partner);
    expect(h.arm.requestCount('checkNameAvailability')).toBe(1);

    // A double press, a redelivered invoke (same activity id), and a press on the proposal again: nothing more is filed.
    const invoke = cardAction(h.agent, h.connector.url, channelConversation(h.agents, opened.threadId), 'escalation.submit', { caseId: opened.caseId, ...choose });
    await Promise.all([h.press(opened, 'escalation.submit', choose), post(h.app, invoke), post(h.app, invoke)]);
    expect(JSON.stringify(await h.press(opened, 'escalation.propose'))).toContain(ticket?.properties.supportTicketId as string);
    expect(h.arm.requestCount('createTicket')).toBe(1);
    expect(h.arm.tickets()).toHaveLength(1);
    const told = h.connector.sentTo(opened.customer.conversationId).map(visibleText).join('\n');
    expect(told).toContain(`Nous avons ouvert le ticket de support Azure ${String(ticket?.properties.supportTicketId)}`);
  });

  it('reports Open → Closed to the case thread and to the customer in French, and closes from the card', async () => {
    const opened = await h.openAzureCase();
    const inputs = await proposed(opened);
    await h.press(opened, 'escalation.submit', { ...inputs, problemClassificationId: `${inputs.serviceId ?? ''}/problemClassifications/e2542d4b-9d1e-4d0f-b8a0-0c4f2c8c6a11` });
    const ticket = h.arm.tickets().at(-1);
    if (!ticket) throw new Error('no ticket');
    const id = String(ticket.properties.supportTicketId);
    const threadConversation = `${h.agents.channelId};messageid=${opened.threadId}`;
    h.arm.setStatus(ticket.name, 'Closed');
    await waitUntil(() => h.connector.sentTo(opened.customer.conversationId).some((a) => visibleText(a).includes(`Microsoft a fermé la demande ${id}`)), 10_000, 'the customer told of the closure');
    const thread = h.connector.sentTo(threadConversation).map(visibleText).join('\n');
    expect(thread).toContain(`Service request ${id} (Fabrikam) is closed.`);
    expect(thread).toContain('Azure support ticket');
    expect(thread).toContain('Closed');
    expect(h.arm.requests.filter((r) => r.route === 'getTicket').every((r) => tenantOf(r.auxiliary) === TENANTS.partner)).toBe(true);

    h.arm.setStatus(ticket.name, 'Open');
    const reopened = await h.press(opened, 'escalation.close');
    expect(h.arm.requests.find((r) => r.route === 'updateTicket')?.body).toEqual({ status: 'closed' });
    expect(h.arm.tickets().at(-1)?.properties.status).toBe('Closed');
    expect(JSON.stringify(reopened)).toContain('Closed');
  });

  /** Files the case's ticket (VM start problem type); resolves to the stored ticket and the case thread's conversation id. */
  async function fileTicket(opened: AzureCase): Promise<{ name: string; id: string; thread: string }> {
    const inputs = await proposed(opened);
    await h.press(opened, 'escalation.submit', { ...inputs, problemClassificationId: `${inputs.serviceId ?? ''}/problemClassifications/c1f6a8e3-7d42-4b2a-9e11-5f0a3b7c2d21` });
    const ticket = h.arm.tickets().at(-1);
    if (!ticket) throw new Error('no ticket');
    return { name: ticket.name, id: String(ticket.properties.supportTicketId), thread: `${h.agents.channelId};messageid=${opened.threadId}` };
  }

  /** Waits until the tracker has run two full polls of the ticket after now (each poll lists its communications once). */
  async function twoMorePolls(name: string): Promise<void> {
    const polls = (): number => h.arm.requests.filter((r) => r.route === 'listCommunications' && r.path.includes(name)).length;
    const target = polls() + 3;
    await waitUntil(() => polls() >= target, 15_000, `three more polls of ${name}`);
  }

  it('a ticket Microsoft is updating (Open → Updating → Open) tells nobody; its closure is told once', async () => {
    const opened = await h.openAzureCase();
    const { name, id, thread } = await fileTicket(opened);
    await twoMorePolls(name);
    const before = h.connector.sentTo(thread).length;

    h.arm.setStatus(name, 'Updating');
    await twoMorePolls(name);
    h.arm.setStatus(name, 'Open');
    await twoMorePolls(name);
    expect(h.connector.sentTo(thread).slice(before).map(visibleText)).toEqual([]);

    h.arm.setStatus(name, 'Closed');
    await waitUntil(() => h.connector.sentTo(opened.customer.conversationId).some((a) => visibleText(a).includes(`Microsoft a fermé la demande ${id}`)), 10_000, 'the customer told of the closure');
    const told = h.connector.sentTo(thread).slice(before).map(visibleText).join('\n');
    expect(told.split(`Service request ${id} (Fabrikam) is closed.`)).toHaveLength(2);
    expect(told).not.toContain('is submitted');
  });

  it("posts Microsoft's new message on the ticket in the case thread once, and not the customer's own messages", async () => {
    const opened = await h.openAzureCase();
    const { name, id, thread } = await fileTicket(opened);
    h.arm.addCommunication(name, { subject: 'Customer reply', body: 'We restarted it twice already.', direction: 'outbound', sender: 'elise.martin@fabrikam.example' });
    h.arm.addCommunication(name, { subject: 'Next steps', body: 'Please send us the boot diagnostics screenshot of the VM.', sender: 'azure.engineer@microsoft.com' });

    const posted = (): string => h.connector.sentTo(thread).map(visibleText).join('\n');
    await waitUntil(() => posted().includes('Please send us the boot diagnostics screenshot of the VM.'), 10_000, "Microsoft's message in the case thread");
    await twoMorePolls(name);
    const notes = h.connector.sentTo(thread).map(visibleText).filter((text) => text.startsWith(`New note on ${id}`));
    expect(notes).toEqual([`New note on ${id} from azure.engineer@microsoft.com: Next steps: Please send us the boot diagnostics screenshot of the VM.`]);
    expect(posted()).not.toContain('We restarted it twice already.');
    expect(h.connector.sentTo(opened.customer.conversationId).map(visibleText).join('\n')).toContain(id);
  });

  it.each([
    ['400', fault.status(400), 'Azure refused the ticket', 'Open an Azure support ticket'],
    ['401', fault.status(401), 'Azure refused our credentials', 'Try again'],
    ['429', fault.throttle('0'), 'Azure is throttling us', 'Try again'],
    ['500', fault.status(500), 'Azure did not answer', 'Try again'],
  ])('a %s on create tells the agent what to do and loses nothing', async (_status, injected, message, shown) => {
    const opened = await h.openAzureCase();
    const proposal = await proposed(opened);
    const inputs = { ...proposal, title: `Edited title ${_status}`, problemClassificationId: `${proposal.serviceId ?? ''}/problemClassifications/9a3b5c7d-1e2f-4a6b-8c0d-2e4f6a8b0c31` };
    h.arm.failAlways('createTicket', injected);
    const failed = JSON.stringify(await h.press(opened, 'escalation.submit', inputs));
    h.arm.failAlways('createTicket', undefined);
    expect(failed).toContain(message);
    expect(failed).toContain(shown);
    expect(failed).toContain(`Edited title ${_status}`);
    expect(h.arm.tickets().filter((t) => t.properties.title === inputs.title)).toHaveLength(0);

    const retried = JSON.stringify(await h.press(opened, 'escalation.submit', inputs));
    expect(retried).toContain('Open at Microsoft');
    expect(h.arm.tickets().filter((t) => t.properties.title === inputs.title)).toHaveLength(1);
  });
});
