import { BlobStorage, createStorage } from '../../../src/storage';
import { startAzurite, type Azurite } from './azurite';
import { describeStorageContract, readOne } from './storageContract';

/** The storage contract on Azure Blob Storage, against Azurite started by the test (a fresh container per test). */
describe('on Azurite', () => {
  let azurite: Azurite;
  let containers = 0;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(() => azurite.stop());

  describeStorageContract(
    'BlobStorage (botbuilder-azure-blobs, via createStorage)',
    () => createStorage({ kind: 'blob', sqlitePath: '', blob: { connectionString: azurite.connectionString, container: `contract-${++containers}` } }),
    { strictOnMissingKey: true, atomicMultiKeyWrite: false },
  );

  it('shares items between two instances on one container', async () => {
    const config = { connectionString: azurite.connectionString, container: 'shared' };
    const [one, two] = [new BlobStorage(config), new BlobStorage(config)];
    await one.write({ k: { v: 'é🙂' } });
    expect(await readOne(two, 'k')).toEqual({ v: 'é🙂', eTag: expect.any(String) });
  });

  it('refuses blob settings without a connection string or account URL', () => {
    expect(() => createStorage({ kind: 'blob', sqlitePath: '' })).toThrow(/blob settings are required/);
    expect(() => new BlobStorage({ container: 'x' })).toThrow(/connection string or an account URL/);
  });
});
