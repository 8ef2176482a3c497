import type { Middleware, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from 'pino';
import type { CustomerDirectory } from '../directory/customerDirectory';
import { translator } from '../i18n';
import { classifyAudience, setAudience } from './audience';
import { adaptiveCardReply } from './cardActions';
import { turnLog } from './turnLog';

/**
 * Lets in only the partner's own tenant and the tenants of its customer directory. A stranger's
 * message or install gets one polite, localized refusal; its card actions get an error; nothing else runs.
 */
export class TenantGate implements Middleware {
  constructor(
    private readonly directory: CustomerDirectory,
    private readonly partnerTenantId: string,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const audience = classifyAudience(context.activity, this.directory, this.partnerTenantId);
    setAudience(context, audience);
    if (audience.kind !== 'stranger') return next();
    turnLog(this.logger, context).warn({ event: 'security.unknownTenant' }, 'activity from a tenant outside the customer directory refused');
    const text = translator(audience.locale)('refusal.unknownTenant');
    const { type } = context.activity;
    if (type === ActivityTypes.Invoke) {
      await context.sendActivity(adaptiveCardReply({ kind: 'error', statusCode: 400, code: 'Forbidden', message: text }));
      return;
    }
    if (type === ActivityTypes.Message || isInstall(context)) await context.sendActivity(text);
  }
}

function isInstall(context: TurnContext): boolean {
  const a = context.activity;
  if (a.type === ActivityTypes.InstallationUpdate) return a.action === 'add' || a.action === 'add-upgrade';
  return a.type === ActivityTypes.ConversationUpdate && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
}
