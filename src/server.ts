import type { Logger } from 'pino';
import * as restify from 'restify';
import type { ActivityProcessor } from './teams/adapter';
import { activityShapeProblem } from './teams/activityShape';
import { applyConnectionLimits, type ConnectionLimits } from './http/connectionLimits';
import { discardRest, MAX_JSON_DEPTH, readJsonBody } from './http/jsonBody';

/** What the HTTP server needs from the composition root. */
export interface ServerDeps {
  /** Runs the turn of one POST /api/messages and answers it. */
  processActivity: ActivityProcessor;
  logger: Logger;
  version: string;
  maxBodyBytes: number;
  /** Timeouts and connection cap of the HTTP server. */
  connections: ConnectionLimits;
  /** True once storage is open and the bot can take turns. */
  isReady: () => boolean;
}

/** The HTTP edge: POST /api/messages, GET /healthz, GET /readyz, and in-flight tracking for graceful stops. */
export interface BotServer {
  server: restify.Server;
  /** Stops accepting connections and waits (bounded) for in-flight turns to finish. */
  drain(timeoutMs: number): Promise<void>;
}

export function createServer(deps: ServerDeps): BotServer {
  const { processActivity, logger } = deps;
  const server = restify.createServer({ name: 'support-triage-bot', handleUncaughtExceptions: false });
  // restify re-emits `upgrade` when it does not handle upgrades; any listener makes Node hand the socket over, out
  // of reach of the timeouts. Without one, Node serves an Upgrade request as a plain request.
  server.server.removeAllListeners('upgrade');
  applyConnectionLimits(server.server, deps.connections, logger);
  const bodyLimits = { maxBytes: deps.maxBodyBytes, maxDepth: MAX_JSON_DEPTH };
  let inFlight = 0;
  let idle: (() => void) | undefined;

  /** One POST /api/messages, from its first body byte to the end of its turn. */
  const handleActivity = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const body = await readJsonBody(req, bodyLimits);
    if (body.kind === 'aborted') return;
    if (body.kind === 'refused') {
      const { status, code, message } = body.refusal;
      logger.warn({ event: 'http.bodyRefused', status, code, problem: message, contentLength: req.headers['content-length'], contentEncoding: req.headers['content-encoding'] }, 'request body refused');
      discardRest(req, deps.maxBodyBytes);
      res.send(status, { error: { code, message } });
      return;
    }
    req.body = body.value;
    const problem = activityShapeProblem(req.body);
    if (problem) {
      logger.warn({ event: 'http.badActivity', problem }, 'rejected a body that is not an activity');
      res.send(400, { error: { code: 'BadArgument', message: problem } });
      return;
    }
    try {
      await processActivity(req, res);
    } catch (err) {
      logger.error({ err, event: 'http.turnFailed' }, 'turn failed outside the bot error handler');
      if (!res.headersSent) res.send(500);
    }
  };

  // Counted in flight from the first byte of the body: a shutdown waits for a body being read to become a turn.
  server.post('/api/messages', async (req, res) => {
    inFlight += 1;
    try {
      await handleActivity(req, res);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    }
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', version: deps.version });
  });
  server.get('/readyz', async (_req, res) => {
    const ready = deps.isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
  });
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    logger.warn({ event: 'http.clientError', status: err.statusCode, path: req.path(), message: err.message }, 'request refused');
    callback();
  });

  return {
    server,
    drain: (timeoutMs) => new Promise<void>((resolve) => {
      server.server.close();
      server.server.closeIdleConnections();
      if (inFlight === 0) return resolve();
      const timer = setTimeout(() => {
        logger.warn({ event: 'shutdown.timeout', inFlight }, 'in-flight turns did not finish in time');
        resolve();
      }, timeoutMs);
      idle = () => {
        clearTimeout(timer);
        server.server.closeIdleConnections();
        resolve();
      };
    }),
  };
}
