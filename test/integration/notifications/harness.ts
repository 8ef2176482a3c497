import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage, type Storage } from 'botbuilder';
import { ConversationReferenceStore, type StoredReference } from '../../../src/teams/conversationReferences';
import { TeamsMessenger, type Messenger } from '../../../src/teams/teamsMessenger';
import { CustomerDirectory } from '../../../src/directory/customerDirectory';
import type { HealthIssue, HealthSnapshot, ServiceHealthSource } from '../../../src/health/model';
import { createNotifications, type Notifications } from '../../../src/notifications';
import { SqliteStorage } from '../../../src/storage';
import { tempSqlitePath } from '../../support/testBot';

/** A ServiceHealthSource whose issues the test changes over time, per tenant. */
export class MemoryHealth implements ServiceHealthSource {
  readonly issues = new Map<string, HealthIssue[]>();
  calls = 0;

  set(tenantId: string, issues: HealthIssue[]): void {
    this.issues.set(tenantId, issues);
  }

  async getSnapshot(tenantId: string): Promise<HealthSnapshot> {
    this.calls++;
    return {
      tenantId,
      fetchedAt: new Date().toISOString(),
      services: [{ id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' }, { id: 'SharePoint', service: 'SharePoint Online', status: 'serviceOperational' }],
      issues: structuredClone(this.issues.get(tenantId) ?? []),
    };
  }
}

export const AGENTS_CONVERSATION = '19:agents@thread.tacv2';

/** Storages the tests run against. */
export const STORAGES: Array<[string, () => Storage]> = [
  ['memory', () => new MemoryStorage()],
  ['sqlite', () => new SqliteStorage(tempSqlitePath())],
];

/**
 * A real TeamsMessenger over a CloudAdapter in anonymous mode. `timeoutMs` is how long one proactive send may take
 * before it counts as failed (and is sent again, at least once); the default is the product's.
 */
export function anonymousMessenger(timeoutMs?: number): Messenger {
  return new TeamsMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '', timeoutMs);
}

/** Saves the reference of a user's personal chat, as a message from that user would. */
export async function addPersonalChat(references: ConversationReferenceStore, serviceUrl: string, tenantId: string, userId: string): Promise<string> {
  const conversationId = `a:${tenantId}-${userId}`;
  await references.save({
    type: 'message', channelId: 'msteams', serviceUrl, locale: 'en-US',
    conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false, name: '' },
    from: { id: `29:${userId}`, name: userId }, recipient: { id: '28:bot', name: 'bot' },
    channelData: { tenant: { id: tenantId } },
  });
  return conversationId;
}

/** The agents' channel reference. */
export function agentsReference(serviceUrl: string): StoredReference {
  return {
    tenantId: 'partner', conversationId: AGENTS_CONVERSATION, scope: 'channel', installedAt: '', updatedAt: '', locale: 'en',
    reference: { channelId: 'msteams', serviceUrl, conversation: { id: AGENTS_CONVERSATION, conversationType: 'channel', isGroup: true, name: '' }, bot: { id: '28:bot', name: 'bot' } },
  };
}

/** One bot instance's notification feature over shared storage. */
export function instance(storage: Storage, health: ServiceHealthSource, messenger: Messenger, serviceUrl: string, instanceId: string): Notifications & { references: ConversationReferenceStore } {
  const references = new ConversationReferenceStore(storage);
  const built = createNotifications({
    storage, health, messenger, references, directory: new CustomerDirectory([]), instanceId,
    agentsChannel: async () => agentsReference(serviceUrl),
    pollIntervalMs: 0,
    leaseTtlMs: 60_000,
    sender: { backoffBaseMs: 20, backoffMaxMs: 200, maxRetryWaitMs: 3_000 },
    onError: (tenantId, err) => { throw Object.assign(new Error(`watch error for ${tenantId}`), { cause: err }); },
  });
  return { ...built, references };
}
