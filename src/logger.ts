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
