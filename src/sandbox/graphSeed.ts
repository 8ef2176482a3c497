/**
 * Data of the Graph stand-in: per-tenant service health in Graph's own wire shape (enum values in
 * definition casing), per-tenant directory memberships, and the loader of `config/sandbox-health.json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SeedService {
  id: string;
  service: string;
  status: string;
}

export interface SeedPost {
  createdDateTime: string;
  postType: string;
  description: { contentType: string; content: string };
}

export interface SeedIssue {
  id: string;
  title: string;
  impactDescription: string;
  classification: string;
  origin: string;
  status: string;
  service: string;
  feature: string | null;
  featureGroup: string | null;
  isResolved: boolean;
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  details: { name: string; value: string }[];
  posts: SeedPost[];
  /** Bytes served by `/incidentReport` (only when status is postIncidentReviewPublished). */
  incidentReport?: string;
}

export interface TenantHealthData {
  services: SeedService[];
  issues: SeedIssue[];
}

/** A directoryRole or group as `transitiveMemberOf` returns it. */
export type DirectoryObject =
  | { '@odata.type': '#microsoft.graph.directoryRole'; id: string; displayName: string; roleTemplateId: string; description?: string }
  | {
    '@odata.type': '#microsoft.graph.group'; id: string; displayName: string; description?: string;
    /** `["Unified"]` for a Microsoft 365 group (any employee may create one, e.g. with a team); empty for a security group. */
    groupTypes?: string[]; mailEnabled?: boolean; mailNickname?: string; securityEnabled?: boolean;
  };

export interface TenantDirectory {
  /** memberships per user id (object id or UPN). */
  users: Record<string, DirectoryObject[]>;
  /** memberships of any user not listed; absent = unknown users are 404. */
  defaultMemberOf?: DirectoryObject[];
}

export interface GraphSandboxSeed {
  tenants: Record<string, TenantHealthData & { name?: string }>;
  directories?: Record<string, TenantDirectory>;
}

/** How enum values are written on the wire: Graph's samples use PascalCase, its definitions camelCase. */
export type EnumCasing = 'pascal' | 'camel';

const RELATIVE_TIME = /^now(?:([+-])(\d+)([mhd]))?$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Replaces "now", "now-2h", "now+30m", "now-3d" in any string of `value` by an ISO instant relative to `now`. */
export function resolveRelativeTimes<T>(value: T, now: Date): T {
  if (typeof value === 'string') {
    const match = RELATIVE_TIME.exec(value);
    if (!match) return value;
    const [, sign, amount, unit] = match;
    const offset = sign && amount && unit ? Number(amount) * (UNIT_MS[unit] ?? 0) * (sign === '-' ? -1 : 1) : 0;
    return new Date(now.getTime() + offset).toISOString().replace(/\.\d{3}Z$/, 'Z') as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => resolveRelativeTimes(item, now)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveRelativeTimes(item, now)])) as T;
  }
  return value;
}

/** Default location of the realistic seed. */
export const DEFAULT_SEED_PATH = join(process.cwd(), 'config', 'sandbox-health.json');

/** Reads a seed file (shape: GraphSandboxSeed, relative times allowed). The file is trusted local config. */
export function loadGraphSandboxSeed(path: string = DEFAULT_SEED_PATH, now: Date = new Date()): GraphSandboxSeed {
  return resolveRelativeTimes(JSON.parse(readFileSync(path, 'utf8')) as GraphSandboxSeed, now);
}

function withCasing(value: string, casing: EnumCasing): string {
  const first = value.charAt(0);
  return (casing === 'pascal' ? first.toUpperCase() : first.toLowerCase()) + value.slice(1);
}

export function serializeIssue(issue: SeedIssue, casing: EnumCasing): Record<string, unknown> {
  const wire: Record<string, unknown> = { ...issue };
  delete wire.incidentReport;
  return {
    ...wire,
    classification: withCasing(issue.classification, casing),
    origin: withCasing(issue.origin, casing),
    status: withCasing(issue.status, casing),
    posts: issue.posts.map((post) => ({
      ...post,
      postType: withCasing(post.postType, casing),
      description: { ...post.description, contentType: withCasing(post.description.contentType, casing) },
    })),
  };
}

export function serializeService(
  service: SeedService,
  casing: EnumCasing,
  expandedIssues?: SeedIssue[],
): Record<string, unknown> {
  return {
    service: service.service,
    status: withCasing(service.status, casing),
    id: service.id,
    ...(expandedIssues ? { issues: expandedIssues.map((issue) => serializeIssue(issue, casing)) } : {}),
  };
}
