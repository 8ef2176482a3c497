/**
 * Who may read the dashboard, decided like card actions: a user of the partner tenant whom the kernel's
 * {@link Authorizer} allows `customers.read`, and for each customer's data, allowed for that customer (today every
 * customer for an agent; per customer once the Authorizer knows which customers an agent acts for).
 */
import type { CustomerDirectory } from '../directory/customerDirectory';
import { AGENT_ACTIONS, type Authorizer } from '../teams/guard';
import type { SignedInUser } from './tokenVerifier';

/** A reader the dashboard serves: the agent, and whether they may read a customer's data. */
export interface DashboardReader {
  agent: { aadObjectId: string; name: string };
  /** Whether this agent may read customer tenant `tenantId`'s data (remembered for the request). */
  mayRead(tenantId: string): Promise<boolean>;
}

export interface DashboardAccessDeps {
  authorizer: Authorizer;
  partnerTenantId: string;
}

/** The reader a signed-in user is, or `forbidden` (another tenant, or no agent authorization). */
export async function dashboardReader(user: SignedInUser, deps: DashboardAccessDeps): Promise<DashboardReader | 'forbidden'> {
  if (user.tenantId !== deps.partnerTenantId.toLowerCase()) return 'forbidden';
  const action = AGENT_ACTIONS.customers;
  if ((await deps.authorizer.authorize(user.aadObjectId, { action })) !== 'allowed') return 'forbidden';
  const decided = new Map<string, Promise<boolean>>();
  return {
    agent: { aadObjectId: user.aadObjectId, name: user.name },
    mayRead: (tenantId) => {
      const key = tenantId.toLowerCase();
      let decision = decided.get(key);
      if (!decision) {
        decision = deps.authorizer.authorize(user.aadObjectId, { action, customerTenantId: key }).then((d) => d === 'allowed');
        decided.set(key, decision);
      }
      return decision;
    },
  };
}

/** The directory's customers this reader may read, by name. */
export async function readableCustomers(reader: DashboardReader, directory: Pick<CustomerDirectory, 'all'>): Promise<Array<{ tenantId: string; name: string }>> {
  const customers = directory.all();
  const allowed = await Promise.all(customers.map((c) => reader.mayRead(c.tenantId)));
  return customers.filter((_, i) => allowed[i]).map((c) => ({ tenantId: c.tenantId, name: c.name })).sort((a, b) => a.name.localeCompare(b.name));
}
