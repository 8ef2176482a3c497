import { z } from 'zod';
import { readJsonFile } from './jsonFile';
import { supportPlanSchema, type SupportPlan } from './supportPlan';

/**
 * Contact defaults of Azure support tickets filed for a customer (the case's user is the contact): the address
 * Microsoft writes to when the user's is not known, ISO 3166-1 alpha-3 country, Windows time zone, support language.
 * Absent fields come from the support plan's time zone and the case's locale.
 */
export const azureSupportContactSchema = z.object({
  email: z.string().email().optional(),
  country: z.string().regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3, e.g. FRA').optional(),
  timeZone: z.string().min(1).optional(),
  language: z.string().regex(/^[a-z]{2}-[a-z]{2,4}$/, 'e.g. fr-fr').optional(),
});

/** A tenant id, lower-cased. */
export const tenantIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a tenant GUID')
  .transform((v) => v.toLowerCase());

/**
 * Opt-in proactive install for outage notices (with PROACTIVE_INSTALL=on, and the customer's admin consent to
 * TeamsAppInstallation.ReadWriteSelfForUser.All): when a new incident of one of `services` (empty: any) hits the
 * customer, the bot installs itself for the members of the Entra group `groupId` it cannot reach yet.
 */
export const proactiveInstallSchema = z.object({ groupId: z.string().uuid(), services: z.array(z.string().min(1)).default([]) });

const customerSchema = z.object({
  tenantId: tenantIdSchema,
  name: z.string().min(1),
  defaultDomain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as contoso.onmicrosoft.com'),
  supportPlan: supportPlanSchema,
  /** Azure subscriptions of this customer the partner manages (for Azure support tickets). */
  azureSubscriptionIds: z.array(z.string().uuid()).default([]),
  azureSupportContact: azureSupportContactSchema.default({}),
  /** Services whose incidents every user of this customer is subscribed to by default. */
  defaultNotificationServices: z.array(z.string().min(1)).default([]),
  proactiveInstall: proactiveInstallSchema.optional(),
});
export type Customer = z.infer<typeof customerSchema>;
export type { SupportPlan };

/** Raised when the customer directory file (or the support plans file, `what`) is missing or invalid; lists every problem. */
export class CustomerDirectoryError extends Error {
  constructor(file: string, problems: string[], what = 'Customer directory') {
    super(`${what} ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CustomerDirectoryError';
  }
}

/**
 * The partner's customers, by tenant id. One instance lives for the whole process: every reader (tenant gate,
 * case desk, notifications) holds it, and a synchronized source swaps its content with {@link replace}.
 */
export class CustomerDirectory {
  private byTenant: Map<string, Customer>;

  constructor(customers: Customer[]) {
    this.byTenant = new Map(customers.map((c) => [c.tenantId, c]));
  }

  /** Replaces every customer at once; readers see either the old list or the new one, never a mix. */
  replace(customers: Customer[]): void {
    this.byTenant = new Map(customers.map((c) => [c.tenantId.toLowerCase(), c]));
  }

  /** The customer owning a tenant, or undefined when the tenant is not a customer. */
  find(tenantId: string | undefined): Customer | undefined {
    return tenantId ? this.byTenant.get(tenantId.toLowerCase()) : undefined;
  }

  all(): Customer[] {
    return [...this.byTenant.values()];
  }

  /** Finds a customer by name or default domain, case-insensitively (agent commands). */
  search(text: string): Customer | undefined {
    const needle = text.trim().toLowerCase();
    if (!needle) return undefined;
    return this.all().find((c) => c.defaultDomain.toLowerCase() === needle || c.name.toLowerCase() === needle)
      ?? this.all().find((c) => c.name.toLowerCase().includes(needle) || c.defaultDomain.toLowerCase().includes(needle));
  }
}

/** Validates directory JSON (an array of customers); throws CustomerDirectoryError naming every problem. */
export function parseCustomerDirectory(json: unknown, file: string): CustomerDirectory {
  const parsed = z.array(customerSchema).safeParse(json);
  if (!parsed.success) {
    throw new CustomerDirectoryError(file, parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`));
  }
  const seen = new Set<string>();
  const duplicates = parsed.data.filter((c) => (seen.has(c.tenantId) ? true : (seen.add(c.tenantId), false)));
  if (duplicates.length > 0) {
    throw new CustomerDirectoryError(file, duplicates.map((c) => `tenant ${c.tenantId} is listed more than once`));
  }
  return new CustomerDirectory(parsed.data);
}

/** Loads and validates the customer directory file. */
export async function loadCustomerDirectory(file: string): Promise<CustomerDirectory> {
  const json = await readJsonFile(file, 'CUSTOMERS_FILE', (problem) => new CustomerDirectoryError(file, [problem]));
  return parseCustomerDirectory(json, file);
}
