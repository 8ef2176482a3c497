import { issueLink, serviceHealthLink } from '../../../src/health/adminCenterLinks';

describe('admin center links', () => {
  const tenant = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';

  it('links the tenant service health page', () => {
    expect(serviceHealthLink(tenant)).toBe(`https://admin.microsoft.com/?tid=${tenant}#/servicehealth`);
  });

  it('links one issue, encoding the id', () => {
    expect(issueLink(tenant, 'EX1093214')).toBe(`https://admin.microsoft.com/?tid=${tenant}#/servicehealth/:/alerts/EX1093214`);
    expect(issueLink(tenant, 'a/b?c')).toMatch(/alerts\/a%2Fb%3Fc$/);
  });
});
