import type { Server } from 'node:http';
import type { Logger } from 'pino';

/** How long a client may take and how many connections it may hold (HTTP_* settings). */
export interface ConnectionLimits {
  /** Time to receive the request headers (Node's `headersTimeout`): a slow-loris sender is cut off with 408. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included (`requestTimeout`). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (`keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Open connections at most (`maxConnections`); one more is closed as soon as it is accepted. */
  maxConnections: number;
}

/**
 * Defaults: a Bot Connector request is a few KB sent at once, so 20 s for the headers and 30 s for the whole request
 * leave room for a slow network while cutting off a slow-loris client long before Node's own 60 s / 300 s.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/** At most one `http.connectionsDropped` line per this period, however many connections are refused. */
const DROP_LOG_PERIOD_MS = 10_000;

/**
 * Applies the limits to the HTTP server, before it listens. Node checks the header and request timeouts every
 * `connectionsCheckingInterval` (30 s by default), so that interval is brought down to a quarter of the shortest.
 */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits, logger: Logger): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.min(30_000, Math.max(100, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
  let dropped = 0;
  let lastLog = 0;
  server.on('drop', () => {
    dropped += 1;
    const now = Date.now();
    if (now - lastLog < DROP_LOG_PERIOD_MS) return;
    logger.warn({ event: 'http.connectionsDropped', dropped, maxConnections: limits.maxConnections }, 'connections refused: the connection cap is reached');
    lastLog = now;
    dropped = 0;
  });
}
