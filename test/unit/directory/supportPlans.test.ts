import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCustomerDirectory } from '../../../src/directory/customerDirectory';
import { loadSupportPlans, parseSupportPlans } from '../../../src/directory/supportPlans';

const CONFIG = join(__dirname, '..', '..', '..', 'config');
const shipped = JSON.parse(readFileSync(join(CONFIG, 'support-plans.json'), 'utf8')) as { plans: Record<string, unknown> };
const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const OTHER = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1';

describe('support plans file', () => {
  it('gives the example customers exactly what the hand-written example directory gives them', async () => {
    const plans = await loadSupportPlans(join(CONFIG, 'support-plans.json'));
    const written = await loadCustomerDirectory(join(CONFIG, 'customers.json'));
    for (const customer of written.all()) {
      expect(plans.customerOf({ tenantId: customer.tenantId.toUpperCase(), companyName: customer.name, domain: customer.defaultDomain })).toEqual(customer);
    }
  });

  it('matches an override by tenant id first, then by domain (any case), and gives everyone else the default plan', () => {
    const plans = parseSupportPlans({
      plans: shipped.plans, defaultPlan: 'essentials',
      customers: [{ tenantId: FABRIKAM, plan: 'business-care', defaultNotificationServices: ['Exchange Online'] }, { domain: 'Northwind.com', plan: 'business-care', azureSubscriptionIds: [OTHER] }],
    }, 'plans.json');
    expect(plans.customerOf({ tenantId: FABRIKAM, companyName: 'Fabrikam', domain: 'northwind.com' })).toMatchObject({ supportPlan: { name: 'Business Care' }, defaultNotificationServices: ['Exchange Online'], azureSubscriptionIds: [] });
    expect(plans.customerOf({ tenantId: OTHER, companyName: 'Northwind', domain: 'NORTHWIND.com' })).toMatchObject({ supportPlan: { name: 'Business Care' }, azureSubscriptionIds: [OTHER] });
    expect(plans.customerOf({ tenantId: OTHER, companyName: 'Tailspin', domain: 'tailspin.com' })).toEqual({
      tenantId: OTHER, name: 'Tailspin', defaultDomain: 'tailspin.com', supportPlan: expect.objectContaining({ name: 'Essentials' }) as unknown,
      azureSubscriptionIds: [], azureSupportContact: {}, defaultNotificationServices: [],
    });
  });

  it('fails with every problem listed', () => {
    const bad = {
      plans: { basic: { ...(shipped.plans.essentials as object), hours: { timeZone: 'Mars/Olympus', days: ['mon'], open: '09:00', close: '17:00' } } },
      defaultPlan: 'gold',
      customers: [{ tenantId: 'nope', plan: 'basic' }, { plan: 'basic' }],
    };
    expect(() => parseSupportPlans(bad, 'plans.json')).toThrow(/Support plans file plans\.json is invalid/);
    const message = ((): string => { try { parseSupportPlans(bad, 'plans.json'); return ''; } catch (e) { return (e as Error).message; } })();
    expect(message).toContain('[plans.basic.hours.timeZone]');
    expect(message).toContain('[customers.0.tenantId]');
    expect(message).toContain('[customers.1] give exactly one of tenantId or domain');
  });

  it('names unknown plans and customers overridden twice', () => {
    const file = { plans: shipped.plans, defaultPlan: 'gold', customers: [{ tenantId: FABRIKAM, plan: 'silver' }, { tenantId: FABRIKAM.toUpperCase() }] };
    expect(() => parseSupportPlans(file, 'plans.json')).toThrow(/\[defaultPlan\] "gold"[\s\S]*\[customers\.0\.plan\] "silver"[\s\S]*\[customers\.1\] 8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11 has more than one override/);
  });

  it('says which setting to change when the file cannot be read', async () => {
    await expect(loadSupportPlans(join(CONFIG, 'missing.json'))).rejects.toThrow(/set SUPPORT_PLANS_FILE/);
  });
});
