import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity the bot sent, as the Connector received it. */
export interface ReceivedActivity {
  method: 'POST' | 'PUT' | 'DELETE';
  conversationId: string;
  /** The id the fake assigned (send/reply/create) or the id updated/deleted. */
  activityId: string;
  /** The activity id in the path (reply/update/delete), if any. */
  pathActivityId?: string;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

/** A write request (send, reply, update, delete, create conversation) as it arrived, before any answer. */
export interface ConnectorRequest {
  method: string;
  /** Undefined when a conversation is being created. */
  conversationId: string | undefined;
  body: Record<string, unknown>;
  at: number;
}

/** A fault to answer with instead of success, once per queued entry. */
export interface ConnectorFault {
  status: number;
  code?: string;
  retryAfter?: string;
  rawBody?: string;
  delayMs?: number;
}

interface HeldEntry {
  request: ConnectorRequest;
  /** Answers the request normally (true) or never (false: its connection is destroyed). */
  settle(answer: boolean): void;
}

/**
 * A local Bot Connector that speaks the wire format of teams-bot-wire.md §2: send, reply, update,
 * delete, create conversation (1:1 and channel thread), members. It records every request.
 *
 * `activities` holds only what it answered with success (2xx): an activity it failed with a fault, or held and
 * never answered, is not there. {@link FakeConnector.hold} keeps chosen requests unanswered, as a Connector that is
 * slow to answer, until {@link FakeConnector.releaseHeld} or {@link FakeConnector.dropHeld}.
 */
export class FakeConnector {
  readonly activities: ReceivedActivity[] = [];
  readonly conversationsCreated: Array<{ id: string; body: Record<string, unknown> }> = [];
  readonly requests: Array<{ method: string; path: string; status: number; at: number }> = [];
  /** Current state of each sent activity (after updates; deleted ones removed), by activity id. */
  readonly store = new Map<string, ReceivedActivity>();
  /**
   * What `GET …/members/{id}` answers, by member id, in the documented shape (teams-bot-wire.md §2); `'notFound'`
   * answers 404. A member not listed gets the default member.
   */
  readonly members = new Map<string, Record<string, unknown> | 'notFound'>();
  /** Held requests whose connection ended (or was dropped) before any answer: never delivered. */
  readonly abandoned: ConnectorRequest[] = [];
  private readonly faults: ConnectorFault[] = [];
  private readonly heldEntries: HeldEntry[] = [];
  private holding: ((request: ConnectorRequest) => boolean) | undefined;
  private readonly waiters: Array<{ predicate: (a: ReceivedActivity) => boolean; resolve: (a: ReceivedActivity) => void }> = [];
  private nextId = 1;
  private server!: Server;
  url = '';

