/**
 * The Graph stand-in's Teams app catalog and per-user app installations, per tenant:
 * - `GET /appCatalogs/teamsApps` (`$filter` on `externalId`, `id` or `distributionMethod` with `eq`; `$expand=appDefinitions`),
 *   `POST /appCatalogs/teamsApps` (the zip package: publish) and `POST /appCatalogs/teamsApps/{id}/appDefinitions`
 *   (a new definition: update), with a delegated token whose user is a Teams administrator of the tenant
 *   ({@link SandboxTeamsApps.setTeamsAdmins}) and `AppCatalog.Submit` or `AppCatalog.ReadWrite.All`; else 403.
 *   Reading the catalog with an application token takes `AppCatalog.Read.All` or `AppCatalog.ReadWrite.All`.
 * - `POST /users/{id}/teamwork/installedApps` (`teamsApp@odata.bind`; 409 when installed), `GET` of the same
 *   (`$filter=teamsApp/externalId eq '…'`, `$expand=teamsApp`) and `GET …/installedApps/{id}/chat`, with
 *   `TeamsAppInstallation.ReadWriteSelfForUser.All` (or `…ReadWriteForUser.All`).
 * Wire shapes: microsoft-graph-docs-contrib `teamsapp-publish.md`, `teamsapp-update.md`, `appcatalogs-list-teamsapps.md`,
 * `userteamwork-post-installedapps.md`, `userteamwork-list-installedapps.md`, `userscopeteamsappinstallation-get-chat.md`
 * (test/contract/graph/SOURCES.md). Requests without a token (the dev sandbox) are allowed everything.
 * - `GET /groups/{id}/transitiveMembers/microsoft.graph.user` (ids only; `GroupMember.Read.All`, `Group.Read.All` or
 *   `Directory.Read.All`): the audience of a customer's proactive install ({@link SandboxTeamsApps.setGroupUsers}).
 */
import { randomUUID } from 'node:crypto';
import type { GraphReply } from './graphReply';
import { readZipManifest } from './zipManifest';

export type TeamsAppRoute = 'teamsApps' | 'teamsAppPublish' | 'teamsAppDefinitionUpload' | 'userInstalledApps' | 'userInstallApp' | 'userInstalledAppChat' | 'groupUsers';

const TEAMS_APP_ROUTES: readonly string[] = ['teamsApps', 'teamsAppPublish', 'teamsAppDefinitionUpload', 'userInstalledApps', 'userInstallApp', 'userInstalledAppChat', 'groupUsers'];

export interface SandboxAppDefinition {
  id: string;
  teamsAppId: string;
  azureADAppId: string | null;
  displayName: string;
  version: string;
  publishingState: 'published';
}

export interface SandboxCatalogApp {
  id: string;
  externalId: string;
  displayName: string;
  distributionMethod: 'organization';
  appDefinitions: SandboxAppDefinition[];
  /** The bot of the manifest (`bots[0].botId`), which the personal chat of an installation is with. */
  botId?: string;
}

/** One app installed in a user's personal scope. */
export interface SandboxInstallation {
  id: string;
  tenantId: string;
  userId: string;
  catalogId: string;
  chatId: string;
}

/** Who calls: tenant, permissions (undefined: an unauthenticated dev request), signed-in user of a delegated token. */
export interface TeamsAppCaller {
  tenantId: string;
  permissions?: string[];
  user?: string;
}

export interface TeamsAppRequest {
  route: TeamsAppRoute;
  /** Path segments after `v1.0`, decoded. */
  segments: string[];
  query: URLSearchParams;
  body: Buffer;
  baseUrl: string;
}

const CATALOG_WRITE = ['AppCatalog.Submit', 'AppCatalog.ReadWrite.All'];
const CATALOG_READ = [...CATALOG_WRITE, 'AppCatalog.Read.All'];
const INSTALL = ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All'];
const GROUP_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];

export function isTeamsAppRoute(route: string): route is TeamsAppRoute {
  return TEAMS_APP_ROUTES.includes(route);
}

