'use strict';
/**
 * Builds the Teams app package (manifest.json, fr.json, color.png, outline.png) as a zip.
 *
 *   node scripts/package-app.js [--out <path>]      (default: dist/appPackage.zip)
 *
 * Settings come from the environment; outside production, .env at the repository root is
 * loaded first (variables already set win). Required: MicrosoftAppId, BOT_DOMAIN, PARTNER_NAME,
 * PARTNER_WEBSITE. Optional: APP_NAME_SHORT, APP_NAME_FULL, TEAMS_APP_ID, APP_VERSION, DASHBOARD_TABS (the agents'
 * dashboard tabs: `personal,team` by default, `none` for a package published in customers' tenants).
 */
const fs = require('node:fs');
const path = require('node:path');
const AdmZip = require('adm-zip');
const { AppPackageError, buildAppPackage, readSettings } = require('./appPackage');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'dist', 'appPackage.zip');
const USAGE = 'Usage: node scripts/package-app.js [--out <path>]';

function parseArgs(argv) {
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--out' && argv[i + 1]) {
      out = path.resolve(argv[i + 1]);
      i += 1;
    } else if (arg.startsWith('--out=') && arg.length > '--out='.length) {
      out = path.resolve(arg.slice('--out='.length));
    } else {
      throw new AppPackageError([`Unexpected argument "${arg}". ${USAGE}`]);
    }
  }
  return { out };
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  if (process.env.NODE_ENV !== 'production') {
    require('dotenv').config({ path: path.join(ROOT, '.env') });
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const values = readSettings(process.env, version);
  const { manifest, files } = await buildAppPackage(values);

  const zip = new AdmZip();
  for (const { name, data } of files) zip.addFile(name, data);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  zip.writeZip(out);

  console.log(`Wrote ${out}`);
  console.log(`  app id ${manifest.id}, version ${manifest.version}, bot ${manifest.bots[0].botId}`);
  console.log(`  files: ${files.map((file) => file.name).join(', ')}`);
}

main().catch((error) => {
  if (error instanceof AppPackageError) {
    console.error('Cannot build the Teams app package:');
    for (const problem of error.problems) console.error(`  - ${problem}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
