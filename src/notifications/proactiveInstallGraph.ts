/**
 * Proactive install's Graph calls in a customer tenant, with the bot's per-tenant application credential:
 * the users of a group (`GroupMember.Read.All`), the app's catalog id (`AppCatalog.Read.All`) and the install in a
 * user's personal scope (`TeamsAppInstallation.ReadWriteSelfForUser.All`; 409 = already installed). GETs go through
 * the GraphRequester; the install POST retries 429 and 5xx by the same Graph policy and Retry-After parser.
 */
import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { GraphClients } from '../cloud/graphClientFactory';
import type { GraphRequester } from '../cloud/graphRequester';
import { GRAPH_RETRY_POLICY, type RetryPolicy } from '../cloud/retryPolicies';
import { decideRetry, failureForStatus } from '../cloud/retryPolicy';
import { parseRetryAfter } from '../cloud/retryTiming';
import type { ProactiveInstallGraph } from './proactiveInstall';

const quoted = (value: string): string => `'${value.replace(/'/g, "''")}'`;

function idsOf(items: unknown[]): string[] {
  return items.map((item) => (item as { id?: unknown }).id).filter((id): id is string => typeof id === 'string');
}

export class GraphProactiveInstall implements ProactiveInstallGraph {
  private readonly policy: RetryPolicy;

  constructor(private readonly requester: GraphRequester, private readonly clients: GraphClients, retry: Partial<RetryPolicy> = {}) {
    this.policy = { ...GRAPH_RETRY_POLICY, ...retry };
  }

  async groupUsers(tenantId: string, groupId: string): Promise<string[]> {
    return idsOf(await this.requester.getCollection(tenantId, `groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=id`));
  }

  async catalogId(tenantId: string, externalId: string): Promise<string | undefined> {
    const apps = await this.requester.getCollection(tenantId, `appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq ${quoted(externalId)}`)}`);
    return idsOf(apps)[0];
  }

  async install(tenantId: string, userId: string, catalogId: string): Promise<'installed' | 'alreadyInstalled'> {
    const body = { 'teamsApp@odata.bind': `${this.clients.baseUrl}/${this.clients.version}/appCatalogs/teamsApps/${catalogId}` };
    const deadline = Date.now() + this.policy.budgetMs;
    for (let attempt = 1; ; attempt += 1) {
      const raw: unknown = await this.clients.forTenant(tenantId).api(`users/${encodeURIComponent(userId)}/teamwork/installedApps`).responseType(ResponseType.RAW).post(body);
      if (!(raw instanceof Response)) throw new Error('Graph answered the install without a response');
      if (raw.status === 409) return 'alreadyInstalled';
      if (raw.ok) return 'installed';
      const failure = failureForStatus(raw.status, parseRetryAfter(raw.headers.get('retry-after'), Date.now()));
      const decision = decideRetry(failure, attempt, deadline - Date.now(), this.policy, Math.random);
      if (!decision.retry) throw new Error(`Graph refused the install (${String(raw.status)} ${await raw.text()})`);
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    }
  }
}