/** Matches the path after `v1.0` (lower-cased and as sent). */
export function matchTeamsAppRoute(method: string, lower: string[], segments: string[]): { route: TeamsAppRoute; param?: string } | undefined {
  if (method === 'GET' && lower.length === 4 && lower[0] === 'groups' && lower[2] === 'transitivemembers' && lower[3] === 'microsoft.graph.user') {
    return { route: 'groupUsers', param: segments[1] ?? '' };
  }
  if (lower[0] === 'appcatalogs' && lower[1] === 'teamsapps') {
    if (lower.length === 2) return method === 'GET' ? { route: 'teamsApps' } : method === 'POST' ? { route: 'teamsAppPublish' } : undefined;
    if (lower.length === 4 && lower[3] === 'appdefinitions' && method === 'POST') return { route: 'teamsAppDefinitionUpload', param: segments[2] ?? '' };
    return undefined;
  }
  if (lower[0] !== 'users' || lower[2] !== 'teamwork' || lower[3] !== 'installedapps') return undefined;
  if (lower.length === 4) return method === 'GET' ? { route: 'userInstalledApps', param: segments[1] ?? '' } : method === 'POST' ? { route: 'userInstallApp', param: segments[1] ?? '' } : undefined;
  return lower.length === 6 && lower[5] === 'chat' && method === 'GET' ? { route: 'userInstalledAppChat', param: segments[1] ?? '' } : undefined;
}

const error = (status: number, code: string, message: string): GraphReply => ({ status, error: { code, message } });
const forbidden = error(403, 'Forbidden', 'Forbidden');

