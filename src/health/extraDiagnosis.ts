/**
 * The diagnosis beyond Microsoft 365 incidents, run at the end of triage: the user's own account, and for an Azure
 * problem the Azure Service Health events of the customer's subscriptions that match it. Each part is optional
 * (not wired, not consented, nothing to read) and never fails the triage.
 */
import type { Logger } from 'pino';
import type { AccountCheck, DiagnosisNotes } from '../problem/diagnosisNotes';
import type { Triage } from '../problem/triageModel';
import { azureEventRef, matchAzureEvents, type RankedAzureEvent } from './azureServiceHealth';
import type { AzureServiceHealthSource } from './azureServiceHealthClient';
import type { UserAccountSource } from './userAccountClient';

export interface ExtraDiagnosisDeps {
  userAccount?: UserAccountSource;
  azureHealth?: AzureServiceHealthSource;
}

export interface ExtraDiagnosis {
  account?: AccountCheck;
  azureEvents: RankedAzureEvent[];
}

/** Both checks in parallel; `azureSubscriptions` is empty unless the problem is in Azure. */
export async function diagnoseAccountAndAzure(deps: ExtraDiagnosisDeps, triage: Triage, azureSubscriptions: readonly string[], logger: Logger): Promise<ExtraDiagnosis> {
  const failed = (part: string) => (err: unknown): undefined => {
    logger.warn({ tenantId: triage.tenantId, event: 'diagnosis.failed', part, err }, 'diagnosis part failed');
    return undefined;
  };
  const [account, events] = await Promise.all([
    deps.userAccount?.check(triage.tenantId, triage.user.aadObjectId, triage.service).catch(failed('account')),
    deps.azureHealth && azureSubscriptions.length > 0 ? deps.azureHealth.events(triage.tenantId, azureSubscriptions).catch(failed('azureHealth')) : [],
  ]);
  const azureEvents = matchAzureEvents(events ?? [], { text: `${triage.service} ${triage.description}`, since: triage.since, now: new Date() });
  if (account?.checked === false) logger.info({ tenantId: triage.tenantId, event: 'account.notChecked', reason: account.reason }, 'account check skipped');
  return { ...(account ? { account } : {}), azureEvents };
}

/** What the case keeps of it. */
export function diagnosisNotes(found: ExtraDiagnosis): DiagnosisNotes {
  return {
    ...(found.account ? { account: found.account } : {}),
    ...(found.azureEvents.length > 0 ? { azureEvents: found.azureEvents.map((ranked) => azureEventRef(ranked.event)) } : {}),
  };
}
