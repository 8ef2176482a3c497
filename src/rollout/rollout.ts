/**
 * `npm run rollout`: puts the Teams app package into the org app catalog of each chosen customer and says, per
 * customer, what happened. Customers are handled one after the other (one person signs in for each, and the Graph
 * app catalog is throttled per tenant and per app).
 */
import type { Customer, CustomerDirectory } from '../directory/customerDirectory';
import { type AppCatalogClient, CatalogCallError } from './appCatalogClient';
import { SignInError } from './deviceCodeSignIn';

/** The package to roll out: the zip, and the manifest's `id` and `version` read from it. */
export interface RolloutPackage {
  zip: Buffer;
  externalId: string;
  version: string;
}

/**
 * What happened in one customer's catalog. `noAccess`: Graph answered 401 or 403 (the signed-in user holds no
 * Teams Administrator role there, or the permission was not granted); `failed`: anything else that stopped it,
 * with Graph's or Entra's error code.
 */
export type RolloutOutcome =
  | { kind: 'published'; catalogId: string }
  | { kind: 'updated'; catalogId: string; previous: string[] }
  | { kind: 'current'; catalogId: string }
  | { kind: 'noAccess'; status: number; code: string }
  | { kind: 'failed'; code: string; message: string };

/** Where to roll out: a customer's tenant, and the name to report it by. */
export type RolloutTarget = Pick<Customer, 'tenantId' | 'name'>;

export interface CustomerRollout {
  customer: RolloutTarget;
  outcome: RolloutOutcome;
}

/** Signs in for a customer's tenant and returns its catalog client; throws SignInError when the sign-in fails. */
export type CatalogForCustomer = (customer: RolloutTarget) => Promise<AppCatalogClient>;

/** Publishes, updates or leaves the app in one catalog. Never throws. */
export async function rolloutToCatalog(pkg: RolloutPackage, catalog: () => Promise<AppCatalogClient>): Promise<RolloutOutcome> {
  try {
    const client = await catalog();
    const existing = await client.find(pkg.externalId);
    if (!existing) return { kind: 'published', catalogId: await client.publish(pkg.zip) };
    if (existing.versions.includes(pkg.version)) return { kind: 'current', catalogId: existing.id };
    await client.update(existing.id, pkg.zip);
    return { kind: 'updated', catalogId: existing.id, previous: existing.versions };
  } catch (error) {
    if (error instanceof CatalogCallError) {
      return error.status === 401 || error.status === 403
        ? { kind: 'noAccess', status: error.status, code: error.code }
        : { kind: 'failed', code: error.code, message: error.message };
    }
    if (error instanceof SignInError) return { kind: 'failed', code: error.code, message: error.message };
    throw error;
  }
}

/** Rolls out to every customer in turn; `onDone` is told each result as it comes (progress at the terminal). */
export async function rolloutToCustomers(
  pkg: RolloutPackage,
  customers: readonly RolloutTarget[],
  catalogFor: CatalogForCustomer,
  onDone: (result: CustomerRollout) => void = () => undefined,
): Promise<CustomerRollout[]> {
  const results: CustomerRollout[] = [];
  for (const customer of customers) {
    const result = { customer: { tenantId: customer.tenantId, name: customer.name }, outcome: await rolloutToCatalog(pkg, () => catalogFor(customer)) };
    onDone(result);
    results.push(result);
  }
  return results;
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The customers named on the command line (tenant id, name or domain, as `search` finds them), or all with `--all`.
 * A tenant id the directory file does not list is taken as is (customers from Partner Center are not in the file).
 */
export function chooseCustomers(directory: CustomerDirectory, args: readonly string[]): { customers: RolloutTarget[]; unknown: string[] } {
  if (args.includes('--all')) return { customers: directory.all(), unknown: [] };
  const customers = new Map<string, RolloutTarget>();
  const unknown: string[] = [];
  for (const arg of args) {
    const customer = directory.find(arg) ?? directory.search(arg) ?? (TENANT_ID.test(arg) ? { tenantId: arg.toLowerCase(), name: arg.toLowerCase() } : undefined);
    if (customer) customers.set(customer.tenantId, customer);
    else unknown.push(arg);
  }
  return { customers: [...customers.values()], unknown };
}

/** One line for the operator. */
export function describeRollout(result: CustomerRollout): string {
  const who = `${result.customer.name} (${result.customer.tenantId})`;
  const { outcome } = result;
  switch (outcome.kind) {
    case 'published': return `${who}: published (catalog id ${outcome.catalogId})`;
    case 'updated': return `${who}: updated from ${outcome.previous.join(', ') || 'an unknown version'} (catalog id ${outcome.catalogId})`;
    case 'current': return `${who}: already current (catalog id ${outcome.catalogId})`;
    case 'noAccess': return `${who}: no access (${String(outcome.status)} ${outcome.code}: the account needs GDAP Teams Administrator for this customer)`;
    case 'failed': return `${who}: failed (${outcome.code}) ${outcome.message}`;
  }
}

/**
 * The process exit code: 1 when any customer failed, else 0. "No access" is not a failure: a partner without a
 * Teams Administrator assignment for a customer is a normal state of GDAP, reported so someone can ask for it.
 */
export function rolloutExitCode(results: readonly CustomerRollout[]): number {
  return results.some((r) => r.outcome.kind === 'failed') ? 1 : 0;
}
