/**
 * The bot as a child process started from the build (`node dist/src/index.js`), for tests that need what only a
 * real process has: several instances on one storage, or a `kill -9` and a restart on the same storage.
 * The stand-ins (FakeConnector, Graph and Partner Center sandboxes) stay in the test process and survive the bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AGENT_GROUP_ID } from './agentGroups';

const REPO_ROOT = path.join(__dirname, '../..');
/** The entry point the bot processes run. */
export const BOT_ENTRY = path.join(REPO_ROOT, 'dist/src/index.js');

/** A bot process started from the build, and the URL it listens on. */
export interface BotProcess {
  url: string;
  /** The storage kind it logged at start-up. */
  storage: string;
  pid: number;
  /** Its stdout so far, one JSON log line per entry (pino). */
  readonly log: readonly string[];
  /** SIGTERM: graceful stop (in-flight turns drain, leases are released); resolves when it has exited. */
  stop(): Promise<void>;
  /** SIGKILL: no graceful stop, no lease release; resolves when it has exited. */
  crash(): Promise<void>;
}

/** Resolves with the exit code of an async child (never spawnSync: the test process hosts the stand-ins). */
export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

function newestMtime(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/**
 * Builds dist with tsc when any source under `src/` is newer than the entry point. A build with type errors
 * that still emitted the entry point is accepted (tsc emits on error), so a test runs what the sources say.
 */
export async function buildIfStale(): Promise<void> {
  if (fs.existsSync(BOT_ENTRY) && fs.statSync(BOT_ENTRY).mtimeMs >= newestMtime(path.join(REPO_ROOT, 'src'))) return;
  const tsc = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const code = await exitOf(tsc);
  if (code !== 0 && !fs.existsSync(BOT_ENTRY)) throw new Error(`tsc exited with ${code} and emitted no ${BOT_ENTRY}`);
}

/**
 * Starts `node dist/src/index.js` on a free port and resolves once it logs `app.started`; rejects with its
 * stderr if it exits first. Defaults: `NODE_ENV=test`, `PORT=0`, `LOG_LEVEL=info`, `SANDBOX=off`, `AGENT_GROUP_IDS` the tests' agents' group; `env` adds
 * to them (storage, stand-in URLs, timers). Call {@link buildIfStale} once before.
 */
export function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, [BOT_ENTRY], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', SANDBOX: 'off', AGENT_GROUP_IDS: AGENT_GROUP_ID, MESSAGE_CENTER_DIGEST: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = exitOf(child);
  const log: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stopWith = (signal: NodeJS.Signals) => async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`bot exited with ${code} before starting:\n${stderr}`)), reject);
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.push(line);
      try {
        const entry = JSON.parse(line) as { event?: string; port?: number; storage?: string };
        if (entry.event === 'app.started' && entry.port) resolve({
          url: `http://127.0.0.1:${entry.port}`, storage: entry.storage ?? '', pid: child.pid ?? 0, log, stop: stopWith('SIGTERM'), crash: stopWith('SIGKILL'),
        });
      } catch {
        // not a JSON log line
      }
    });
  });
}

/**
 * Polls `condition` every 200 ms until it holds; rejects after `timeoutMs` with `what` (a function is called then,
 * to tell the state the condition saw).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string | (() => string) = 'condition'): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); await new Promise((resolve) => setTimeout(resolve, 200))) {
    if (Date.now() > deadline) throw new Error(`${typeof what === 'string' ? what : what()} not met within ${timeoutMs} ms`);
  }
}

/** POSTs an activity to a bot process as Teams would (anonymous mode: no token); resolves with status and raw body. */
export async function post(bot: Pick<BotProcess, 'url'>, activity: unknown): Promise<{ status: number; body: string }> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text() };
}
