import type { Turn } from '../teams/turn';
import type { Logger } from 'pino';
import { healthSummaryCard } from '../health/healthCards';
import { helpCard } from '../cards/helpCard';
import type { AgentRoleChecker } from '../cases/agentRoles';
import type { CaseDesk } from '../cases/caseDesk';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { ServiceRequestRecord } from '../escalation/serviceRequestStore';
import { readHealth } from '../triage/triageOutcome';
import type { ServiceHealthSource } from '../health/model';
import { translator } from '../i18n';
import type { Notifications } from '../notifications';
import { audienceOf } from '../teams/audience';
import { parseCommand } from '../teams/commands';
import { sendCard } from '../teams/replies';
import { normalizeAgentActivity } from '../teams/teamsText';
import type { MessageHandler } from '../teams/supportBot';
import { turnLog } from '../teams/turnLog';

export interface PartnerConversationDeps {
  caseDesk: CaseDesk;
  roles: AgentRoleChecker;
  notifications: Notifications;
  openServiceRequests: () => Promise<ServiceRequestRecord[]>;
  directory: CustomerDirectory;
  health: ServiceHealthSource;
  logger: Logger;
}

/**
 * Messages from the partner's own tenant: the case desk first (queue, case, use this channel, relay in case
 * threads), then the agent commands that read across customers (`health <customer>`, `requests`, `outage <id>`),
 * each only in the agents' channel or a personal chat and only for users holding an agent role; anything else gets
 * the command list.
 */
export class PartnerConversation implements MessageHandler {
  constructor(private readonly deps: PartnerConversationDeps) {}

  async onMessage(context: Turn): Promise<void> {
    if (await this.deps.caseDesk.onPartnerMessage(context)) return;
    normalizeAgentActivity(context.activity);
    const audience = audienceOf(context);
    const t = translator(audience.locale);
    const command = parseCommand(context.activity.text);
    const crossCustomer = command?.name === 'requests' || command?.name === 'outage' || (command?.name === 'health' && command.target);
    if (!command || !crossCustomer) {
      await sendCard(context, helpCard(audience.locale, 'agent'));
      return;
    }
    if (!(await this.deps.caseDesk.agentCommandAllowedHere(context, command.name))) return;
    const aadObjectId = context.activity.from.aadObjectId;
    if (!aadObjectId || !(await this.deps.roles.isAllowedAgent(aadObjectId))) {
      turnLog(this.deps.logger, context).warn({ event: 'security.agentCommandRefused', command: command.name }, 'agent command from a user without an agent role');
      await context.sendActivity(t('errors.notForYou'));
      return;
    }
    if (command.name === 'outage') {
      await this.deps.notifications.commands.outage(context, command.incidentId);
    } else if (command.name === 'requests') {
      const open = await this.deps.openServiceRequests();
      const lines = open.map((r) => `${r.caseId} · ${r.customerName} · ${r.serviceRequest?.id ?? '…'} · ${r.serviceRequest?.status ?? r.state}`);
      await context.sendActivity(lines.length > 0 ? `${t('partner.openRequests')}\n\n${lines.join('\n\n')}` : t('partner.noOpenRequests'));
    } else if (command.name === 'health' && command.target) {
      const customer = this.deps.directory.search(command.target);
      if (!customer) {
        await context.sendActivity(t('partner.unknownCustomer', { text: command.target }));
        return;
      }
      const snapshot = await readHealth(this.deps.health, customer.tenantId, context, this.deps.logger);
      if (snapshot) await sendCard(context, healthSummaryCard(snapshot, customer, audience.locale));
      else await context.sendActivity(t('health.unavailableNow'));
    }
  }
}
