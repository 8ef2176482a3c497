import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppOptions, RunningApp } from '../../src/app';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { AGENT_GROUP_ID } from './agentGroups';

/** A fresh SQLite file path in a temp directory. */
export function tempSqlitePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'stb-')), 'bot.sqlite');
}

/** Starts the real bot (restify + CloudAdapter + storage) on an ephemeral port in anonymous mode. */
export async function startTestBot(env: Record<string, string> = {}, options: AppOptions = {}): Promise<RunningApp> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', STORAGE: 'memory', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', SANDBOX: 'off', AGENT_GROUP_IDS: AGENT_GROUP_ID, MESSAGE_CENTER_DIGEST: 'off', ...env }, 'test');
  return startApp(config, options);
}

/** POSTs an activity to the bot and returns the HTTP status and parsed body. */
export async function post(app: Pick<RunningApp, 'url'>, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}
