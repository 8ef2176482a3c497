/**
 * The tab's static files (the page and its bundled assets, built into one folder): path resolution that cannot
 * leave the folder, content types, cache headers and the Content-Security-Policy that lets only Teams frame it.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Only our own origin, and framed by Teams (web, desktop, Outlook and Microsoft 365 hosts). No CDN. */
export const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  'frame-ancestors teams.microsoft.com *.teams.microsoft.com *.office.com *.cloud.microsoft',
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page served for `/tab` itself. */
export const TAB_INDEX = 'index.html';

/**
 * The file under `root` that a URL path below `/tab/` names, or undefined when it is not a plain relative path:
 * every segment is decoded once and must not be empty, `.` or `..`, nor hold a separator, a backslash or NUL.
 * Pure (no file system access).
 */
export function resolveAsset(root: string, urlPath: string): string | undefined {
  const segments = urlPath.split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) return undefined;
    decoded.push(name);
  }
  const base = path.resolve(root);
  const file = path.resolve(base, ...decoded);
  return file.startsWith(base + path.sep) ? file : undefined;
}

/** The content type of a file by its extension; undefined for a kind the tab does not serve. */
export function contentTypeOf(file: string): string | undefined {
  return CONTENT_TYPES[path.extname(file).toLowerCase()];
}

/**
 * Cache policy: the page is revalidated every time (it names the assets of the current build); assets are cached an
 * hour (their names carry no hash guarantee, so not immutable).
 */
export function cacheControlOf(file: string): string {
  return path.extname(file).toLowerCase() === '.html' ? 'no-cache' : 'public, max-age=3600';
}

export interface StaticFile {
  body: Buffer;
  headers: Record<string, string>;
}

/** Reads a resolved file with its headers; undefined when it is missing, not a regular file or of an unknown kind. */
export async function readStaticFile(file: string): Promise<StaticFile | undefined> {
  const type = contentTypeOf(file);
  if (!type) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return {
    body: await readFile(file),
    headers: {
      'content-type': type,
      'cache-control': cacheControlOf(file),
      'content-security-policy': TAB_CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    },
  };
}
