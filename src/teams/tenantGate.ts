import type { Middleware, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from 'pino';
import type { CustomerDirectory } from '../directory/customerDirectory';
import { translator } from '../i18n';
import { classifyAudience, distrustOf, setAudience, type Distrust } from './audience';
import { adaptiveCardReply } from './cardActions';
import { turnLog } from './turnLog';

/**
 * Lets in only Teams activities whose tenant fields agree, from the partner's own tenant or a tenant of its
 * customer directory. Anything else (another channel, two different tenants, a stranger's tenant) gets one
 * polite, localized refusal to a message or an install, an error to a card action, a `security.*` log line, and
 * nothing else runs.
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
    const distrust = distrustOf(context.activity);
    if (distrust) {
      const { from } = context.activity;
      turnLog(this.logger, context).warn({ ...distrust, fromId: from?.id, aadObjectId: from?.aadObjectId }, DISTRUST_LOG[distrust.event]);
      await refuse(context, translator(audience.locale)(distrust.event === 'security.channelRefused' ? 'refusal.channel' : 'refusal.tenantMismatch'));
      return;
    }
    if (audience.kind !== 'stranger') return next();
    turnLog(this.logger, context).warn({ event: 'security.unknownTenant' }, 'activity from a tenant outside the customer directory refused');
    await refuse(context, translator(audience.locale)('refusal.unknownTenant'));
  }
}

const DISTRUST_LOG: Record<Distrust['event'], string> = {
  'security.channelRefused': 'activity from a channel other than Teams refused',
  'security.tenantMismatch': 'activity whose channelData and conversation name different tenants refused',
};

/** The refusal a person sees: `text` for a message or an install, an error for a card action, nothing otherwise. */
async function refuse(context: TurnContext, text: string): Promise<void> {
  const { type } = context.activity;
  if (type === ActivityTypes.Invoke) {
    await context.sendActivity(adaptiveCardReply({ kind: 'error', statusCode: 400, code: 'Forbidden', message: text }));
    return;
  }
  if (type === ActivityTypes.Message || isInstall(context)) await context.sendActivity(text);
}

function isInstall(context: TurnContext): boolean {
  const a = context.activity;
  if (a.type === ActivityTypes.InstallationUpdate) return a.action === 'add' || a.action === 'add-upgrade';
  return a.type === ActivityTypes.ConversationUpdate && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
}
