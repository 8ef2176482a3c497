/**
 * Reads `manifest.json` out of a Teams app package (a zip) for the Graph stand-in's app catalog, without a zip
 * library (the sandbox ships with the bot, zip libraries are dev dependencies): the end-of-central-directory record,
 * the central directory entry of `manifest.json`, then its stored or deflated data.
 */
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** The parsed manifest, or undefined when the bytes are not a zip holding a JSON `manifest.json`. */
export function readZipManifest(zip: Buffer): Record<string, unknown> | undefined {
  try {
    const data = entryData(zip, 'manifest.json');
    const json = data === undefined ? undefined : JSON.parse(data.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? json as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

function entryData(zip: Buffer, name: string): Buffer | undefined {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) return undefined;
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) return undefined;
      const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const raw = zip.subarray(start, start + compressedSize);
      return method === 0 ? raw : method === 8 ? inflateRawSync(raw) : undefined;
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}
