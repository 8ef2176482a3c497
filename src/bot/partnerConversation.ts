import type { Logger } from 'pino';
import { healthSummaryCard } from '../health/healthCards';
import { helpCard } from '../cards/helpCard';
import type { CaseDesk } from '../cases/caseDesk';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { ServiceRequestRecord } from '../escalation/serviceRequestStore';
import { readHealth } from '../triage/triageOutcome';
import type { ServiceHealthSource } from '../health/model';
import { translator } from '../i18n';
import { audienceOf } from '../teams/audience';
import type { CommandRouter } from '../teams/commandRouter';
import { AGENT_ACTIONS, type Guard } from '../teams/guard';
import { sendCard } from '../teams/replies';
import { normalizeAgentActivity } from '../teams/teamsText';
import type { MessageHandler } from '../teams/supportBot';
import type { Turn } from '../teams/turn';

export interface PartnerConversationDeps {
  caseDesk: CaseDesk;
  commands: CommandRouter;
  openServiceRequests: () => Promise<ServiceRequestRecord[]>;
  directory: CustomerDirectory;
  health: ServiceHealthSource;
  logger: Logger;
}

/** Agent commands that read across customers: only agents, only where agents work. */
const CROSS_CUSTOMER: Guard = { audience: 'partner', agentsPlaceOnly: true, requires: AGENT_ACTIONS.customers };

/**
 * Messages from the partner's own tenant: the agents' commands registered with the command router (the case desk's
 * `queue`, `case`, `use this channel`, which answer even in a case thread; `health <customer>` and `requests` here;
 * `outage <id>` of the notifications), the relay of anything else typed in a case thread, and the command list for
 * the rest.
 */
export class PartnerConversation implements MessageHandler {
  constructor(private readonly deps: PartnerConversationDeps) {
    deps.commands
      .register({
        command: 'health', ...CROSS_CUSTOMER, accepts: (command) => command.target !== undefined,
        customerOf: async (_turn, command) => {
          const customer = deps.directory.search(command.target ?? '');
          return customer ? { tenantId: customer.tenantId, name: customer.name } : undefined;
        },
        run: (turn, command) => this.customerHealth(turn, command.target ?? ''),
      })
      .register({ command: 'requests', ...CROSS_CUSTOMER, run: (turn) => this.openRequests(turn) });
  }

  async onMessage(context: Turn): Promise<void> {
    normalizeAgentActivity(context.activity);
    const { commands, caseDesk } = this.deps;
    const command = commands.parse(context);
    const inThread = await caseDesk.inCaseThread(context);
    if (command && (await commands.dispatch(context, command, { inThread }))) return;
    if (inThread && (await caseDesk.onPartnerMessage(context))) return;
    await sendCard(context, helpCard(audienceOf(context).locale, 'agent'));
  }

  private async openRequests(context: Turn): Promise<void> {
    const t = translator(audienceOf(context).locale);
    const customers = await this.deps.commands.customersFor(context, AGENT_ACTIONS.customers);
    const open = (await this.deps.openServiceRequests()).filter((r) => customers === 'all' || customers.has(r.tenantId.toLowerCase()));
    const lines = open.map((r) => `${r.caseId} · ${r.customerName} · ${r.serviceRequest?.id ?? '…'} · ${r.serviceRequest?.status ?? r.state}`);
    await context.sendActivity(lines.length > 0 ? `${t('partner.openRequests')}\n\n${lines.join('\n\n')}` : t('partner.noOpenRequests'));
  }

  private async customerHealth(context: Turn, target: string): Promise<void> {
    const { locale } = audienceOf(context);
    const t = translator(locale);
    const customer = this.deps.directory.search(target);
    if (!customer) {
      await context.sendActivity(t('partner.unknownCustomer', { text: target }));
      return;
    }
    const snapshot = await readHealth(this.deps.health, customer.tenantId, context, this.deps.logger);
    if (snapshot) await sendCard(context, healthSummaryCard(snapshot, customer, locale));
    else await context.sendActivity(t('health.unavailableNow'));
  }
}
