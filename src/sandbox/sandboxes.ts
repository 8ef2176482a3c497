import type { Logger } from 'pino';
import { startGraphSandbox } from './graphSandbox';
import { loadGraphSandboxSeed } from './graphSeed';
import { startPartnerCenterSandbox } from './partnerCenterSandbox';

/** The local stand-ins the bot starts in-process when no cloud credentials are set (SANDBOX=auto|on). */
export interface Sandboxes {
  graphUrl: string;
  partnerCenterUrl: string;
  close(): Promise<void>;
}

export async function startSandboxes(logger: Logger): Promise<Sandboxes> {
  const graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed(), host: '127.0.0.1', port: 0 });
  const partnerCenter = await startPartnerCenterSandbox({ requireAuth: false, host: '127.0.0.1', port: 0 });
  logger.info({ event: 'sandbox.started', graph: graph.url, partnerCenter: partnerCenter.url }, 'local sandbox endpoints started (no cloud credentials set)');
  return {
    graphUrl: graph.url,
    partnerCenterUrl: partnerCenter.url,
    close: async () => {
      await graph.close();
      await partnerCenter.close();
    },
  };
}
