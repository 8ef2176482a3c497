/** The Message center side of a triage outcome: the posts that explain the problem, never a failure. */
import type { Logger } from 'pino';
import type { Triage } from '../problem/triageModel';
import type { MessageCenterSource } from './messageCenterModel';
import { matchPosts, type RankedPost } from './messageCenterMatching';

/**
 * The posts of the tenant's Message center that explain `triage` (best first, at most 2). Resolves to none when
 * there is no source, the tenant has not granted ServiceMessage.Read.All, or Graph fails (logged with the tenant id).
 */
export async function findExplainingPosts(source: MessageCenterSource | undefined, triage: Triage, now: Date, logger: Logger): Promise<RankedPost[]> {
  if (!source) return [];
  try {
    const snapshot = await source.getMessages(triage.tenantId);
    const matches = matchPosts(snapshot.posts, { service: triage.service, description: triage.description, since: triage.since, now });
    if (matches.length > 0) {
      logger.info({ tenantId: triage.tenantId, event: 'messageCenter.matched', posts: matches.map((m) => ({ id: m.post.id, reasons: m.reasons })) }, 'message center posts match the problem');
    }
    return matches;
  } catch (err) {
    logger.info({ tenantId: triage.tenantId, err, event: 'messageCenter.skipped' }, 'message center not checked for this triage');
    return [];
  }
}
