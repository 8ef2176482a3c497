import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Storage } from 'botbuilder';
import ts from 'typescript';
import { SqliteStorage, createLease, createStorage, isStorageConflict } from '../../../src/storage';
import { describeStorageContract, increment, readOne } from './storageContract';

const REPO_ROOT = path.join(__dirname, '../../..');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-contract-'));
let runs = 0;
const tempDbPath = (): string => path.join(tmpRoot, `run-${++runs}`, 'nested', 'bot.sqlite');
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

describeStorageContract('MemoryStorage (botbuilder, via createStorage)', () => createStorage({ kind: 'memory', sqlitePath: '' }), {
  strictOnMissingKey: false,
  atomicMultiKeyWrite: false,
});

describeStorageContract('SqliteStorage', () => createStorage({ kind: 'sqlite', sqlitePath: tempDbPath() }), {
  strictOnMissingKey: true,
  atomicMultiKeyWrite: true,
});

describe('isStorageConflict', () => {
  it.each([
    ['botbuilder MemoryStorage / BlobsStorage', new Error('Storage: error writing "a:b" due to eTag conflict.')],
    ['an Azure RestError for a failed precondition', Object.assign(new Error('x'), { statusCode: 412, code: 'ConditionNotMet' })],
  ])('recognises %s', (_, err) => expect(isStorageConflict(err)).toBe(true));

  it.each([undefined, 'conflict', new Error('Storage: error reading'), { statusCode: 404 }])('rejects %p', (err) =>
    expect(isStorageConflict(err)).toBe(false),
  );
});

const CHILD_SCRIPT = `
const { SqliteStorage } = require('./sqliteStorage.js');
const { updateItem } = require('./compareAndSwap.js');
const [file, count] = process.argv.slice(2);
const storage = new SqliteStorage(file);
process.stdin.once('data', async () => {
  for (let i = 0; i < Number(count); i++) await updateItem(storage, 'counter', (c) => ({ n: (c ? c.n : 0) + 1 }));
  storage.close();
});
process.stdout.write('ready\\n');
`;

/** Transpiles the storage modules to plain JS next to a child script, so another process runs the same code. */
function writeChildProgram(dir: string): string {
  for (const name of ['sqliteStorage', 'compareAndSwap', 'storageErrors', 'storageKeys']) {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'src/storage', `${name}.ts`), 'utf8');
    const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    fs.writeFileSync(path.join(dir, `${name}.js`), ts.transpileModule(source, { compilerOptions }).outputText);
  }
  fs.writeFileSync(path.join(dir, 'child.js'), CHILD_SCRIPT);
  return path.join(dir, 'child.js');
}

/** Starts the child asynchronously; `ready` settles once it opened the database, `exited` when it is done. */
function startIncrementer(script: string, dbPath: string, count: number): { ready: Promise<void>; go(): void; exited: Promise<void> } {
  const child = spawn(process.execPath, [script, dbPath, String(count)], {
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exited with ${code}`))));
  });
  return { ready: Promise.race([ready, exited]), go: () => child.stdin.end('go\n'), exited };
}

async function incrementTimes(storage: Storage, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await increment(storage);
}

describe('SqliteStorage on a file shared by several connections', () => {
  it('creates the parent directory, uses WAL mode and keeps data across reopening', async () => {
    const dbPath = tempDbPath();
    const first = new SqliteStorage(dbPath);
    await first.write({ k: { v: 1 } });
    first.close();
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const reopened = new SqliteStorage(dbPath);
    expect(await readOne(reopened, 'k')).toEqual({ v: 1, eTag: expect.any(String) });
    reopened.close();
  });

  it('counts concurrent increments from two instances on one file exactly', async () => {
    const dbPath = tempDbPath();
    const [one, two] = [new SqliteStorage(dbPath), new SqliteStorage(dbPath)];
    await Promise.all([...Array.from({ length: 50 }, () => increment(one)), ...Array.from({ length: 50 }, () => increment(two))]);
    expect((await readOne(one, 'counter'))?.n).toBe(100);
    const leases = [one, two].map((storage, i) => createLease(storage, 'poller', `instance-${i}`, 60_000));
    expect((await Promise.all(leases.map((lease) => lease.acquire()))).filter(Boolean)).toHaveLength(1);
    one.close();
    two.close();
  });

  it('counts concurrent increments from a second process exactly', async () => {
    const dbPath = tempDbPath();
    const storage = new SqliteStorage(dbPath);
    const programDir = fs.mkdtempSync(path.join(tmpRoot, 'child-'));
    const child = startIncrementer(writeChildProgram(programDir), dbPath, 300);
    await child.ready;
    child.go();
    await Promise.all([incrementTimes(storage, 300), child.exited]);
    expect((await readOne(storage, 'counter'))?.n).toBe(600);
    storage.close();
  });
});
