import pino, { type Logger } from 'pino';

/** Paths whose values never reach a log line. */
const REDACTED = [
  'req.headers.authorization', 'headers.authorization', 'authorization', '*.authorization',
  'MicrosoftAppPassword', '*.MicrosoftAppPassword', 'clientSecret', '*.clientSecret',
  'access_token', '*.access_token', 'token', '*.token', 'password', '*.password',
];

/** JSON logger; child loggers carry tenant, conversation, activity and case ids. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'support-triage-bot' }, redact: { paths: REDACTED, censor: '[redacted]' } });
}

/**
 * Writes every line still buffered, then ends the log stream; resolves when it is closed or after `boundMs`.
 * pino writes asynchronously: exiting while a write is in flight would race the exit's synchronous flush of the lines
 * after it, printing them out of order (the last two lines of a shutdown swapped).
 */
export function endLogs(logger: Logger, boundMs = 2_000): Promise<void> {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as
    { end?: () => void; once?: (event: string, listener: () => void) => void; destroyed?: boolean } | undefined;
  if (!stream?.end || !stream.once || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const bound = setTimeout(resolve, boundMs);
    bound.unref();
    stream.once?.('close', () => { clearTimeout(bound); resolve(); });
    stream.end?.();
  });
}
