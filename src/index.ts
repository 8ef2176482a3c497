import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { CustomerDirectoryError } from './directory/customerDirectory';
import { endLogs } from './logger';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV !== 'production') loadDotenv({ quiet: true });
  const config = loadConfig(process.env, packageVersion());
  const app = await startApp(config);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ event: 'app.signal', signal }, 'stopping');
    const exitAfterLogs = (code: number) => () => { void endLogs(app.logger).then(() => process.exit(code)); };
    app.stop().then(exitAfterLogs(0), (err: unknown) => {
      app.logger.error({ err }, 'stop failed');
      exitAfterLogs(1)();
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CustomerDirectoryError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  }
  process.exit(1);
});
