/** Shared by the rollout tests: a real app package, a three-customer directory, and the Entra and Graph stand-ins. */
import { crc32 } from 'node:zlib';
import { parseCustomerDirectory, type CustomerDirectory } from '../../src/directory/customerDirectory';
import { type EntraSandbox, startEntraSandbox } from '../../src/sandbox/entraSandbox';
import { type GraphSandbox, startGraphSandbox } from '../../src/sandbox/graphSandbox';
import { buildAppPackage, readSettings } from '../../scripts/appPackage';

export const ROLLOUT_APP = { clientId: '5e3c1a9b-7d2f-4e8a-9b6c-1d0e2f3a4b5c' };
export const TEAMS_ADMIN = 'teams.admin@contoso-cloud.example';
export const CUSTOMERS = {
  fabrikam: '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11',
  contoso: '3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e',
  /** Its GDAP relationship gives the partner user no Teams Administrator role: Graph answers 403. */
  northwind: '7b1d2c3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e',
};

const PLAN = {
  name: 'Essentials', scope: ['Microsoft 365'],
  hours: { timeZone: 'Europe/Paris', days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00', holidays: [] },
  contact: { method: 'email', email: 'help@contoso-cloud.example' },
  pricing: { model: 'included' },
  firstResponseMinutes: { critical: 60, moderate: 240, minimal: 1440 },
  microsoftTechnicalSupport: 'advanced',
  customerMayRequestMicrosoftEscalation: true,
};

/** A customer record as config/customers.json holds it, with `extra` fields (e.g. proactiveInstall). */
export function customerRecord(tenantId: string, name: string, defaultDomain: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { tenantId, name, defaultDomain, supportPlan: PLAN, ...extra };
}

export function rolloutDirectory(): CustomerDirectory {
  return parseCustomerDirectory([
    { tenantId: CUSTOMERS.fabrikam, name: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com', supportPlan: PLAN },
    { tenantId: CUSTOMERS.contoso, name: 'Contoso Pharma', defaultDomain: 'contosopharma.onmicrosoft.com', supportPlan: PLAN },
    { tenantId: CUSTOMERS.northwind, name: 'Northwind Traders', defaultDomain: 'northwind.onmicrosoft.com', supportPlan: PLAN },
  ], 'rollout test');
}

/** The package `npm run package` builds, as a zip in memory, at `version`. */
export async function appPackageZip(version: string): Promise<{ zip: Buffer; externalId: string; version: string }> {
  const values = readSettings({
    MicrosoftAppId: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a', BOT_DOMAIN: 'bot.contoso-cloud.example', PARTNER_NAME: 'Contoso Cloud',
    PARTNER_WEBSITE: 'https://contoso-cloud.example', APP_VERSION: version,
  }, version);
  const { manifest, files } = await buildAppPackage(values);
  return { zip: storedZip(files), externalId: String(manifest.id), version: String(manifest.version) };
}

/** A zip of `files`, stored (not compressed): local headers, central directory, end record. */
function storedZip(files: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(file.data), 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += 30 + name.length + file.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export interface RolloutClouds {
  entra: EntraSandbox;
  graph: GraphSandbox;
  close(): Promise<void>;
}

/** Entra (the rollout app is a public client) and Graph (Teams administrator of Fabrikam and Contoso only). */
export async function startRolloutClouds(): Promise<RolloutClouds> {
  const entra = await startEntraSandbox({ clients: [ROLLOUT_APP], deviceCodeIntervalSeconds: 1 });
  const graph = await startGraphSandbox();
  graph.teamsApps.setTeamsAdmins(CUSTOMERS.fabrikam, [TEAMS_ADMIN]);
  graph.teamsApps.setTeamsAdmins(CUSTOMERS.contoso, [TEAMS_ADMIN]);
  return { entra, graph, close: async () => { await graph.close(); await entra.close(); } };
}
