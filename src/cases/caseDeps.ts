/** What the case desk needs from the composition root (the proactive side of a case is caseNotifier.ts). */
import type { Logger } from 'pino';
import type { ConversationReferenceStore } from '../teams/conversationReferences';
import type { Messenger } from '../teams/teamsMessenger';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { Locale } from '../i18n';
import type { Authorizer } from '../teams/guard';
import type { AgentRoleChecker } from './agentRoles';
import type { OpenCaseLimits } from './caseModel';
import type { CaseStore } from './caseStore';

export interface CaseDeskDeps {
  store: CaseStore;
  messenger: Messenger;
  references: ConversationReferenceStore;
  roles: AgentRoleChecker;
  /** The router's authorizer: checks an assignee for the case's customer and names the GDAP role that allowed an action. Optional (default: {@link roles}). */
  authorizer?: Authorizer;
  directory: CustomerDirectory;
  partnerTenantId: string;
  logger: Logger;
  /** Language of the cards and messages in the agents' channel (default `en`). */
  agentsLocale?: Locale;
  /** Clock (default `() => new Date()`). */
  now?: () => Date;
  /** Period of the relay retry in ms (default 15 s). */
  relayRetryMs?: number;
  /** Open cases allowed at once (default DEFAULT_OPEN_CASE_LIMITS). */
  openCaseLimits?: OpenCaseLimits;
}
