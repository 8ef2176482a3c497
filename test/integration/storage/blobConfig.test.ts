import { ConfigError, loadConfig } from '../../../src/config';

/** STORAGE=blob configuration: validated at start-up, passed to createStorage as is. */
describe('STORAGE=blob configuration', () => {
  const base = { NODE_ENV: 'test', STORAGE: 'blob' };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('uses a connection string and the default container', () => {
    const config = loadConfig({ ...base, AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true;' });
    expect(config.storage).toEqual({
      kind: 'blob',
      sqlitePath: './data/bot.sqlite',
      blob: { connectionString: 'UseDevelopmentStorage=true;', accountUrl: undefined, managedIdentityClientId: undefined, container: 'support-triage-bot' },
    });
  });

  it('uses an account URL with a managed identity', () => {
    const config = loadConfig({
      ...base,
      AZURE_STORAGE_ACCOUNT_URL: 'https://contoso.blob.core.windows.net/',
      AZURE_STORAGE_MANAGED_IDENTITY_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      AZURE_STORAGE_CONTAINER: 'bot-state',
    });
    expect(config.storage.blob).toEqual({
      connectionString: undefined,
      accountUrl: 'https://contoso.blob.core.windows.net',
      managedIdentityClientId: '11111111-2222-3333-4444-555555555555',
      container: 'bot-state',
    });
  });

  it('names what is missing or wrong', () => {
    expect(problemsOf(base)).toEqual([expect.stringMatching(/^AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL: one is required/)]);
    expect(problemsOf({ ...base, AZURE_STORAGE_CONNECTION_STRING: 'x', AZURE_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net' })).toEqual([
      expect.stringMatching(/set only one/),
    ]);
    expect(problemsOf({ ...base, AZURE_STORAGE_ACCOUNT_URL: 'contoso' })).toEqual([expect.stringMatching(/^AZURE_STORAGE_ACCOUNT_URL: an absolute/)]);
    expect(problemsOf({ ...base, AZURE_STORAGE_CONNECTION_STRING: 'x', AZURE_STORAGE_CONTAINER: 'Bad_Name' })).toEqual([
      expect.stringMatching(/^AZURE_STORAGE_CONTAINER: a blob container name/),
    ]);
  });

  it('leaves the blob settings out for other storages', () => {
    expect(loadConfig({ NODE_ENV: 'test', STORAGE: 'memory', AZURE_STORAGE_CONNECTION_STRING: 'x' }).storage).toEqual({ kind: 'memory', sqlitePath: './data/bot.sqlite' });
  });
});
