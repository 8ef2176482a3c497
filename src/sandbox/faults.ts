/** Fault injection shared by the stand-ins: queues of scripted misbehaviour per route. */
import type { ServerResponse } from 'node:http';
import { sendJson, sleep } from './httpServer';

/** One scripted misbehaviour, consumed by one request. */
export type SandboxFault =
  /** Answer with this status and the stand-in's error body; `retryAfter` is sent verbatim (e.g. "2.5", "30,120"). */
  | { kind: 'status'; status: number; retryAfter?: string; code?: string }
  /** Wait, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Answer 200 with a body that is not JSON. */
  | { kind: 'malformedJson' }
  /** Destroy the connection without answering. */
  | { kind: 'destroy' };

/** Shorthands for building faults. */
export const fault = {
  throttle: (retryAfter?: string): SandboxFault => ({ kind: 'status', status: 429, ...(retryAfter === undefined ? {} : { retryAfter }) }),
  status: (status: number, code?: string): SandboxFault => ({ kind: 'status', status, ...(code === undefined ? {} : { code }) }),
  delay: (ms: number): SandboxFault => ({ kind: 'delay', ms }),
  malformedJson: (): SandboxFault => ({ kind: 'malformedJson' }),
  destroy: (): SandboxFault => ({ kind: 'destroy' }),
} as const;

const WILDCARD = '*';

/** Per-route FIFO of faults plus an optional standing fault; route `*` applies to every route. */
export class FaultQueue<Route extends string> {
  private readonly queued = new Map<string, SandboxFault[]>();
  private readonly standing = new Map<string, SandboxFault>();

  push(route: Route | '*', faults: readonly SandboxFault[]): void {
    this.queued.set(route, [...(this.queued.get(route) ?? []), ...faults]);
  }

  /** Makes every request to `route` fail with `standingFault` until cleared (undefined clears). */
  always(route: Route | '*', standingFault: SandboxFault | undefined): void {
    if (standingFault) this.standing.set(route, standingFault);
    else this.standing.delete(route);
  }

  /** The next fault for `route`, if any (route-specific queue first, then `*`, then standing faults). */
  take(route: Route): SandboxFault | undefined {
    for (const key of [route, WILDCARD]) {
      const next = this.queued.get(key)?.shift();
      if (next) return next;
    }
    return this.standing.get(route) ?? this.standing.get(WILDCARD);
  }

  clear(): void {
    this.queued.clear();
    this.standing.clear();
  }
}

/** The fault controls tests use on a stand-in. */
export interface FaultControls<Route extends string> {
  /** Queues faults for the next requests to `route` (`*`: any route). */
  failNext(route: Route | '*', ...faults: SandboxFault[]): void;
  /** Makes every request to `route` fail until called again with undefined. */
  failAlways(route: Route | '*', standing: SandboxFault | undefined): void;
}

/** The controls of a queue. */
export function faultControls<Route extends string>(queue: FaultQueue<Route>): FaultControls<Route> {
  return {
    failNext: (route, ...queued) => { queue.push(route, queued); },
    failAlways: (route, standing) => { queue.always(route, standing); },
  };
}

/** What a recording stand-in offers tests: its URL, the requests received, fault controls, reset and close. */
export interface StandInControls<Route extends string, Received> extends FaultControls<Route> {
  readonly url: string;
  readonly requests: readonly Received[];
  /** Requests received for `route` (all when omitted). */
  requestCount(route?: Route): number;
  /** Clears the faults and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

/** The controls of a stand-in listening at `server`, recording into `requests`. */
export function standInControls<Route extends string, Received extends { route: string }>(
  server: { url: string; close(): Promise<void> }, faults: FaultQueue<Route>, requests: Received[],
): StandInControls<Route, Received> {
  return {
    url: server.url,
    requests,
    ...faultControls(faults),
    requestCount: (route) => requests.filter((r) => route === undefined || r.route === route).length,
    reset: () => {
      faults.clear();
      requests.length = 0;
    },
    close: () => server.close(),
  };
}

export type ErrorBodyFactory = (status: number, code: string | undefined) => unknown;

/**
 * Plays a fault. Returns true when the response is finished (or the socket destroyed),
 * false when the request should now be served normally (after a delay).
 */
export async function playFault(res: ServerResponse, played: SandboxFault, errorBody: ErrorBodyFactory): Promise<boolean> {
  switch (played.kind) {
    case 'delay':
      await sleep(played.ms);
      return false;
    case 'destroy':
      res.socket?.destroy();
      return true;
    case 'malformedJson':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"value": [ {"id": "truncated');
      return true;
    case 'status':
      sendJson(res, played.status, errorBody(played.status, played.code), played.retryAfter === undefined ? {} : { 'retry-after': played.retryAfter });
      return true;
  }
}
