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

/** Decides whether a user (by Entra object id) may do an action. Fails closed: an unknown user is refused. */
export interface Authorizer {
  authorize(aadObjectId: string | undefined, request: AuthorizationRequest): Promise<AuthorizationDecision>;
}

/** Whether the turn comes from a place where agents work (the agents' channel and its threads, a personal chat). */
export interface AgentPlaces {
  isAgentsPlace(turn: Turn): Promise<boolean>;
}

/** What a refused sender is told (an i18n key) and the `security.*` event logged. */
export interface Refusal {
  event: string;
  message: string;
}

/** Agent commands refused by default: the sender is told the command is not for them. */
export const NOT_FOR_YOU: Refusal = { event: 'security.agentCommandRefused', message: 'errors.notForYou' };

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
}

/** The guard of a card verb handler's verbs. */
export interface VerbGuard extends Guard {
  /** The verbs guarded (default: all of the handler's). */
  verbs?: readonly string[];
  /** The answer to a refused action (default: the refusal's message). */
  refused?: (turn: Turn, verb: string, data: Record<string, unknown>, refusal: Refusal) => Promise<CardActionResult>;
}
