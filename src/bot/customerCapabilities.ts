import type { CaseDesk } from '../cases/caseDesk';
import type { Messenger } from '../teams/teamsMessenger';
import type { Notifications } from '../notifications';
import type { Turn } from '../teams/turn';
import type { TriageRecord } from '../triage/triageOutcome';
import { translator } from '../i18n';
import { audienceOf } from '../teams/audience';
import type { CustomerCapabilities } from './customerConversation';

/** The customer-facing side of cases (handoff, relay) and notifications, as the customer chat uses them. */
export function customerCapabilities(caseDesk: CaseDesk, notifications: Notifications, messenger: Messenger, agentsLocale: 'en' | 'fr'): CustomerCapabilities {
  return {
    relay: (context) => caseDesk.onCustomerMessage(context),
    openCase: async (context: Turn, record: TriageRecord, kind) => {
      const opened = await caseDesk.openCase(context, record.triage, record.matchedIssues);
      const thread = opened?.created ? opened.case.thread : undefined;
      if (kind === 'microsoft' && opened && thread) {
        await messenger.send(thread.reference, { type: 'message', text: translator(agentsLocale)('health.customerAsksMicrosoft', { id: opened.case.id }) });
      }
    },
    confirmIncident: async (context, issueId) => {
      const audience = audienceOf(context);
      if (audience.kind !== 'customer') return;
      await notifications.subscriptions.subscribeIncident(audience.tenantId, context.activity.conversation.id, issueId);
    },
    submit: async () => false,
  };
}
