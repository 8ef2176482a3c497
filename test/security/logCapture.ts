/** Captures every log line of the app's own logger (with its redaction rules) in memory. */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { createLogger } from '../../src/logger';

export interface CapturedLogs {
  logger: Logger;
  /** Raw JSON lines, as they would reach stdout. */
  lines: string[];
  /** Parsed entries. */
  entries(): Array<Record<string, unknown>>;
  /** Entries whose `event` starts with `prefix`. */
  events(prefix: string): Array<Record<string, unknown>>;
  text(): string;
}

/** The production logger (createLogger: same redact paths, same format) writing to memory instead of stdout. */
export function captureLogs(level = 'trace'): CapturedLogs {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger(level);
  // pino writes through this symbol; children created later inherit it.
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (s: string) => stream.write(s) };
  const entries = (): Array<Record<string, unknown>> => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    logger, lines, entries,
    events: (prefix) => entries().filter((e) => typeof e.event === 'string' && e.event.startsWith(prefix)),
    text: () => lines.join('\n'),
  };
}
