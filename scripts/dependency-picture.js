#!/usr/bin/env node
/**
 * Prints the folder-level dependency picture of src/: for each folder, the folders it imports and how many import
 * edges (file → file) go there, and how many of its files import the Bot Framework SDK.
 *
 *   node scripts/dependency-picture.js                 the working tree
 *   node scripts/dependency-picture.js --rev b1d4028   any commit, read through git (no checkout needed)
 *   node scripts/dependency-picture.js --depth 2       split folders one level further (escalation/partnerCenter …)
 *   node scripts/dependency-picture.js --json          the same counts as JSON, for diffing two pictures
 *
 * It needs only Node and the repository's TypeScript (its import scanner), so it runs on commits that predate
 * dependency-cruiser. Files directly under src/ (app.ts, config.ts …) are shown one by one. Imports are
 * counted type-only included, as written in the source.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const BOT_FRAMEWORK = /^(botbuilder|botbuilder-[^/]+|botframework-[^/]+)(\/|$)/;
const SOURCE = /\.(ts|json)$/;

function parseArgs(argv) {
  const options = { rev: undefined, depth: 1, json: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--rev') options.rev = argv[(i += 1)];
    else if (arg === '--depth') options.depth = Number(argv[(i += 1)]);
    else if (arg === '--json') options.json = true;
    else throw new Error(`unknown argument ${arg} (use --rev <commit>, --depth <n>, --json)`);
  }
  if (!Number.isInteger(options.depth) || options.depth < 1) throw new Error('--depth takes a whole number from 1');
  return options;
}

/** The src/ files and a reader for their text, from the working tree or from a commit. */
function sourceTree(root, rev) {
  if (rev) {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const files = git('ls-tree', '-r', '--name-only', rev, '--', 'src').split('\n').filter((f) => SOURCE.test(f));
    return { files, read: (file) => git('show', `${rev}:${file}`) };
  }
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (SOURCE.test(entry.name)) files.push(relative);
    }
  };
  walk('src');
  return { files, read: (file) => fs.readFileSync(path.join(root, file), 'utf8') };
}

/** The src/ file a relative specifier names, the way TypeScript's node resolution finds it. */
function resolveRelative(from, specifier, known) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return [base, `${base}.ts`, `${base}.json`, `${base}/index.ts`].find((candidate) => known.has(candidate));
}

/** The folder a src/ file is counted in: its folder cut at `depth` levels below src/, or the file itself under src/. */
function folderOf(file, depth) {
  const parts = file.split('/').slice(1);
  const folders = parts.slice(0, -1);
  return folders.length === 0 ? parts[0] : folders.slice(0, depth).join('/');
}

function picture(root, options) {
  const { files, read } = sourceTree(root, options.rev);
  const known = new Set(files);
  const folders = new Map();
  const entry = (name) => {
    if (!folders.has(name)) folders.set(name, { files: 0, botFrameworkFiles: 0, internalEdges: 0, imports: {} });
    return folders.get(name);
  };
  for (const file of files.filter((f) => f.endsWith('.ts'))) {
    const from = entry(folderOf(file, options.depth));
    from.files += 1;
    const specifiers = ts.preProcessFile(read(file), true, true).importedFiles.map((i) => i.fileName);
    if (specifiers.some((s) => BOT_FRAMEWORK.test(s))) from.botFrameworkFiles += 1;
    const targets = new Set(specifiers.filter((s) => s.startsWith('.')).map((s) => resolveRelative(file, s, known)).filter(Boolean));
    for (const target of targets) {
      const to = folderOf(target, options.depth);
      if (to === folderOf(file, options.depth)) from.internalEdges += 1;
      else from.imports[to] = (from.imports[to] ?? 0) + 1;
    }
  }
  return new Map([...folders].sort(([a], [b]) => a.localeCompare(b)));
}

function printText(folders, options) {
  const all = [...folders.values()];
  const crossEdges = all.reduce((sum, f) => sum + Object.values(f.imports).reduce((a, b) => a + b, 0), 0);
  const links = all.reduce((sum, f) => sum + Object.keys(f.imports).length, 0);
  const botFiles = all.reduce((sum, f) => sum + f.botFrameworkFiles, 0);
  const tsFiles = all.reduce((sum, f) => sum + f.files, 0);
  console.log(`Dependency picture of src/ at ${options.rev ?? 'the working tree'} (folder depth ${options.depth})`);
  console.log(`${tsFiles} .ts files, ${folders.size} folders, ${links} folder → folder links carrying ${crossEdges} import edges; ` +
    `${botFiles} files import botbuilder/botframework-*`);
  console.log('');
  const width = Math.max(...[...folders.keys()].map((name) => name.length));
  for (const [name, folder] of folders) {
    const imports = Object.entries(folder.imports).sort(([a], [b]) => a.localeCompare(b)).map(([to, n]) => `${to} ${n}`);
    const bot = folder.botFrameworkFiles ? `, botbuilder in ${folder.botFrameworkFiles}` : '';
    console.log(`${name.padEnd(width)}  (${folder.files} files, ${folder.internalEdges} internal${bot}) → ${imports.join(', ') || '-'}`);
  }
}

const options = parseArgs(process.argv.slice(2));
const root = path.resolve(__dirname, '..');
const folders = picture(root, options);
if (options.json) console.log(JSON.stringify({ rev: options.rev ?? null, depth: options.depth, folders: Object.fromEntries(folders) }, null, 2));
else printText(folders, options);
