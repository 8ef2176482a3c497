/*
 * The real entry point (dist/src/index.js) as a child process: start-up, probes, graceful stop,
 * configuration errors and secrets kept out of the output.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'dist', 'src', 'index.js');
const SECRET = 'super-secret-value-123';
const APP_PASSWORD = 'app-password-value-456';
const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
const PARTNER = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';
const APP_ID = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned bot process and everything it printed so far. */
interface BotProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<Exit>;
}

/** Newest modification time of the TypeScript sources under dir. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles src/ with tsc (async: never block the event loop) when dist/ is missing or older than the sources. */
async function ensureBuilt(): Promise<void> {
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestSource(join(ROOT, 'src'))) return;
  const tsc = spawn(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  let output = '';
  tsc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  tsc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => tsc.on('close', resolve));
  if (code !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${String(code)}):\n${output}`);
}

/**
 * Working directory of the bot: the repository's config/ (customer directory, sandbox seed) and no
 * .env file, so a developer's .env cannot change what is tested.
 */
let workDir: string;
const running = new Set<ChildProcess>();

function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: workDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: '0',
      STORAGE: 'memory',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** The JSON log lines printed so far. */
function logLines(bot: BotProcess): Array<Record<string, unknown>> {
  return bot.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Resolves with the first log line of this event, or rejects if the process exits first. It sets no deadline of its
 * own: how fast the bot starts is a benchmark (`npm run bench -- cold-start`), so only jest's test timeout (generous,
 * see below) stops a bot that hangs.
 */
async function waitForEvent(bot: BotProcess, event: string): Promise<Record<string, unknown>> {
  let exited = false;
  void bot.exited.then(() => (exited = true));
  for (;;) {
    const line = logLines(bot).find((l) => l.event === event);
    if (line) return line;
    if (exited) throw new Error(`no "${event}" log line (process exited)\nstdout:\n${bot.stdout()}\nstderr:\n${bot.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function portOf(bot: BotProcess): Promise<number> {
  const started = await waitForEvent(bot, 'app.started');
  return started.port as number;
}

async function stopBot(bot: BotProcess): Promise<Exit> {
  bot.child.kill('SIGTERM');
  return bot.exited;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'bot-startup-'));
  symlinkSync(join(ROOT, 'config'), join(workDir, 'config'), 'dir');
  await ensureBuilt();
}, 120_000);

// A loaded 2-core machine can take tens of seconds to start a Node process; this bounds a hang, not the start-up time.
jest.setTimeout(120_000);

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('start-up of the compiled bot (node dist/src/index.js)', () => {
  // How fast it gets ready is measured by `npm run bench -- cold-start`, not asserted here.
  it('Start_DevelopmentDefaults_AnswersHealthAndReadiness', async () => {
    const bot = startBot({});
    const port = await portOf(bot);
    const [health, ready] = await Promise.all([fetch(`http://127.0.0.1:${port}/healthz`), fetch(`http://127.0.0.1:${port}/readyz`)]);

    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', version: expect.any(String) });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(logLines(bot).find((l) => l.event === 'app.started')).toMatchObject({ storage: 'memory', anonymous: true, sandbox: true });
  });

  it('Sigterm_RunningBot_StopsCleanlyWithExitCodeZeroAfterClosingStorage', async () => {
    const bot = startBot({});
    await portOf(bot);

    const exit = await stopBot(bot);

    expect(exit).toEqual({ code: 0, signal: null });
    const events = logLines(bot).map((l) => l.event);
    expect(events.slice(-2)).toEqual(['app.signal', 'app.stopped']);
  });

  it('Start_BadPortAndStorage_ExitsOneNamingBothVariables', async () => {
    const bot = startBot({ PORT: 'abc', STORAGE: 'nope' });

    const exit = await bot.exited;

    expect(exit.code).toBe(1);
    expect(bot.stderr()).toContain('Invalid configuration:');
    expect(bot.stderr()).toContain('- PORT:');
    expect(bot.stderr()).toContain('- STORAGE:');
    expect(logLines(bot).map((l) => l.event)).not.toContain('app.started');
  });

  it('Start_ProductionWithoutMicrosoftAppId_ExitsOneNamingMicrosoftAppId', async () => {
    const bot = startBot({
      NODE_ENV: 'production',
      PARTNER_TENANT_ID: PARTNER,
      AZURE_CLIENT_ID: 'graph-client-id',
      AZURE_CLIENT_SECRET: SECRET,
    });

    const exit = await bot.exited;

    expect(exit.code).toBe(1);
    expect(bot.stderr()).toContain('MicrosoftAppId: required when NODE_ENV=production');
    expect(bot.stderr()).not.toContain(SECRET);
  });

  it('Run_WithConfiguredSecrets_NeverPrintsThem', async () => {
    const bot = startBot({
      LOG_LEVEL: 'trace',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      MicrosoftAppTenantId: FABRIKAM,
      AZURE_CLIENT_ID: 'graph-client-id',
      AZURE_CLIENT_SECRET: SECRET,
    });
    const port = await portOf(bot);
    // An unauthenticated activity is refused (and logged) without any network call.
    const refused = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'hello',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: 'a:startup-test', tenantId: FABRIKAM },
        from: { id: '29:startup-test' },
        recipient: { id: `28:${APP_ID}` },
      }),
    });
    expect(refused.status).toBe(401);
    expect(await stopBot(bot)).toEqual({ code: 0, signal: null });

    const output = bot.stdout() + bot.stderr();
    expect(logLines(bot).find((l) => l.event === 'app.started')).toMatchObject({ anonymous: false, sandbox: false });
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain(APP_PASSWORD);
  });

  it('Start_BadConfigurationWithSecrets_ErrorDoesNotEchoThem', async () => {
    const bot = startBot({ PORT: 'abc', MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, AZURE_CLIENT_ID: 'graph-client-id', AZURE_CLIENT_SECRET: SECRET });

    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr()).toContain('- PORT:');
    expect(bot.stdout() + bot.stderr()).not.toMatch(new RegExp(`${SECRET}|${APP_PASSWORD}`));
  });
});
