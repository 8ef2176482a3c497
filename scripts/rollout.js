#!/usr/bin/env node
'use strict';
/**
 * Rollout: publishes the Teams app package in the org app catalog of each chosen customer, or uploads it as the
 * app's new version there, and reports per customer: published, updated, already current, no access, failed.
 *
 *   npm run rollout -- <customer…>     (name or default domain in CUSTOMERS_FILE, or any customer tenant id)
 *   npm run rollout -- --all            (every customer of CUSTOMERS_FILE)
 *   options: --package <zip>            (default dist/appPackage.zip, built by `npm run package`)
 *
 * For each customer, a partner user holding the GDAP role Teams Administrator for that customer signs in with a
 * device code at https://login.microsoftonline.com/{customerTenantId} (AZURE_AUTHORITY_HOST) with the public client
 * app ROLLOUT_CLIENT_ID, delegated Microsoft Graph permission AppCatalog.ReadWrite.All. Nothing is written to disk.
 *
 * Exit code: 0 when every customer was published, updated, already current or without access; 1 when any failed;
 * 2 for bad arguments or settings. "No access" (Graph 401/403: no Teams Administrator role there) is reported but
 * is not a failure: it is a normal GDAP state that someone grants, not a broken rollout.
 *
 * Settings: the environment, then .env at the repository root (variables already set win): ROLLOUT_CLIENT_ID,
 * AZURE_AUTHORITY_HOST, GRAPH_BASE_URL, CUSTOMERS_FILE. Runs the compiled code of src/rollout (dist/, `npm run build`).
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const GRAPH_SCOPE = 'https://graph.microsoft.com/AppCatalog.ReadWrite.All';
const USAGE = 'Usage: npm run rollout -- <customer…|--all> [--package <zip>]';

function say(text) {
  process.stderr.write(`${text}\n`);
}

/** Arguments: customers (or --all) and the package path. */
function parseArgs(argv) {
  const customers = [];
  let packagePath = path.join(ROOT, 'dist', 'appPackage.zip');
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--package' && argv[i + 1]) {
      packagePath = path.resolve(argv[i + 1]);
      i += 1;
    } else {
      customers.push(argv[i]);
    }
  }
  return { customers, packagePath };
}

function readSettings(env) {
  const problems = [];
  const clientId = (env.ROLLOUT_CLIENT_ID ?? '').trim();
  if (!clientId) problems.push('ROLLOUT_CLIENT_ID: the public client app registration partner users sign in with (device code flow allowed)');
  const authorityHost = (env.AZURE_AUTHORITY_HOST || 'https://login.microsoftonline.com').trim().replace(/\/+$/, '');
  const graphBaseUrl = (env.GRAPH_BASE_URL || 'https://graph.microsoft.com').trim().replace(/\/+$/, '');
  const customersFile = path.resolve(ROOT, (env.CUSTOMERS_FILE || './config/customers.json').trim());
  return { problems, clientId, authorityHost, graphBaseUrl, customersFile };
}

/** The zip and the manifest's id and version. */
function readPackage(packagePath) {
  const AdmZip = require('adm-zip');
  const zip = fs.readFileSync(packagePath);
  const manifest = JSON.parse(new AdmZip(zip).readAsText('manifest.json'));
  return { zip, externalId: manifest.id, version: manifest.version };
}

async function main() {
  require('dotenv').config({ path: path.join(ROOT, '.env'), quiet: true });
  const { customers: names, packagePath } = parseArgs(process.argv.slice(2));
  const settings = readSettings(process.env);
  if (names.length === 0) {
    say(USAGE);
    return 2;
  }
  if (settings.problems.length > 0) {
    say(`rollout: set these variables first (environment or .env):\n${settings.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 2;
  }
  const rollout = require(path.join(ROOT, 'dist', 'src', 'rollout'));
  let pkg;
  try {
    pkg = readPackage(packagePath);
  } catch (error) {
    say(`rollout: cannot read the app package ${packagePath} (${error.message}). Build it with npm run package.`);
    return 2;
  }
  const directory = await rollout.loadCustomerDirectory(settings.customersFile);
  const { customers, unknown } = rollout.chooseCustomers(directory, names);
  if (unknown.length > 0) {
    say(`rollout: not in the customer directory: ${unknown.join(', ')}`);
    return 2;
  }
  say(`Rolling out app ${pkg.externalId} version ${pkg.version} to ${customers.length} customer(s).`);
  const catalogFor = async (customer) => {
    say('');
    say(`${customer.name} (${customer.tenantId}): sign in as a partner user with GDAP Teams Administrator for this customer.`);
    const signedIn = await rollout.signInWithDeviceCode({
      authorityHost: settings.authorityHost, tenantId: customer.tenantId, clientId: settings.clientId, scope: GRAPH_SCOPE, prompt: say,
    });
    return new rollout.AppCatalogClient({ graphBaseUrl: settings.graphBaseUrl, token: async () => signedIn.accessToken });
  };
  const results = await rollout.rolloutToCustomers(pkg, customers, catalogFor, (result) => {
    process.stdout.write(`${rollout.describeRollout(result)}\n`);
  });
  const count = (kind) => results.filter((r) => r.outcome.kind === kind).length;
  say('');
  say(`Done: ${count('published')} published, ${count('updated')} updated, ${count('current')} already current, ${count('noAccess')} no access, ${count('failed')} failed.`);
  return rollout.rolloutExitCode(results);
}

main().then((code) => { process.exitCode = code; }, (error) => {
  say(`rollout: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
