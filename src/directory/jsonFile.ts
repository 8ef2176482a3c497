import { readFile } from 'node:fs/promises';

/**
 * Reads and parses a JSON configuration file; `problem` turns the one thing wrong (unreadable, not JSON) into the
 * caller's error, which names `setting` so the operator knows what to change.
 */
export async function readJsonFile(file: string, setting: string, problem: (message: string) => Error): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw problem(`cannot be read (${(err as Error).message}); set ${setting}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw problem(`is not valid JSON (${(err as Error).message})`);
  }
}