  static async start(): Promise<FakeConnector> {
    const fake = new FakeConnector();
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/amer/`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues faults answered to the next activity requests, in order. */
  failNext(...faults: ConnectorFault[]): void {
    this.faults.push(...faults);
  }

  /**
   * From now on, write requests matching `match` are held: not answered, not recorded in `activities`, listed in
   * `held` until released or dropped. A held request whose connection closes (the bot died) moves to `abandoned`.
   */
  hold(match: (request: ConnectorRequest) => boolean): void {
    this.holding = match;
  }

  /** Requests held and not answered yet, oldest first. */
  get held(): ConnectorRequest[] {
    return this.heldEntries.map((entry) => entry.request);
  }

  /** Stops holding, and answers every held request as if it had just arrived. */
  releaseHeld(): void {
    this.holding = undefined;
    for (const entry of [...this.heldEntries]) entry.settle(true);
  }

  /** Stops holding, and destroys the connection of every held request without answering it (moved to `abandoned`). */
  dropHeld(): void {
    this.holding = undefined;
    for (const entry of [...this.heldEntries]) entry.settle(false);
  }

  /** Activities sent to one conversation, in order. */
  sentTo(conversationId: string): ReceivedActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId && a.method !== 'DELETE');
  }

  /** Resolves with the first recorded (or future) activity matching the predicate. */
  waitFor(predicate: (a: ReceivedActivity) => boolean, timeoutMs = 10000): Promise<ReceivedActivity> {
    const found = this.activities.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('FakeConnector: no matching activity in time')), timeoutMs);
      this.waiters.push({ predicate, resolve: (a) => { clearTimeout(timer); resolve(a); } });
    });
  }

  reset(): void {
    this.dropHeld();
    this.abandoned.length = 0;
    this.activities.length = 0;
    this.conversationsCreated.length = 0;
    this.requests.length = 0;
    this.store.clear();
    this.faults.length = 0;
  }

  private record(activity: ReceivedActivity): void {
    this.activities.push(activity);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(activity)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(activity);
      }
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const method = req.method ?? 'GET';
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      this.requests.push({ method, path, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
    };
    const match = /\/v3\/conversations(?:\/([^/]+)(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?)?$/.exec(path);
    if (!match) return send(404, { error: { code: 'NotFound', message: path } });
    const conversationId = match[1] ? decodeURIComponent(match[1]) : undefined;
    const collection = match[2];
    const pathActivityId = match[3] ? decodeURIComponent(match[3]) : undefined;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const request: ConnectorRequest = { method, conversationId, body, at: Date.now() };
    if (method !== 'GET' && this.holding?.(request) && !(await this.holdUntilSettled(res, request))) return;

    if (method !== 'GET') {
      const fault = this.faults.shift();
      if (fault) {
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
        return send(fault.status, fault.rawBody ?? { error: { code: fault.code ?? 'ServiceError', message: 'injected' } }, headers);
      }
    }
    if (!conversationId && method === 'POST') return send(200, this.createConversation(body, req));
    if (!conversationId) return send(405, { error: { code: 'BadArgument', message: 'unsupported' } });
    const listed = collection === 'members' && pathActivityId ? this.members.get(pathActivityId) : undefined;
    if (listed === 'notFound') return send(404, { error: { code: 'NotFound', message: 'member not found' } });
    if (listed) return send(200, listed);
    if (collection === 'members' || collection === 'pagedmembers') {
      const member = { id: '29:member', name: 'Member', aadObjectId: '00000000-0000-0000-0000-000000000001' };
      return send(200, collection === 'pagedmembers' ? { members: [member] } : pathActivityId ? member : [member]);
    }
    if (collection !== 'activities') return send(404, { error: { code: 'NotFound', message: path } });
    if (JSON.stringify(body).length * 2 > 100 * 1024) return send(413, { error: { code: 'MessageSizeTooBig', message: 'too big' } });
    if (method === 'DELETE' && pathActivityId) {
      this.store.delete(pathActivityId);
      this.record({ method: 'DELETE', conversationId, activityId: pathActivityId, pathActivityId, body, headers: req.headers, at: Date.now() });
      return send(200);
    }
    if (method === 'PUT' && pathActivityId) {
      if (!this.store.has(pathActivityId)) return send(404, { error: { code: 'ActivityNotFoundInConversation', message: 'unknown activity' } });
      const updated: ReceivedActivity = { method: 'PUT', conversationId, activityId: pathActivityId, pathActivityId, body, headers: req.headers, at: Date.now() };
      this.store.set(pathActivityId, updated);
      this.record(updated);
      return send(200, { id: pathActivityId });
    }
    const activityId = `act-${this.nextId++}`;
    const sent: ReceivedActivity = { method: 'POST', conversationId, activityId, pathActivityId, body, headers: req.headers, at: Date.now() };
    this.store.set(activityId, sent);
    this.record(sent);
    return send(201, { id: activityId });
  }

  /** Resolves true when the held request is to be answered, false when it never will be. */
  private holdUntilSettled(res: ServerResponse, request: ConnectorRequest): Promise<boolean> {
    return new Promise((resolve) => {
      const entry: HeldEntry = {
        request,
        settle: (answer) => {
          const index = this.heldEntries.indexOf(entry);
          if (index < 0) return;
          this.heldEntries.splice(index, 1);
          const open = !res.destroyed && res.socket !== null && !res.socket.destroyed;
          if (answer && open) return resolve(true);
          this.abandoned.push(request);
          res.socket?.destroy();
          resolve(false);
        },
      };
      this.heldEntries.push(entry);
      res.once('close', () => entry.settle(false));
    });
  }

  private createConversation(body: Record<string, unknown>, req: IncomingMessage): Record<string, string> {
    const channelData = body.channelData as { channel?: { id?: string } } | undefined;
    const activity = body.activity as Record<string, unknown> | undefined;
    const activityId = `act-${this.nextId++}`;
    const id = body.isGroup && channelData?.channel?.id ? `${channelData.channel.id};messageid=${activityId}` : `a:conv-${this.nextId++}`;
    this.conversationsCreated.push({ id, body });
    if (activity) {
      const sent: ReceivedActivity = { method: 'POST', conversationId: id, activityId, body: activity, headers: req.headers, at: Date.now() };
      this.store.set(activityId, sent);
      this.record(sent);
    }
    return { id, activityId, serviceUrl: this.url };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
