/**
 * The support plans file (SUPPORT_PLANS_FILE): what the partner sells, and which customer gets what. Partner Center
 * says who the customers are; this file adds what it cannot know: named plans, the default plan, and per-customer
 * overrides (by tenant id or domain) with the extras the hand-written directory carried (Azure subscriptions, Azure
 * support contact, default notification services).
 */
import { z } from 'zod';
import { azureSupportContactSchema, type Customer, CustomerDirectoryError, proactiveInstallSchema, tenantIdSchema } from './customerDirectory';
import { readJsonFile } from './jsonFile';
import type { ListedCustomer } from './partnerCenterCustomers';
import { supportPlanSchema, type SupportPlan } from './supportPlan';

const overrideSchema = z.object({
  tenantId: tenantIdSchema.optional(),
  /** Matched case-insensitively against the customer's Partner Center domain. */
  domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as contoso.onmicrosoft.com').transform((v) => v.toLowerCase()).optional(),
  /** A key of `plans`; the default plan when absent. */
  plan: z.string().min(1).optional(),
  azureSubscriptionIds: z.array(z.string().uuid()).default([]),
  azureSupportContact: azureSupportContactSchema.default({}),
  defaultNotificationServices: z.array(z.string().min(1)).default([]),
  proactiveInstall: proactiveInstallSchema.optional(),
}).refine((o) => (o.tenantId === undefined) !== (o.domain === undefined), 'give exactly one of tenantId or domain');

const plansFileSchema = z.object({
  /** Plans by a name of the partner's choosing (the plan's `name` is what customers see). */
  plans: z.record(z.string().min(1), supportPlanSchema).refine((plans) => Object.keys(plans).length > 0, 'at least one plan'),
  /** The plan of every customer without an override naming another. */
  defaultPlan: z.string().min(1),
  customers: z.array(overrideSchema).default([]),
});
type PlansFile = z.infer<typeof plansFileSchema>;
type Override = z.infer<typeof overrideSchema>;

/** Problems zod cannot see: plan names that do not exist, a customer overridden twice. */
function crossCheck(file: PlansFile): string[] {
  const problems: string[] = [];
  const known = (name: string): boolean => Object.hasOwn(file.plans, name);
  if (!known(file.defaultPlan)) problems.push(`[defaultPlan] "${file.defaultPlan}" is not a key of plans`);
  const seen = new Set<string>();
  file.customers.forEach((override, index) => {
    if (override.plan !== undefined && !known(override.plan)) problems.push(`[customers.${String(index)}.plan] "${override.plan}" is not a key of plans`);
    const key = override.tenantId ?? override.domain ?? '';
    if (seen.has(key)) problems.push(`[customers.${String(index)}] ${key} has more than one override`);
    seen.add(key);
  });
  return problems;
}

/** The plans file, validated: turns a listed customer into a directory {@link Customer}. */
export class SupportPlans {
  private readonly byTenant: Map<string, Override>;
  private readonly byDomain: Map<string, Override>;

  constructor(private readonly file: PlansFile) {
    this.byTenant = new Map(file.customers.flatMap((o) => (o.tenantId === undefined ? [] : [[o.tenantId, o] as const])));
    this.byDomain = new Map(file.customers.flatMap((o) => (o.domain === undefined ? [] : [[o.domain, o] as const])));
  }

  /** The override of a customer: by tenant id first, then by domain. */
  private overrideOf(listed: ListedCustomer): Override | undefined {
    return this.byTenant.get(listed.tenantId.toLowerCase()) ?? this.byDomain.get(listed.domain.toLowerCase());
  }

  /** The plan named `name`; validated to exist when the file was read. */
  private plan(name: string): SupportPlan {
    const plan = this.file.plans[name];
    if (!plan) throw new Error(`support plan ${name} vanished after validation`);
    return plan;
  }

  /** The directory entry of a customer Partner Center lists. Pure. */
  customerOf(listed: ListedCustomer): Customer {
    const override = this.overrideOf(listed);
    return {
      tenantId: listed.tenantId.toLowerCase(),
      name: listed.companyName,
      defaultDomain: listed.domain,
      supportPlan: this.plan(override?.plan ?? this.file.defaultPlan),
      azureSubscriptionIds: override?.azureSubscriptionIds ?? [],
      azureSupportContact: override?.azureSupportContact ?? {},
      defaultNotificationServices: override?.defaultNotificationServices ?? [],
      ...(override?.proactiveInstall ? { proactiveInstall: override.proactiveInstall } : {}),
    };
  }
}

/** Validates plans JSON; throws CustomerDirectoryError naming every problem. */
export function parseSupportPlans(json: unknown, file: string): SupportPlans {
  const parsed = plansFileSchema.safeParse(json);
  const fail = (problems: string[]): never => { throw new CustomerDirectoryError(file, problems, 'Support plans file'); };
  if (!parsed.success) return fail(parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`));
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) fail(problems);
  return new SupportPlans(parsed.data);
}

/** Loads and validates the support plans file. */
export async function loadSupportPlans(file: string): Promise<SupportPlans> {
  const json = await readJsonFile(file, 'SUPPORT_PLANS_FILE', (problem) => new CustomerDirectoryError(file, [problem], 'Support plans file'));
  return parseSupportPlans(json, file);
}
