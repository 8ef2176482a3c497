import type { Logger } from 'pino';
import { startGraphSandbox } from './graphSandbox';
import { loadGraphSandboxSeed } from './graphSeed';

/** The local stand-ins the bot starts in-process when no cloud credentials are set (SANDBOX=auto|on). */
export interface Sandboxes {
  graphUrl: string;
  close(): Promise<void>;
}

export async function startSandboxes(logger: Logger): Promise<Sandboxes> {
  const graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed(), host: '127.0.0.1', port: 0 });
  logger.info({ event: 'sandbox.started', graph: graph.url }, 'local sandbox endpoints started (no cloud credentials set)');
  return { graphUrl: graph.url, close: () => graph.close() };
}
