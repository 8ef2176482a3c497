/** MessageCenterSource reading a tenant's Message center posts from Graph (`ServiceMessage.Read.All`). */
import type { Logger } from 'pino';
import { GraphRequester, GraphRequestError, type GraphRequesterOptions } from '../cloud/graphRequester';
import type { MessageCenterSnapshot, MessageCenterSource } from './messageCenterModel';
import { parseMessage } from './messageCenterParse';

export const MESSAGES_PATH = 'admin/serviceAnnouncement/messages';

export class GraphMessageCenterClient implements MessageCenterSource {
  private readonly requester: GraphRequester;
  private readonly logger: Logger;
  private readonly now: () => number;

  /** Same options (clients, timeout, bounded retry) as the service health client. */
  constructor(options: GraphRequesterOptions) {
    this.requester = new GraphRequester(options);
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  /**
   * Every post, all pages. A tenant that has not granted ServiceMessage.Read.All (403) resolves to an unavailable,
   * empty snapshot (logged at info with the tenant id); other failures reject with the GraphRequestError.
   */
  async getMessages(tenantId: string): Promise<MessageCenterSnapshot> {
    const started = this.now();
    const fetchedAt = (): string => new Date(this.now()).toISOString();
    try {
      const posts = (await this.requester.getCollection(tenantId, MESSAGES_PATH)).map(parseMessage);
      this.logger.debug({ tenantId, posts: posts.length, ms: this.now() - started }, 'message center fetched');
      return { tenantId, fetchedAt: fetchedAt(), available: true, posts };
    } catch (error) {
      if (error instanceof GraphRequestError && error.reason === 'forbidden') {
        this.logger.info({ tenantId, event: 'messageCenter.notGranted' }, 'message center not readable for this tenant (ServiceMessage.Read.All not granted): skipped');
        return { tenantId, fetchedAt: fetchedAt(), available: false, posts: [] };
      }
      this.logger.info({ tenantId, event: 'messageCenter.unavailable', err: error }, 'message center unavailable');
      throw error;
    }
  }
}
