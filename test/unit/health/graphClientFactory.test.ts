import { createGraphClients, relativeGraphPath } from '../../../src/cloud/graphClientFactory';

describe('relativeGraphPath', () => {
  const graph = { baseUrl: 'https://graph.microsoft.com', version: 'v1.0' };

  it.each([
    ['https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skip=100', graph, 'admin/serviceAnnouncement/issues?$skip=100'],
    [
      'https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$filter=lastModifiedDateTime+ge+2024-05-01T00%3a00%3a00Z&$skip=2',
      graph,
      'admin/serviceAnnouncement/issues?$filter=lastModifiedDateTime+ge+2024-05-01T00%3a00%3a00Z&$skip=2',
    ],
    ['http://127.0.0.1:4000/v1.0/users/x/transitiveMemberOf?$skip=100', { baseUrl: 'http://127.0.0.1:4000', version: 'v1.0' }, 'users/x/transitiveMemberOf?$skip=100'],
    // Another origin: only the path and query are kept, to be called on the configured base URL.
    ['https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skip=100', { baseUrl: 'https://127.0.0.1:4000', version: 'v1.0' }, 'admin/serviceAnnouncement/issues?$skip=100'],
    ['https://evil.example/v1.0/admin/serviceAnnouncement/issues?$skip=100', graph, 'admin/serviceAnnouncement/issues?$skip=100'],
    ['https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skip=2', { baseUrl: 'https://proxy.example/graph', version: 'v1.0' }, 'admin/serviceAnnouncement/issues?$skip=2'],
  ])('%s → relative path', (link, clients, expected) => {
    expect(relativeGraphPath(link, clients)).toBe(expected);
  });

  it.each([
    'https://graph.microsoft.com/beta/admin/serviceAnnouncement/issues',
    'https://graph.microsoft.com/admin/serviceAnnouncement/issues',
    // Paths the Graph client would read as a URL of their own, or as another root.
    'https://evil.example/v1.0/https://evil.example/x',
    'https://graph.microsoft.com/v1.0//evil.example/x',
  ])('refuses %s', (link) => {
    expect(() => relativeGraphPath(link, graph)).toThrow(/Refusing/);
  });
});

describe('createGraphClients', () => {
  it('creates one client per tenant and reuses it', () => {
    const clients = createGraphClients({ baseUrl: 'http://127.0.0.1:4000/' });
    expect(clients.baseUrl).toBe('http://127.0.0.1:4000');
    expect(clients.anonymous).toBe(true);
    expect(clients.forTenant('a')).toBe(clients.forTenant('a'));
    expect(clients.forTenant('a')).not.toBe(clients.forTenant('b'));
  });
});
