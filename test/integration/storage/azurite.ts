/**
 * Starts Azurite's blob service (in memory, on a free port) as an async child process, for tests.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** Azurite's well-known development account. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const AZURITE_BLOB = path.join(__dirname, '../../../node_modules/azurite/dist/src/blob/main.js');

/** A running Azurite blob service. */
export interface Azurite {
  /** Connection string for its blob endpoint. */
  connectionString: string;
  /** Stops the process. */
  stop(): Promise<void>;
}

/**
 * Starts Azurite and resolves once it prints the port it listens on.
 *
 * @returns The running service.
 */
export function startAzurite(): Promise<Azurite> {
  const child = spawn(
    process.execPath,
    [AZURITE_BLOB, '--inMemoryPersistence', '--skipApiVersionCheck', '--disableTelemetry', '--blobHost', '127.0.0.1', '--blobPort', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Azurite did not start:\n${output}`));
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}:\n${output}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
        resolve({ connectionString, stop });
      }
    });
  });
}
