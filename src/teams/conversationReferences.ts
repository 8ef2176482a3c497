import { TurnContext } from 'botbuilder';
import { storageKey, updateItem, type Storage } from '../storage';
import { tenantOf } from './tenantOf';
import type { Activity, ConversationReference } from './turn';

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

/**
 * The reference with its tenant in `conversation.tenantId`, where a proactive turn reads it: botbuilder builds the
 * turn's activity from the reference alone (no channelData), so without it the tenant gate sees a stranger. Pure.
 */
export function withTenant(reference: Partial<ConversationReference>, tenantId: string): Partial<ConversationReference> {
  if (!reference.conversation || reference.conversation.tenantId) return reference;
  return { ...reference, conversation: { ...reference.conversation, tenantId } };
}

/**
 * The conversation reference of an activity, with its tenant read as Microsoft documents it (`channelData.tenant.id`
 * first; a 1:1 message may carry it nowhere else) in `conversation.tenantId`: the tenant the reference is stored
 * under is the one its proactive turns will show.
 */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  const tenantId = tenantOf(activity);
  if (!tenantId || !reference.conversation) return reference;
  return { ...reference, conversation: { ...reference.conversation, tenantId } };
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
 *
 * @remarks There is no per-tenant list of conversations: nothing reads one (outage notifications go to the
 * subscribers of `SubscriptionStore`), and keeping one meant reading and rewriting a list of every conversation
 * of the tenant on each new conversation (10,000 users: a 450 KB item per first message). Older versions wrote
 * it as `refs:<tenant>`; that item is left alone and unused.
 */
export class ConversationReferenceStore {
  constructor(private readonly storage: Storage) {}

  private key(tenantId: string, conversationId: string): string {
    return storageKey('ref', tenantId, conversationId);
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
    const reference = referenceOf(activity);
    const result = await updateItem<StoredReference>(this.storage, this.key(tenantId, conversationId), (current) => {
      created = current === undefined;
      if (current?.reference.conversation?.tenantId && current.reference.serviceUrl === reference.serviceUrl && (!activity.locale || activity.locale === current.locale)
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
    return result.value ? { created, stored: result.value } : undefined;
  }

  /** The stored reference; one stored by an older version without `conversation.tenantId` gets the record's tenant. */
  async get(tenantId: string, conversationId: string): Promise<StoredReference | undefined> {
    const key = this.key(tenantId, conversationId);
    const items = await this.storage.read([key]);
    const stored = items[key] as StoredReference | undefined;
    return stored && { ...stored, reference: withTenant(stored.reference, stored.tenantId) };
  }

  /** Forgets a conversation (uninstall). */
  async remove(tenantId: string, conversationId: string): Promise<void> {
    await this.storage.delete([this.key(tenantId, conversationId)]);
  }
}
