/**
 * Text someone else wrote (a customer's description, a display name, a comment), made safe to put where Teams renders
 * markdown: Adaptive Card TextBlocks and FactSet values, and message text. Pure.
 */

/**
 * Markdown and markup characters a renderer may act on. Each is escaped with a backslash, so
 * `[Re-verify](https://evil.example)` shows as typed instead of a link. A `(` right after a `]` is escaped too, so even
 * a renderer that ignores backslash escapes finds no `](` to build a link from; other parentheses are left as typed.
 * `<` and `>` keep `<at>` from becoming a mention and stop quote blocks. `!` is left as typed: with `[` escaped it
 * can never start an image.
 */
const MARKDOWN_CHARS = /[\\`*_~[\]#<>|{}]|(?<=\])\(/g;

/** Lines that would start a bulleted or numbered list, or a rule: their mark is escaped too. */
const BLOCK_START = /^([ \t]*)(?:([-+=])|(\d+)\.)/gm;

/** `text` as literal characters inside a line of markdown: never a link, emphasis, or mention. */
export function plainInline(text: string): string {
  return text.replace(MARKDOWN_CHARS, '\\$&');
}

/** `text` as literal characters in markdown: escaped, never a link, emphasis, heading, list, quote or mention. */
export function plainText(text: string): string {
  return plainInline(text)
    .replace(BLOCK_START, (_whole, indent: string, bullet: string | undefined, number: string | undefined) => (bullet ? `${indent}\\${bullet}` : `${indent}${number ?? ''}\\.`));
}

/** Characters of a URL that markdown would act on, percent-encoded (the link still leads to the same place). */
const MARKDOWN_IN_URL = /[()[\]*_~<>`|!\\]/g;

/**
 * An https URL, normalized and safe to put in markdown; undefined for any other scheme (`javascript:`, `http:`,
 * `data:`), a URL with credentials, a malformed one, or one longer than `maxLength`.
 */
export function httpsUrl(raw: unknown, maxLength = 2_048): string | undefined {
  if (typeof raw !== 'string' || raw.length > maxLength) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined;
  return url.href.replace(MARKDOWN_IN_URL, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
