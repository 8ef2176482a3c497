/**
 * One command router: features register each typed command once (which command, who may type it, where, with what
 * authorization); the router parses a message, runs the guard (audience, place, authorization), logs a refusal as a
 * `security.*` event and dispatches. Card verbs that need an agent declare the same guard on their
 * {@link VerbHandler}, and {@link CommandRouter.guardVerbs} enforces it, so every typed command and card action is
 * authorized here.
 */
import type { Logger } from 'pino';
import { translator } from '../i18n';
import { audienceOf } from './audience';
import type { VerbHandler } from './cardActions';
import { parseCommand, type Command, type CommandName, type CommandNamed } from './commands';
import {
  AGENT_ACTIONS, noCustomerRole, NOT_FOR_YOU, WRONG_PLACE, type AgentPlaces, type Authorizer, type CustomerRef, type CustomerScope, type Guard,
  type Refusal, type Speaker,
} from './guard';
import type { CardActionResult } from './cardActions';
import type { Turn } from './turn';
import { turnLog } from './turnLog';

/** One typed command of one audience. */
export interface CommandRegistration<N extends CommandName = CommandName> extends Guard {
  command: N;
  /** A further condition on the arguments (an agent's `health` needs a customer named); others are not this registration's. */
  accepts?: (command: CommandNamed<N>) => boolean;
  /** The customer the command concerns (the case's tenant, the customer named): the agent needs the authorization for it. */
  customerOf?: (turn: Turn, command: CommandNamed<N>) => Promise<CustomerRef | undefined>;
  /** A command even in a conversation that otherwise takes text as content (a case thread, relayed to the customer). */
  inThreads?: boolean;
  /** Runs the command; resolves to `false` (nothing else) when it does not apply after all (the next registration, then the caller's fallback, answers). */
  run: (turn: Turn, command: CommandNamed<N>) => Promise<unknown>;
}

export interface CommandRouterDeps {
  authorizer: Authorizer;
  places: AgentPlaces;
  logger: Logger;
}

/** Where the message arrived, as far as dispatch cares. */
export interface DispatchOptions {
  /** In a conversation that takes other text as content: only registrations that answer {@link CommandRegistration.inThreads}. */
  inThread?: boolean;
}

export class CommandRouter {
  private readonly registrations: CommandRegistration[] = [];

  constructor(private readonly deps: CommandRouterDeps) {}

  /** Registers a command; registrations of the same command and audience are tried in the order registered. */
  register<N extends CommandName>(registration: CommandRegistration<N>): this {
    this.registrations.push(registration as unknown as CommandRegistration);
    return this;
  }

  /** The command a message carries (in any locale, for any audience), or undefined when it is free text. */
  parse(turn: Turn): Command | undefined {
    return parseCommand(turn.activity.text);
  }

  /** The registrations that may answer this command from this audience, in order. */
  registrationsFor(command: Command, speaker: Speaker, options: DispatchOptions = {}): CommandRegistration[] {
    return this.registrations.filter((r) => r.command === command.name && r.audience === speaker
      && (!options.inThread || r.inThreads === true) && (r.accepts?.(command) ?? true));
  }

  /**
   * Runs the command for the turn's speaker, after the guard. Resolves to true when answered (refusals included),
   * false when no registration handles it: the caller answers (free text, help).
   */
  async dispatch(turn: Turn, command: Command, options: DispatchOptions = {}): Promise<boolean> {
    const speaker = speakerOf(turn);
    if (!speaker) return false;
    for (const registration of this.registrationsFor(command, speaker, options)) {
      const customer = registration.customerOf ? (): Promise<CustomerRef | undefined> => registration.customerOf?.(turn, command) ?? Promise.resolve(undefined) : undefined;
      if (!(await this.admits(turn, registration, { command: command.name }, customer))) return true;
      if ((await registration.run(turn, command)) !== false) return true;
    }
    return false;
  }

  /**
   * Runs the guard: the audience, the place, then the authorization. A refused sender is told why and the refusal is
   * logged with the turn's tenant and conversation; resolves to false. With a customer, the authorization must hold
   * for that customer too.
   */
  async admits(turn: Turn, guard: Guard, fields: Record<string, unknown>, customer?: () => Promise<CustomerRef | undefined>): Promise<boolean> {
    const refusal = await this.refusalOf(turn, guard, fields, customer);
    if (!refusal) return true;
    await turn.sendActivity(refusalText(turn, refusal));
    return false;
  }

  /** The customers for whom the turn's sender may do the action: lists show an agent only those. */
  customersFor(turn: Turn, action: string): Promise<CustomerScope> {
    return this.deps.authorizer.customersFor?.(turn.activity.from?.aadObjectId, action) ?? Promise.resolve('all');
  }

