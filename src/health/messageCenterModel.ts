/** A tenant's Message center posts (Graph serviceUpdateMessage), normalized. */

/** serviceUpdateMessage categories; anything Graph adds later becomes `unknownFutureValue`. */
export const MESSAGE_CATEGORIES = ['preventOrFixIssue', 'planForChange', 'stayInformed', 'unknownFutureValue'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/** One Message center post (id `MC…`). Dates are ISO instants; `null` when Graph has none. */
export interface MessageCenterPost {
  id: string;
  title: string;
  category: MessageCategory;
  /** Service display names, e.g. "Exchange Online". */
  services: string[];
  /** e.g. "Retirement", "Admin impact", "Feature update". */
  tags: string[];
  isMajorChange: boolean;
  startDateTime: string | null;
  actionRequiredByDateTime: string | null;
  lastModifiedDateTime: string | null;
  /** The body reduced to plain text (not truncated: matching reads all of it). */
  text: string;
  /** `details` name → value (e.g. ExternalLink, Summary). */
  details: Record<string, string>;
}

/** What the bot knows of a tenant's Message center. `available: false` when the tenant has not granted ServiceMessage.Read.All. */
export interface MessageCenterSnapshot {
  tenantId: string;
  fetchedAt: string;
  available: boolean;
  posts: MessageCenterPost[];
}

/** Reads a tenant's Message center; never rejects for a missing permission (see `available`). */
export interface MessageCenterSource {
  getMessages(tenantId: string): Promise<MessageCenterSnapshot>;
}

/** The post in the tenant's Microsoft 365 admin center Message center. */
export function messageCenterLink(postId: string): string {
  return `https://admin.microsoft.com/#/MessageCenter/:/messages/${encodeURIComponent(postId)}`;
}
