/**
 * Who may type a command or press a card verb, and where: the declarations features make and the
 * {@link CommandRouter} enforces. The authorization behind them is an {@link Authorizer}: today the agent role,
 * tomorrow per customer (may this agent act for customer tenant X).
 */
import type { CardActionResult } from './cardActionResult';
import type { Turn } from './turn';

/** Who may use a command: a customer of the partner, or someone of the partner itself. */
export type Speaker = 'customer' | 'partner';

/** What a user asks to do; `customerTenantId` names the customer whose data it touches, when known. */
export interface AuthorizationRequest {
  /** The action, by name (`cases.act`, `customers.read`, `escalation.file`). */
  action: string;
  customerTenantId?: string;
}

/** Actions on cases and customers' data that need an agent, as guards and the {@link Authorizer} name them. */
export const AGENT_ACTIONS = {
  /** Show, take, assign, resolve a case; relay to its customer; choose the agents' channel. */
  cases: 'cases.act',
  /** Read across customers: a customer's health, the open Microsoft requests, an outage's delivery report. */
  customers: 'customers.read',
  /** Propose and file Microsoft service requests and Azure support tickets. */
  escalation: 'escalation.file',
} as const;

export type AuthorizationDecision = 'allowed' | 'refused';

/** What allowed an action: a GDAP role in the customer's tenant (named), a legacy DAP group, or a partner-wide agent role. */
export type AuthorizationGrant =
  | { via: 'gdap'; roleId: string; roleName: string }
  | { via: 'dap' }
  | { via: 'partnerWide' };

/** Every customer (partner-wide authorization), or the customer tenant ids named. */
export type CustomerScope = 'all' | ReadonlySet<string>;

/** Decides whether a user (by Entra object id) may do an action. Fails closed: an unknown user is refused. */
export interface Authorizer {
  authorize(aadObjectId: string | undefined, request: AuthorizationRequest): Promise<AuthorizationDecision>;
  /** What allows the action (undefined when refused); for the case card's "via" line. Optional: absent = not said. */
  grantOf?(aadObjectId: string | undefined, request: AuthorizationRequest): Promise<AuthorizationGrant | undefined>;
  /** The customers for whom the user may do the action (lists show only those). Optional: absent = every customer. */
  customersFor?(aadObjectId: string | undefined, action: string): Promise<CustomerScope>;
}

/** The customer an action concerns, as a refusal names it. */
export interface CustomerRef {
  tenantId: string;
  name: string;
}

/** Whether the turn comes from a place where agents work (the agents' channel and its threads, a personal chat). */
export interface AgentPlaces {
  isAgentsPlace(turn: Turn): Promise<boolean>;
}

/** What a refused sender is told (an i18n key, with its values) and the `security.*` event logged. */
export interface Refusal {
  event: string;
  message: string;
  params?: Record<string, string>;
}

/** Agent commands refused by default: the sender is told the command is not for them. */
export const NOT_FOR_YOU: Refusal = { event: 'security.agentCommandRefused', message: 'errors.notForYou' };

/** An agent refused for one customer: no allowed GDAP role (nor legacy DAP group) for it. */
export function noCustomerRole(customer: CustomerRef): Refusal {
  return { event: 'security.gdapDenied', message: 'errors.noCustomerRole', params: { customer: customer.name } };
}

/** Refused because used outside the agents' channel and personal chats. */
export const WRONG_PLACE: Refusal = { event: 'security.agentCommandOutOfPlace', message: 'cases.agent.wrongPlace' };

/** Who may use a command or a card verb, and where. */
export interface Guard {
  audience: Speaker;
  /** Only in the agents' channel (and its threads) and in personal chats: the command shows customers' data. */
  agentsPlaceOnly?: boolean;
  /** The authorization the sender needs; none when anyone of the audience may. */
  requires?: AuthorizationRequest['action'];
  /** What a sender without the authorization is told (default {@link NOT_FOR_YOU}). */
  refusal?: Refusal;
  /** What a sender of the other audience is told (default: {@link Guard.refusal}). */
  outsider?: Refusal;
  /**
   * The action concerns every customer at once (choosing the agents' channel, where every customer's case threads go):
   * only an agent allowed for all customers may, when the authorizer knows customers (GDAP); the others are told this.
   */
  allCustomers?: Refusal;
}

/** The customer a card action concerns (its case's tenant), when there is one: the authorization is then for that customer. */
export type VerbCustomer = (turn: Turn, verb: string, data: Record<string, unknown>) => Promise<CustomerRef | undefined>;

/** The guard of a card verb handler's verbs. */
export interface VerbGuard extends Guard {
  /** The verbs guarded (default: all of the handler's). */
  verbs?: readonly string[];
  /** The customer the action concerns; the agent needs the authorization for that customer. */
  customerOf?: VerbCustomer;
  /** The answer to a refused action (default: the refusal's message). */
  refused?: (turn: Turn, verb: string, data: Record<string, unknown>, refusal: Refusal) => Promise<CardActionResult>;
}