  /** Wraps a card verb handler so that its declared guard runs before it handles or replays an action. */
  guardVerbs(handler: VerbHandler): VerbHandler {
    const { guard } = handler;
    if (!guard) return handler;
    const guarded = (verb: string): boolean => guard.verbs?.includes(verb) ?? true;
    const refused = async (turn: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult | undefined> => {
      if (!guarded(verb)) return undefined;
      const customer = guard.customerOf ? (): Promise<CustomerRef | undefined> => guard.customerOf?.(turn, verb, data) ?? Promise.resolve(undefined) : undefined;
      const refusal = await this.refusalOf(turn, guard, { verb, caseId: data.caseId }, customer);
      if (!refusal) return undefined;
      return guard.refused ? guard.refused(turn, verb, data, refusal) : { kind: 'message', text: refusalText(turn, refusal) };
    };
    return {
      verbs: handler.verbs,
      guard,
      handle: async (turn, verb, data) => (await refused(turn, verb, data)) ?? handler.handle(turn, verb, data),
      replay: async (turn, verb, data) => (await refused(turn, verb, data)) ?? handler.replay?.(turn, verb, data),
    };
  }

  /**
   * Why the guard refuses this turn (logged here), or undefined when it admits it. The authorization is asked first
   * for the action alone (an agent at all; with a customer named, an agent who may work cases somewhere will do, so
   * they are told which customer they lack a role for), then for the customer named (an agent of that customer).
   */
  private async refusalOf(turn: Turn, guard: Guard, what: Record<string, unknown>, customerOf?: () => Promise<CustomerRef | undefined>): Promise<Refusal | undefined> {
    const { activity } = turn;
    const fields = { ...what, aadObjectId: activity.from?.aadObjectId };
    const refusal = guard.refusal ?? NOT_FOR_YOU;
    if (speakerOf(turn) !== guard.audience) {
      const outsider = guard.outsider ?? refusal;
      turnLog(this.deps.logger, turn).warn({ ...fields, event: outsider.event, audience: audienceOf(turn).kind }, 'command or action from the wrong audience refused');
      return outsider;
    }
    if (guard.agentsPlaceOnly && !(await this.deps.places.isAgentsPlace(turn))) {
      turnLog(this.deps.logger, turn).warn({ ...fields, event: WRONG_PLACE.event, conversationType: activity.conversation?.conversationType },
        'agent command outside the agents\' channel and personal chats refused');
      return WRONG_PLACE;
    }
    if (guard.requires === undefined) return undefined;
    const decision = await this.deps.authorizer.authorize(activity.from?.aadObjectId, { action: guard.requires });
    const isAgent = decision === 'allowed' || (customerOf !== undefined && (await this.deps.authorizer.authorize(activity.from?.aadObjectId, { action: AGENT_ACTIONS.cases })) === 'allowed');
    if (!isAgent) {
      turnLog(this.deps.logger, turn).warn({ ...fields, event: refusal.event, action: guard.requires }, 'command or action from a user without the authorization refused');
      return refusal;
    }
    if (guard.allCustomers && this.deps.authorizer.customersFor && (await this.deps.authorizer.customersFor(activity.from?.aadObjectId, guard.requires)) !== 'all') {
      turnLog(this.deps.logger, turn).warn({ ...fields, event: guard.allCustomers.event, action: guard.requires }, 'action for every customer from an agent allowed for some only refused');
      return guard.allCustomers;
    }
    if (!customerOf) return undefined;
    const customer = await customerOf();
    // A guard that names its customer but cannot find it admits only what the action alone allows (never on the
    // strength of `cases.act` somewhere, which let an agent past a stronger requirement).
    if (!customer) return decision === 'allowed' ? undefined : refusal;
    const forCustomer = await this.deps.authorizer.authorize(activity.from?.aadObjectId, { action: guard.requires, customerTenantId: customer.tenantId });
    if (forCustomer === 'allowed') return undefined;
    const denied = noCustomerRole(customer);
    turnLog(this.deps.logger, turn).warn({ ...fields, event: denied.event, action: guard.requires, customerTenantId: customer.tenantId },
      'agent without an allowed role for this customer refused');
    return denied;
  }
}

/** What a refused sender reads, in their language. */
export function refusalText(turn: Turn, refusal: Refusal): string {
  return translator(audienceOf(turn).locale)(refusal.message, refusal.params);
}

function speakerOf(turn: Turn): Speaker | undefined {
  const { kind } = audienceOf(turn);
  return kind === 'stranger' ? undefined : kind;
}
