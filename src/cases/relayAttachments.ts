/**
 * Files a customer attaches to a relayed message: forwarded to the case thread as links (never re-uploaded), a
 * bounded number of them, only over https, names shown as typed. Pure.
 */
import type { Attachment } from '../teams/turn';
import { httpsUrl, plainText } from '../text/plainText';
import { truncate } from '../health/graphParse';
import type { Translate } from '../i18n';

/** Attachments forwarded per message; the rest are counted as dropped. */
export const MAX_RELAY_ATTACHMENTS = 10;
/** Longest file name shown (longer ones are cut with an ellipsis). */
export const MAX_ATTACHMENT_NAME_CHARS = 120;
/** Longest link forwarded; a longer one is dropped rather than cut (a cut link leads somewhere else). */
export const MAX_ATTACHMENT_URL_CHARS = 2_048;

/** The content type of a file a user attached in Teams; its link is `content.downloadUrl`. */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A file forwarded as a link. */
export interface RelayAttachment {
  name: string;
  url: string;
}

/** What a message's attachments become: the files forwarded, and how many were not. */
export interface RelayAttachments {
  kept: RelayAttachment[];
  dropped: number;
}

/** The link of an attachment: a Teams file's download URL, or the attachment's own URL. */
function linkOf(attachment: Partial<Attachment>): string | undefined {
  if (attachment.contentType === TEAMS_FILE_DOWNLOAD_INFO) {
    const content = attachment.content as { downloadUrl?: unknown } | undefined;
    return httpsUrl(content?.downloadUrl, MAX_ATTACHMENT_URL_CHARS);
  }
  return httpsUrl(attachment.contentUrl, MAX_ATTACHMENT_URL_CHARS);
}

/**
 * Sorts a message's attachments into the files forwarded and the count dropped (a link that is not https, or
 * beyond MAX_RELAY_ATTACHMENTS). Attachments without a link (cards, the HTML copy of the text) are not files and are
 * neither kept nor counted.
 */
export function relayAttachments(attachments: readonly Partial<Attachment>[] | undefined): RelayAttachments {
  const kept: RelayAttachment[] = [];
  let dropped = 0;
  for (const attachment of attachments ?? []) {
    const hasLink = typeof attachment.contentUrl === 'string' || attachment.contentType === TEAMS_FILE_DOWNLOAD_INFO;
    if (!hasLink) continue;
    const url = linkOf(attachment);
    if (url === undefined || kept.length >= MAX_RELAY_ATTACHMENTS) {
      dropped += 1;
      continue;
    }
    const name = typeof attachment.name === 'string' && attachment.name.trim() !== '' ? attachment.name.trim() : (attachment.contentType ?? '');
    kept.push({ name: truncate(name.replace(/\s+/g, ' '), MAX_ATTACHMENT_NAME_CHARS), url });
  }
  return { kept, dropped };
}

/**
 * The attachments as markdown lines for the case thread: one per file while they fit in `budget` characters, then
 * a line saying how many were not forwarded.
 */
export function attachmentLines(attachments: RelayAttachments, t: Translate, budget: number): string[] {
  const lines: string[] = [];
  let used = 0;
  let dropped = attachments.dropped;
  for (const a of attachments.kept) {
    const line = t('cases.customer.attachment', { name: plainText(a.name), url: a.url });
    if (used + line.length + 2 > budget) dropped += 1;
    else {
      lines.push(line);
      used += line.length + 2;
    }
  }
  if (dropped > 0) lines.push(t('cases.customer.attachmentsDropped', { count: dropped, max: MAX_RELAY_ATTACHMENTS }));
  return lines;
}
