/**
 * The tenant app catalog of one customer through Microsoft Graph, with a delegated token (a Teams administrator of
 * that tenant signed in): find the app by its manifest id, publish it, or upload a new definition of it.
 * `POST /appCatalogs/teamsApps` and `POST /appCatalogs/teamsApps/{id}/appDefinitions` take the zip itself
 * (`Content-Type: application/zip`), which is why this client does not go through the JSON fetch of src/cloud;
 * it uses the same Graph retry policy and Retry-After parser.
 */
import { GRAPH_RETRY_POLICY, type RetryPolicy } from '../cloud/retryPolicies';
import { decideRetry, failureForStatus } from '../cloud/retryPolicy';
import { parseRetryAfter } from '../cloud/retryTiming';

/** The app as the catalog knows it: its catalog id and the versions of its definitions. */
export interface CatalogApp {
  id: string;
  versions: string[];
}

/** A Graph call that failed for good: status (undefined when unreachable) and Graph's error code. */
export class CatalogCallError extends Error {
  constructor(readonly status: number | undefined, readonly code: string, message: string) {
    super(message);
    this.name = 'CatalogCallError';
  }
}

export interface AppCatalogClientOptions {
  /** Graph origin without `/v1.0`, e.g. `https://graph.microsoft.com`. */
  graphBaseUrl: string;
  /** A delegated Graph token for the tenant (the caller caches it). */
  token: () => Promise<string>;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

interface Answer {
  status: number;
  body: unknown;
}

/** Graph's error code of an error body (`error.code`), else `HTTP <status>`. */
function graphErrorCode(body: unknown, status: number): string {
  const error = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown } }).error : undefined;
  return typeof error?.code === 'string' ? error.code : `HTTP ${String(status)}`;
}

function parseBody(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class AppCatalogClient {
  private readonly policy: RetryPolicy;

  constructor(private readonly options: AppCatalogClientOptions) {
    this.policy = { ...GRAPH_RETRY_POLICY, ...options.retry };
  }

  /** The organization app whose manifest id is `externalId`, with its definitions' versions; undefined when absent. */
  async find(externalId: string): Promise<CatalogApp | undefined> {
    const filter = `externalId eq '${externalId.replace(/'/g, "''")}'`;
    const query = new URLSearchParams({ $filter: filter, $expand: 'appDefinitions' });
    const answer = await this.call('GET', `/v1.0/appCatalogs/teamsApps?${query.toString()}`);
    const value = (answer.body as { value?: unknown } | undefined)?.value;
    const apps = Array.isArray(value) ? value as { id?: unknown; distributionMethod?: unknown; appDefinitions?: unknown }[] : [];
    const app = apps.find((a) => typeof a.id === 'string' && (a.distributionMethod === undefined || a.distributionMethod === 'organization'));
    if (!app) return undefined;
    const definitions = Array.isArray(app.appDefinitions) ? app.appDefinitions as { version?: unknown }[] : [];
    return { id: String(app.id), versions: definitions.map((d) => d.version).filter((v): v is string => typeof v === 'string') };
  }

  /** Publishes the package to the organization's catalog; resolves to the new catalog id. */
  async publish(zip: Buffer): Promise<string> {
    const answer = await this.call('POST', '/v1.0/appCatalogs/teamsApps', zip);
    const id = (answer.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') throw new CatalogCallError(answer.status, 'MalformedAnswer', 'Graph published the app without returning its id.');
    return id;
  }

  /** Uploads the package as the new definition of catalog app `catalogId`. */
  async update(catalogId: string, zip: Buffer): Promise<void> {
    await this.call('POST', `/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}/appDefinitions`, zip);
  }

  private async call(method: 'GET' | 'POST', path: string, zip?: Buffer): Promise<Answer> {
    const deadline = Date.now() + this.policy.budgetMs;
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.options.token();
      let answer: Answer & { retryAfter: string | null };
      try {
        const response = await (this.options.fetch ?? fetch)(`${this.options.graphBaseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(zip ? { 'content-type': 'application/zip' } : {}),
          },
          ...(zip ? { body: new Uint8Array(zip) } : {}),
          signal: AbortSignal.timeout(30_000),
        });
        answer = { status: response.status, body: parseBody(await response.text()), retryAfter: response.headers.get('retry-after') };
      } catch (error) {
        const decision = decideRetry({ kind: 'transient', reason: 'unreachable' }, attempt, deadline - Date.now(), this.policy, Math.random);
        if (!decision.retry) throw new CatalogCallError(undefined, 'Unreachable', `Graph is unreachable (${(error as Error).message}).`);
        await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      const failure = failureForStatus(answer.status, parseRetryAfter(answer.retryAfter, Date.now()));
      const decision = decideRetry(failure, attempt, deadline - Date.now(), this.policy, Math.random);
      if (!decision.retry) {
        throw new CatalogCallError(answer.status, graphErrorCode(answer.body, answer.status), `${method} ${path.split('?')[0] ?? path} answered ${String(answer.status)}.`);
      }
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    }
  }
}
