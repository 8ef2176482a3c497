/**
 * Attacker's review (wt/attack): the command router's guard admits an action whose customer it cannot resolve on
 * `cases.act` in ANY customer, whatever the guard `requires`. An agent allowed to work Fabrikam's cases but allowed
 * `escalation.file` nowhere passes an `escalation.*` guard whenever `customerOf` answers undefined (unknown case id, a
 * customer name the directory does not match, a record whose case is gone). Fails on the code as merged.
 */
import pino from 'pino';
import { setAudience, type Audience } from '../../src/teams/audience';
import type { VerbHandler } from '../../src/teams/cardActions';
import { CommandRouter } from '../../src/teams/commandRouter';
import { AGENT_ACTIONS, type AuthorizationRequest } from '../../src/teams/guard';
import type { Activity, Turn } from '../../src/teams/turn';

const PARTNER: Audience = { kind: 'partner', tenantId: 'partner-tenant', locale: 'en' };
const FABRIKAM = 'fabrikam-tenant';

function partnerTurn(): Turn {
  const turn = {
    activity: {
      type: 'invoke', channelId: 'msteams', id: 'a1', from: { id: '29:ana', name: 'Ana', aadObjectId: 'ana' },
      conversation: { id: 'personal-ana', conversationType: 'personal', isGroup: false, name: '', tenantId: 'partner-tenant' },
      recipient: { id: 'bot', name: 'bot' },
    } as Activity,
    turnState: new Map<symbol, unknown>(),
    sendActivity: () => Promise.resolve({ id: 'sent' }),
  };
  setAudience(turn, PARTNER);
  return turn;
}

/** Ana: `cases.act` for Fabrikam only (so "somewhere"), no `escalation.file` anywhere. As GdapAuthorizer decides. */
function anaAuthorizer(request: AuthorizationRequest): 'allowed' | 'refused' {
  if (request.action !== AGENT_ACTIONS.cases) return 'refused';
  return request.customerTenantId === undefined || request.customerTenantId === FABRIKAM ? 'allowed' : 'refused';
}

describe('attack review: guard with an unresolved customer', () => {
  it('an escalation verb whose customer is unresolved is refused to an agent with no escalation role anywhere', async () => {
    const router = new CommandRouter({
      logger: pino({ level: 'silent' }),
      authorizer: { authorize: (_id, request) => Promise.resolve(anaAuthorizer(request)) },
      places: { isAgentsPlace: () => Promise.resolve(true) },
    });
    const handled: string[] = [];
    const handler: VerbHandler = {
      verbs: ['escalation.close'],
      guard: { audience: 'partner', requires: AGENT_ACTIONS.escalation, customerOf: () => Promise.resolve(undefined) },
      handle: (_turn, verb) => { handled.push(verb); return Promise.resolve({ kind: 'message', text: 'closed' }); },
    };
    await router.guardVerbs(handler).handle(partnerTurn(), 'escalation.close', { caseId: 'C-9999' });
    expect(handled).toEqual([]);
  });
});