/** `name eq 'value'` terms of a `$filter` joined by `and`. */
function equalities(filter: string | null): Array<[string, string]> | undefined {
  if (!filter) return [];
  const terms = filter.split(/\s+and\s+/i).map((term) => /^\s*([\w/]+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(term));
  return terms.every((t) => t !== null) ? terms.map((t) => [(t?.[1] ?? '').toLowerCase(), (t?.[2] ?? '').replace(/''/g, "'")]) : undefined;
}

function expands(query: URLSearchParams, name: string): boolean {
  return (query.get('$expand') ?? '').split(',').some((item) => item.trim().toLowerCase() === name.toLowerCase());
}

/** Graph's definition ids are base64 of `{teamsAppId}##{version}`. */
function definition(app: Pick<SandboxCatalogApp, 'id' | 'displayName'>, version: string): SandboxAppDefinition {
  return { id: Buffer.from(`${app.id}##${version}`).toString('base64'), teamsAppId: app.id, azureADAppId: null, displayName: app.displayName, version, publishingState: 'published' };
}

function catalogEntry(app: SandboxCatalogApp): Record<string, unknown> {
  return { id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: app.distributionMethod };
}

/** Numeric comparison of dotted versions. */
function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export class SandboxTeamsApps {
  private readonly catalogs = new Map<string, SandboxCatalogApp[]>();
  private readonly admins = new Map<string, Set<string>>();
  private readonly installs: SandboxInstallation[] = [];
  private readonly listeners: Array<(installation: SandboxInstallation) => void> = [];
  private readonly groups = new Map<string, string[]>();

  /** The users (object ids) of a group, nested groups included. */
  setGroupUsers(tenantId: string, groupId: string, userIds: string[]): void {
    this.groups.set(`${tenantId.toLowerCase()}/${groupId.toLowerCase()}`, userIds);
  }

  /** The users (UPNs) who may manage `tenantId`'s catalog with a delegated token (Teams administrators). */
  setTeamsAdmins(tenantId: string, upns: string[]): void {
    this.admins.set(tenantId.toLowerCase(), new Set(upns.map((u) => u.toLowerCase())));
  }

  /** The org apps of a tenant's catalog. */
  catalog(tenantId: string): readonly SandboxCatalogApp[] {
    return this.catalogs.get(tenantId.toLowerCase()) ?? [];
  }

  installations(tenantId?: string): readonly SandboxInstallation[] {
    return tenantId === undefined ? this.installs : this.installs.filter((i) => i.tenantId === tenantId.toLowerCase());
  }

  /** Plays the user removing the app (their installation disappears). */
  uninstall(tenantId: string, userId: string): void {
    const at = this.installs.findIndex((i) => i.tenantId === tenantId.toLowerCase() && i.userId === userId);
    if (at >= 0) this.installs.splice(at, 1);
  }

  /** Told of each new installation, as Teams would tell the bot (installationUpdate / conversationUpdate). */
  onInstalled(listener: (installation: SandboxInstallation) => void): void {
    this.listeners.push(listener);
  }

  reply(request: TeamsAppRequest, caller: TeamsAppCaller): GraphReply {
    const tenantId = caller.tenantId.toLowerCase();
    switch (request.route) {
      case 'groupUsers': {
        if (caller.permissions && !caller.permissions.some((p) => GROUP_READ.includes(p))) return forbidden;
        const users = this.groups.get(`${tenantId}/${(request.segments[1] ?? '').toLowerCase()}`);
        return users
          ? { status: 200, json: { '@odata.context': `${request.baseUrl}/v1.0/$metadata#directoryObjects(id)`, value: users.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })) } }
          : error(404, 'Request_ResourceNotFound', `Resource '${request.segments[1] ?? ''}' does not exist or one of its queried reference-property objects are not present.`);
      }
      case 'teamsApps': return this.mayUseCatalog(caller, CATALOG_READ) ? this.list(tenantId, request) : forbidden;
      case 'teamsAppPublish': return this.mayUseCatalog(caller, CATALOG_WRITE) ? this.publish(tenantId, request) : forbidden;
      case 'teamsAppDefinitionUpload': return this.mayUseCatalog(caller, CATALOG_WRITE) ? this.upload(tenantId, request) : forbidden;
      default: return this.mayInstall(caller) ? this.installReply(tenantId, request) : forbidden;
    }
  }

  private mayUseCatalog(caller: TeamsAppCaller, permissions: string[]): boolean {
    if (!caller.permissions) return true;
    if (!caller.permissions.some((p) => permissions.includes(p))) return false;
    if (caller.user === undefined) return permissions === CATALOG_READ;
    return this.admins.get(caller.tenantId.toLowerCase())?.has(caller.user.toLowerCase()) ?? false;
  }

  private mayInstall(caller: TeamsAppCaller): boolean {
    return !caller.permissions || caller.permissions.some((p) => INSTALL.includes(p));
  }

  private list(tenantId: string, request: TeamsAppRequest): GraphReply {
    const terms = equalities(request.query.get('$filter'));
    if (!terms) return error(400, 'BadRequest', 'Invalid filter clause');
    const withDefinitions = expands(request.query, 'appDefinitions');
    const fields: Record<string, (app: SandboxCatalogApp) => string> = { externalid: (a) => a.externalId, id: (a) => a.id, distributionmethod: (a) => a.distributionMethod };
    const apps = this.catalog(tenantId).filter((app) => terms.every(([name, value]) => fields[name]?.(app) === value));
    return {
      status: 200,
      json: {
        '@odata.context': `${request.baseUrl}/v1.0/$metadata#appCatalogs/teamsApps`,
        value: apps.map((app) => ({ ...catalogEntry(app), ...(withDefinitions ? { appDefinitions: app.appDefinitions } : {}) })),
      },
    };
  }

  private publish(tenantId: string, request: TeamsAppRequest): GraphReply {
    const manifest = readZipManifest(request.body);
    if (!manifest || typeof manifest.id !== 'string' || typeof manifest.version !== 'string') {
      return error(400, 'BadRequest', 'UnableToParseTeamsAppManifest: the body is not a Teams app package with a manifest id and version.');
    }
    const apps = this.catalogs.get(tenantId) ?? [];
    if (apps.some((app) => app.externalId === manifest.id)) return error(409, 'Conflict', 'App with same id already exists in the tenant.');
    const name = (manifest.name as { short?: unknown } | undefined)?.short;
    const botId = (Array.isArray(manifest.bots) ? manifest.bots[0] as { botId?: unknown } | undefined : undefined)?.botId;
    const app: SandboxCatalogApp = {
      id: randomUUID(), externalId: manifest.id, displayName: typeof name === 'string' ? name : manifest.id, distributionMethod: 'organization', appDefinitions: [],
      ...(typeof botId === 'string' ? { botId } : {}),
    };
    app.appDefinitions.push(definition(app, manifest.version));
    this.catalogs.set(tenantId, [...apps, app]);
    return { status: 201, json: { '@odata.context': `${request.baseUrl}/v1.0/$metadata#appCatalogs/teamsApps/$entity`, ...catalogEntry(app) } };
  }

  private upload(tenantId: string, request: TeamsAppRequest): GraphReply {
    const app = this.catalog(tenantId).find((a) => a.id === request.segments[2]);
    if (!app) return error(404, 'NotFound', `App with id ${request.segments[2] ?? ''} not found.`);
    const manifest = readZipManifest(request.body);
    if (!manifest || manifest.id !== app.externalId || typeof manifest.version !== 'string') {
      return error(400, 'BadRequest', 'UnableToParseTeamsAppManifest: the package is not a version of this app.');
    }
    const latest = app.appDefinitions.map((d) => d.version).sort(compareVersions).at(-1) ?? '0';
    if (compareVersions(manifest.version, latest) <= 0) return error(400, 'BadRequest', `The version ${manifest.version} must be higher than ${latest}.`);
    app.appDefinitions = [definition(app, manifest.version)];
    return { status: 204, bytes: Buffer.alloc(0), contentType: 'text/plain' };
  }

  private installReply(tenantId: string, request: TeamsAppRequest): GraphReply {
    const userId = request.segments[1] ?? '';
    const mine = this.installs.filter((i) => i.tenantId === tenantId && i.userId === userId);
    if (request.route === 'userInstallApp') return this.install(tenantId, userId, request);
    if (request.route === 'userInstalledAppChat') {
      const installation = mine.find((i) => i.id === request.segments[4]);
      return installation
        ? { status: 200, json: { '@odata.context': `${request.baseUrl}/v1.0/$metadata#chats/$entity`, id: installation.chatId } }
        : error(404, 'NotFound', 'The installation was not found.');
    }
    const terms = equalities(request.query.get('$filter'));
    if (!terms || terms.some(([name]) => name !== 'teamsapp/externalid')) return error(400, 'BadRequest', 'Invalid filter clause');
    const withApp = expands(request.query, 'teamsApp');
    const rows = mine
      .map((installation) => ({ installation, app: this.catalog(tenantId).find((a) => a.id === installation.catalogId) }))
      .filter(({ app }) => terms.every(([, value]) => app?.externalId === value));
    return {
      status: 200,
      json: { '@odata.count': rows.length, value: rows.map(({ installation, app }) => ({ id: installation.id, ...(withApp && app ? { teamsApp: catalogEntry(app) } : {}) })) },
    };
  }

  private install(tenantId: string, userId: string, request: TeamsAppRequest): GraphReply {
    let bind: unknown;
    try {
      bind = (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>)['teamsApp@odata.bind'];
    } catch {
      return error(400, 'BadRequest', 'The request body is not JSON.');
    }
    const catalogId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?]+)$/i.exec(bind)?.[1] : undefined;
    const app = this.catalog(tenantId).find((a) => a.id === catalogId);
    if (!app) return error(404, 'NotFound', 'The app was not found in the catalog.');
    if (this.installs.some((i) => i.tenantId === tenantId && i.userId === userId && i.catalogId === app.id)) {
      return error(409, 'Conflict', 'App is already installed for the user.');
    }
    const installation: SandboxInstallation = {
      id: Buffer.from(`${userId}##${app.id}`).toString('base64'), tenantId, userId, catalogId: app.id,
      chatId: `19:${app.botId ?? app.id}_${userId}@unq.gbl.spaces`,
    };
    this.installs.push(installation);
    for (const listener of this.listeners) listener(installation);
    return { status: 201, bytes: Buffer.alloc(0), contentType: 'text/plain' };
  }
}
