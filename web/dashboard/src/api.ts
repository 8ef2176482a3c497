import type { Escalation, Me, Outages, Paged, PublicConfig, QueueFilters, QueueItem, Stats } from '../../../src/dashboard/contract';

const BASE = '/api/dashboard';

/** A refused or failed API call: `status` is the HTTP status (0 when the network failed), `code` the contract's. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string | undefined) {
    super(`dashboard API ${status}${code ? ` ${code}` : ''}`);
    this.name = 'ApiError';
  }
}

/** The authorized read API of the dashboard. */
export interface DashboardApi {
  me(): Promise<Me>;
  queue(filters: QueueFilters, page: number): Promise<Paged<QueueItem>>;
  stats(days: number): Promise<Stats>;
  escalations(page: number): Promise<Paged<Escalation>>;
  outages(): Promise<Outages>;
}

async function getJson<T>(path: string, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: unknown } } | undefined;
    const code = body?.error?.code;
    throw new ApiError(response.status, typeof code === 'string' ? code : undefined);
  }
  return (await response.json()) as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The API with a bearer token from `token()` on every call (Teams SSO caches and renews its own token). */
export function dashboardApi(token: () => Promise<string>): DashboardApi {
  const get = async <T>(path: string): Promise<T> => getJson<T>(`${BASE}${path}`, await token());
  return {
    me: () => get<Me>('/me'),
    queue: (filters, page) => get<Paged<QueueItem>>(`/queue${query({ ...filters, page })}`),
    stats: (days) => get<Stats>(`/stats${query({ days })}`),
    escalations: (page) => get<Paged<Escalation>>(`/escalations${query({ page })}`),
    outages: () => get<Outages>('/outages'),
  };
}

/** `GET /api/dashboard/config`: whether the sandbox (and so the development sign-in) is on. */
export function publicConfig(): Promise<PublicConfig> {
  return getJson<PublicConfig>(`${BASE}/config`);
}

/** The sandbox's development sign-in (404 outside the sandbox). */
export async function devToken(agent?: string): Promise<string> {
  const { token } = await getJson<{ token: string }>(`${BASE}/dev-token${query({ agent })}`);
  return token;
}

/** Pages 1 to `last` of a paged list (or until the list ends). */
export async function pagesUpTo<T>(load: (page: number) => Promise<Paged<T>>, last: number): Promise<{ items: T[]; nextPage: number | null }> {
  const items: T[] = [];
  let page: number | null = 1;
  let nextPage: number | null = null;
  while (page !== null && page <= last) {
    const answer: Paged<T> = await load(page);
    items.push(...answer.items);
    nextPage = answer.nextPage;
    page = answer.nextPage;
  }
  return { items, nextPage };
}
