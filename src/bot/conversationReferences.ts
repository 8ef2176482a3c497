import type { Activity, ConversationReference, Storage } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import { storageKey, updateItem } from '../storage';
import { tenantOf } from './tenantOf';

/** A stored conversation reference and what it is for. */
export interface StoredReference {
  tenantId: string;
  conversationId: string;
  scope: 'personal' | 'channel' | 'groupChat';
  reference: Partial<ConversationReference>;
  /** The user of a personal chat (Teams id and Entra object id). */
  user?: { id: string; aadObjectId?: string; name?: string };
  /** The team of a channel conversation. */
  teamId?: string;
  locale?: string;
  installedAt: string;
  updatedAt: string;
}

interface TenantIndex {
  conversationIds: string[];
}

function scopeOf(activity: Partial<Activity>): StoredReference['scope'] {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/**
 * Conversation references keyed by tenant and conversation, kept by install/uninstall and refreshed
 * by every message: proactive messages (relay, notifications, case cards) need them after a restart.
 */
export class ConversationReferenceStore {
  constructor(private readonly storage: Storage) {}

  private key(tenantId: string, conversationId: string): string {
    return storageKey('ref', tenantId, conversationId);
  }

  private indexKey(tenantId: string): string {
    return storageKey('refs', tenantId);
  }

  /** Saves or refreshes the reference of the activity's conversation; `created` is true the first time. */
  async save(activity: Partial<Activity>): Promise<{ created: boolean; stored: StoredReference } | undefined> {
    const tenantId = tenantOf(activity);
    const conversationId = activity.conversation?.id;
    if (!tenantId || !conversationId) return undefined;
    const now = new Date().toISOString();
    const scope = scopeOf(activity);
    const channelData = activity.channelData as { team?: { id?: string } } | undefined;
    const user = scope === 'personal' && activity.from?.id && activity.from.id !== activity.recipient?.id
      ? { id: activity.from.id, aadObjectId: activity.from.aadObjectId, name: activity.from.name }
      : undefined;
    let created = false;
    const reference = TurnContext.getConversationReference(activity);
    const result = await updateItem<StoredReference>(this.storage, this.key(tenantId, conversationId), (current) => {
      created = current === undefined;
      if (current && current.reference.serviceUrl === reference.serviceUrl && (!activity.locale || activity.locale === current.locale)
        && (!user || user.id === current.user?.id)) return 'abort';
      return {
        tenantId,
        conversationId,
        scope,
        reference,
        user: user ?? current?.user,
        teamId: channelData?.team?.id ?? current?.teamId,
        locale: activity.locale ?? current?.locale,
        installedAt: current?.installedAt ?? now,
        updatedAt: now,
      };
    });
    if (created) {
      await updateItem<TenantIndex>(this.storage, this.indexKey(tenantId), (index) => {
        const ids = index?.conversationIds ?? [];
        return ids.includes(conversationId) ? 'abort' : { conversationIds: [...ids, conversationId] };
      });
    }
    return result.value ? { created, stored: result.value } : undefined;
  }

  async get(tenantId: string, conversationId: string): Promise<StoredReference | undefined> {
    const key = this.key(tenantId, conversationId);
    const items = await this.storage.read([key]);
    return items[key] as StoredReference | undefined;
  }

  /** Every stored conversation of a tenant. */
  async listTenant(tenantId: string): Promise<StoredReference[]> {
    const indexKey = this.indexKey(tenantId);
    const index = (await this.storage.read([indexKey]))[indexKey] as TenantIndex | undefined;
    const keys = (index?.conversationIds ?? []).map((id) => this.key(tenantId, id));
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys);
    return keys.map((k) => items[k] as StoredReference | undefined).filter((r): r is StoredReference => r !== undefined);
  }

  /** Forgets a conversation (uninstall). */
  async remove(tenantId: string, conversationId: string): Promise<void> {
    await this.storage.delete([this.key(tenantId, conversationId)]);
    await updateItem<TenantIndex>(this.storage, this.indexKey(tenantId), (index) => {
      const ids = index?.conversationIds ?? [];
      return ids.includes(conversationId) ? { conversationIds: ids.filter((id) => id !== conversationId) } : 'abort';
    });
  }
}
