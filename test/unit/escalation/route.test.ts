import { azureSubscriptionOf, categorize, chooseRoute, explainRoute, filesServiceRequest } from '../../../src/escalation/route';
import { escalationTranslator } from './testTranslator';

const SUB = '11111111-2222-4333-8444-555555555555';

describe('chooseRoute', () => {
  it('sends commercial problems to Partner Center for every partner, entitlement or not', () => {
    for (const entitlement of ['none', 'premier'] as const) {
      expect(chooseRoute({ category: 'billing', entitlement })).toEqual({ kind: 'partnerCenter', basis: 'commercial' });
      expect(chooseRoute({ category: 'subscriptionManagement', entitlement })).toEqual({ kind: 'partnerCenter', basis: 'commercial' });
    }
  });

  it('files technical problems only through an entitlement', () => {
    for (const entitlement of ['premier', 'advanced', 'signature'] as const) {
      expect(chooseRoute({ category: 'technical', entitlement })).toEqual({ kind: 'partnerCenter', basis: 'entitlement', entitlement });
    }
    const none = chooseRoute({ category: 'technical', entitlement: 'none' });
    expect(none).toEqual({ kind: 'explainOnly', reason: 'noTechnicalEntitlement' });
    expect(filesServiceRequest(none)).toBe(false);
  });

  it('sends Azure subscription problems to the Azure support ticket route', () => {
    expect(chooseRoute({ category: 'technical', entitlement: 'none', azure: { subscriptionId: SUB, subscriptionsListed: true } })).toEqual({ kind: 'azureSupportTicket', subscriptionId: SUB });
    expect(chooseRoute({ category: 'technical', entitlement: 'premier', azure: { subscriptionsListed: true } })).toEqual({ kind: 'azureSupportTicket' });
  });

  it('files no Azure ticket for a customer with no subscription in the directory, and says why', () => {
    const route = chooseRoute({ category: 'technical', entitlement: 'premier', azure: { subscriptionsListed: false } });
    expect(route).toEqual({ kind: 'explainOnly', reason: 'noAzureSubscription' });
    expect(filesServiceRequest(route)).toBe(false);
  });

  it('keeps Azure billing commercial', () => {
    expect(chooseRoute({ category: 'billing', entitlement: 'none', azure: { subscriptionId: SUB, subscriptionsListed: true } }).kind).toBe('partnerCenter');
  });
});

describe('categorize', () => {
  it.each([
    ['Our invoice shows a double charge', 'billing'],
    ['La facture de novembre est fausse', 'billing'],
    ['We need 20 more licenses on the subscription', 'subscriptionManagement'],
    ['Outlook cannot receive mail', 'technical'],
    ['Azure subscription VM will not start', 'technical'],
  ])('%s → %s', (description, expected) => {
    expect(categorize({ service: 'Exchange Online', description })).toBe(expected);
  });
});

describe('azureSubscriptionOf', () => {
  const other = '99999999-2222-4333-8444-555555555555';
  it('picks a subscription named in the description, or the only one for an Azure problem', () => {
    expect(azureSubscriptionOf({ service: 'other', description: `VM down in ${other.toUpperCase()}` }, [SUB, other])).toEqual({ id: other, isAzure: true });
    expect(azureSubscriptionOf({ service: 'other', description: 'Azure VM down' }, [SUB])).toEqual({ id: SUB, isAzure: true });
    expect(azureSubscriptionOf({ service: 'other', description: 'Azure VM down' }, [SUB, other])).toEqual({ isAzure: true });
    expect(azureSubscriptionOf({ service: 'Exchange Online', description: 'mail down' }, [SUB])).toEqual({ isAzure: false });
    expect(azureSubscriptionOf({ service: 'Microsoft Entra', description: 'Azure AD sign-in fails' }, [SUB])).toEqual({ isAzure: false });
  });
});

describe('explainRoute', () => {
  it('explains every route in the agent language', () => {
    const en = escalationTranslator('en');
    expect(explainRoute({ kind: 'partnerCenter', basis: 'entitlement', entitlement: 'premier' }, en)).toContain('Premier Support');
    expect(explainRoute({ kind: 'explainOnly', reason: 'noTechnicalEntitlement' }, en)).toMatch(/no Microsoft technical support entitlement/);
    expect(explainRoute({ kind: 'azureSupportTicket', subscriptionId: SUB }, escalationTranslator('fr'))).toContain(SUB);
    expect(explainRoute({ kind: 'azureSupportTicket' }, en)).toMatch(/Pick the affected subscription/);
    expect(explainRoute({ kind: 'partnerCenter', basis: 'commercial' }, escalationTranslator('fr'))).toMatch(/facturation/);
  });
});
