import { randomUUID } from 'node:crypto';

/** Tenants of the shipped example directory (config/customers.json) and the example partner. */
export const TENANTS = {
  fabrikam: '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11',
  contoso: '3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e',
  partner: '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090',
  stranger: 'deadbeef-0000-4000-8000-000000000000',
} as const;

export const BOT = { id: '28:bot-app-id', name: 'Support Triage' };

/** A Teams user of a tenant. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
  tenantId: string;
  locale: string;
}

export function user(tenantId: string, name = 'Élise Martin', locale = 'fr-FR'): TeamsUser {
  return { id: `29:${randomUUID()}`, name, aadObjectId: randomUUID(), tenantId, locale };
}

/** The personal (1:1) conversation id of a user with the bot. */
export function personalConversationId(u: TeamsUser): string {
  return `a:${u.id.slice(3)}`;
}

type Activity = Record<string, unknown>;

function base(u: TeamsUser, serviceUrl: string, conversation: Record<string, unknown>): Activity {
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    recipient: BOT,
    conversation,
    locale: u.locale,
    entities: [{ type: 'clientInfo', locale: u.locale, country: 'FR', platform: 'Web', timezone: 'Europe/Paris' }],
    channelData: { tenant: { id: u.tenantId } },
  };
}

function personal(u: TeamsUser): Record<string, unknown> {
  return { id: personalConversationId(u), conversationType: 'personal', tenantId: u.tenantId };
}

/** A 1:1 text message from a customer (or partner user). */
export function personalMessage(u: TeamsUser, serviceUrl: string, text: string, extra: Activity = {}): Activity {
  return { ...base(u, serviceUrl, personal(u)), type: 'message', text, textFormat: 'plain', ...extra };
}

/** An Action.Submit from a card in the 1:1 chat: a message with `value` and no text. */
export function personalSubmit(u: TeamsUser, serviceUrl: string, value: Record<string, unknown>, replyToId = 'act-1'): Activity {
  return { ...base(u, serviceUrl, personal(u)), type: 'message', value, replyToId };
}

/** Personal-scope install: conversationUpdate with the bot and the user added. */
export function personalInstall(u: TeamsUser, serviceUrl: string): Activity {
  return { ...base(u, serviceUrl, personal(u)), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }, { id: u.id, aadObjectId: u.aadObjectId }] };
}

/** installationUpdate (add or remove) in the 1:1 scope. */
export function personalInstallationUpdate(u: TeamsUser, serviceUrl: string, action: 'add' | 'remove'): Activity {
  return { ...base(u, serviceUrl, personal(u)), type: 'installationUpdate', action };
}

/** A team channel of the partner. */
export interface TeamsChannel {
  teamId: string;
  channelId: string;
  tenantId: string;
}

export function channel(tenantId: string = TENANTS.partner): TeamsChannel {
  const n = randomUUID().slice(0, 8);
  return { teamId: `19:team${n}@thread.tacv2`, channelId: `19:chan${n}@thread.tacv2`, tenantId };
}

function channelData(c: TeamsChannel): Record<string, unknown> {
  return { team: { id: c.teamId }, channel: { id: c.channelId }, tenant: { id: c.tenantId } };
}

/** Bot installed in a team (conversationUpdate on the team's General channel). */
export function teamInstall(u: TeamsUser, serviceUrl: string, c: TeamsChannel): Activity {
  return {
    ...base(u, serviceUrl, { id: c.channelId, conversationType: 'channel', isGroup: true, tenantId: c.tenantId }),
    type: 'conversationUpdate', membersAdded: [{ id: BOT.id }],
    channelData: { ...channelData(c), eventType: 'teamMemberAdded' },
  };
}

/** A channel message that @mentions the bot, optionally inside a thread (`threadId` = root activity id). */
export function channelMention(u: TeamsUser, serviceUrl: string, c: TeamsChannel, text: string, threadId?: string): Activity {
  const conversationId = threadId ? `${c.channelId};messageid=${threadId}` : c.channelId;
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(u, serviceUrl, { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: c.tenantId }),
    type: 'message', text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
    channelData: channelData(c),
  };
}

/** A channel message without a mention (delivered when the RSC permission is granted). */
export function channelMessage(u: TeamsUser, serviceUrl: string, c: TeamsChannel, text: string, threadId: string): Activity {
  return {
    ...base(u, serviceUrl, { id: `${c.channelId};messageid=${threadId}`, conversationType: 'channel', isGroup: true, tenantId: c.tenantId }),
    type: 'message', text, channelData: channelData(c),
  };
}

/** A Universal Action (Action.Execute) invoke from a card. */
export function cardAction(u: TeamsUser, serviceUrl: string, conversation: Record<string, unknown>, verb: string, data: Record<string, unknown>): Activity {
  return {
    ...base(u, serviceUrl, conversation),
    type: 'invoke', name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}

export function personalConversation(u: TeamsUser): Record<string, unknown> {
  return personal(u);
}

export function channelConversation(c: TeamsChannel, threadId?: string): Record<string, unknown> {
  return { id: threadId ? `${c.channelId};messageid=${threadId}` : c.channelId, conversationType: 'channel', isGroup: true, tenantId: c.tenantId };
}
