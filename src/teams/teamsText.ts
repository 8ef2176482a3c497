/**
 * What an agent wrote in Teams, as text the bot can read and relay: mentions resolved through the activity's
 * entities, HTML (`textFormat: xml`, `<p>…</p>`) turned into the markdown Teams renders for the customer (bold,
 * italic, https links, lists, line breaks), tags never shown, character references decoded. Pure; every command
 * and `/note` check reads this text, never the raw one.
 */
import { httpsUrl, plainInline, plainText } from '../text/plainText';
import { decodeEntities } from '../text/htmlEntities';

/** The parts of an activity the normalizer reads (botbuilder's Activity fits). */
export interface TeamsTextActivity {
  text?: string;
  textFormat?: string;
  recipient?: { id?: string; name?: string };
  entities?: ReadonlyArray<{ type?: string; [key: string]: unknown }>;
}

/**
 * Activities whose text this module already normalized in this turn. Kept here, not in a field of the activity: an
 * inbound `textFormat: markdown` is the sender's word and must not skip the normalization.
 */
const normalized = new WeakSet<TeamsTextActivity>();

/** The textFormat of normalized text: markdown. */
export const NORMALIZED_FORMAT = 'markdown';

const TAG = /<(\/?)([a-z][a-z0-9]*)\b([^>]*)>/gi;
const HTML_HINT = /<\/?[a-z][a-z0-9]*\b[^>]*>/i;

interface Mention {
  text: string;
  id?: string;
  name?: string;
}

function mentionsOf(activity: TeamsTextActivity): Mention[] {
  return (activity.entities ?? []).flatMap((entity) => {
    if (entity.type !== 'mention' || typeof entity.text !== 'string' || entity.text === '') return [];
    const mentioned = entity.mentioned as { id?: unknown; name?: unknown } | undefined;
    return [{ text: entity.text, id: typeof mentioned?.id === 'string' ? mentioned.id : undefined, name: typeof mentioned?.name === 'string' ? mentioned.name : undefined }];
  });
}

/** The bot's own mention removed; anyone else mentioned kept as their name. */
function resolveMentions(text: string, activity: TeamsTextActivity): string {
  let resolved = text;
  for (const mention of mentionsOf(activity)) {
    const isBot = mention.id !== undefined && mention.id === activity.recipient?.id;
    resolved = resolved.split(mention.text).join(isBot ? '' : (mention.name ?? ''));
  }
  // A mention whose entity text does not match the message exactly (`<at>@Name</at>`) is still markup: keep its name.
  const botName = activity.recipient?.name?.toLowerCase();
  return resolved.replace(/<at\b[^>]*>(.*?)<\/at>/gi, (_whole, name: string) => (name.replace(/^@/, '').toLowerCase() === botName ? '' : name));
}

function hrefOf(attributes: string): string | undefined {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  return httpsUrl(decodeEntities(match?.[1] ?? match?.[2] ?? match?.[3] ?? ''));
}

/** Teams' HTML as markdown: formatting kept, every other tag dropped, text shown as written. */
export function htmlToMarkdown(html: string): string {
  const out: string[] = [];
  const links: Array<string | undefined> = [];
  const lists: Array<{ ordered: boolean; next: number }> = [];
  let skipping: string | undefined;
  let last = 0;
  /** Text between tags: escaped as a whole line only where it starts one (`-` inside a line is no list). */
  const text = (raw: string): string => {
    const atLineStart = out.length === 0 || (out.at(-1) ?? '').endsWith('\n');
    return (atLineStart ? plainText : plainInline)(decodeEntities(raw));
  };
  for (const match of html.matchAll(TAG)) {
    const [whole, slash, rawName, attributes] = match;
    const name = (rawName ?? '').toLowerCase();
    const closing = slash === '/';
    if (skipping === undefined) out.push(text(html.slice(last, match.index)));
    last = match.index + whole.length;
    if (skipping !== undefined) {
      if (closing && name === skipping) skipping = undefined;
      continue;
    }
    switch (name) {
      case 'script': case 'style':
        if (!closing) skipping = name;
        break;
      case 'b': case 'strong': out.push('**'); break;
      case 'i': case 'em': out.push('_'); break;
      case 'br': out.push('\n'); break;
      case 'p': case 'div': if (closing) out.push('\n\n'); break;
      case 'ul': case 'ol':
        if (closing) lists.pop();
        else lists.push({ ordered: name === 'ol', next: 1 });
        out.push('\n');
        break;
      case 'li': {
        const list = lists.at(-1);
        if (!closing) out.push(`\n${list?.ordered ? `${String(list.next++)}. ` : '- '}`);
        break;
      }
      case 'a':
        if (!closing) {
          const url = hrefOf(attributes ?? '');
          links.push(url);
          if (url) out.push('[');
        } else {
          const url = links.pop();
          if (url) out.push(`](${url})`);
        }
        break;
      default:
        break;
    }
  }
  if (skipping === undefined) out.push(text(html.slice(last)));
  return out.join('').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A markdown link typed in full, `[label](target)`: the only link form plain agent text may keep. */
const TYPED_LINK = /\[([^\]\n]*)\]\(([^)\s]*)\)/g;
/** Private-use marks around a kept link while the rest of the text is escaped (stripped from the input first). */
const KEPT = /\uE000(\d+)\uE001/g;

/**
 * Plain text an agent typed, shown to the customer as typed: every markdown character is escaped, except a link typed
 * in full whose target is https, which stays a link (its label escaped); any other link form (another scheme, nested
 * brackets, a reference link, a title or a space after the target) shows as text.
 */
function plainWithHttpsLinks(text: string): string {
  const kept: string[] = [];
  const marked = text.replace(/[\uE000\uE001]/g, '').replace(TYPED_LINK, (_whole, label: string, target: string) => {
    const url = httpsUrl(target);
    kept.push(url ? `[${plainInline(label)}](${url})` : plainInline(label));
    return `\uE000${String(kept.length - 1)}\uE001`;
  });
  return plainText(marked).replace(KEPT, (_whole, index: string) => kept[Number(index)] ?? '');
}

/** The agent's message as markdown, with mentions resolved; see the module comment. */
export function agentText(activity: TeamsTextActivity): string {
  const raw = activity.text ?? '';
  if (normalized.has(activity)) return raw.trim();
  const mentioned = resolveMentions(raw, activity);
  const isHtml = activity.textFormat === 'xml' || HTML_HINT.test(mentioned);
  return (isHtml ? htmlToMarkdown(mentioned) : plainWithHttpsLinks(mentioned)).trim();
}

/**
 * Replaces the activity's text with {@link agentText} and marks it normalized, so each reader (commands, relay,
 * `/note`) sees the same text and a second call changes nothing.
 */
export function normalizeAgentActivity(activity: TeamsTextActivity): void {
  activity.text = agentText(activity);
  normalized.add(activity);
  activity.textFormat = NORMALIZED_FORMAT;
}

/** Prefix of an internal note in a case thread, as a word: `/note`, `/note …`, not `/notes …`. */
export const NOTE_PREFIX = '/note';
const NOTE = new RegExp(`^${NOTE_PREFIX}(?=\\s|$)`, 'i');

/** Whether the agent's (normalized) text is an internal note, and its text without the prefix. */
export function splitNote(text: string): { internal: boolean; text: string } {
  const trimmed = text.trim();
  return NOTE.test(trimmed) ? { internal: true, text: trimmed.slice(NOTE_PREFIX.length).trim() } : { internal: false, text: trimmed };
}
