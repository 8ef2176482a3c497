/**
 * The Bot Framework runtime the composition root wires: the adapter that authenticates and runs turns, the
 * per-conversation state of dialogs, and the HTTP entry point of a turn.
 */
import { CloudAdapter, ConversationState, type ActivityHandler, type Request, type Response } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Storage } from '../storage';
import { ChannelAuthentication } from './channelAuthentication';
import { handleTurnError } from './turnError';

/** botbuilder's outbound credential factory (tests use one that trusts a local token endpoint). */
export type BotCredentialsFactory = ServiceClientCredentialsFactory;

/** The adapter's settings. */
export interface TeamsAdapterOptions {
  /** botbuilder's authentication settings (MicrosoftAppId, MicrosoftAppType, …), as botbuilder documents them. */
  frameworkSettings: Record<string, string>;
  credentialsFactory?: BotCredentialsFactory;
  /** Where failed turns are logged. */
  logger: Logger;
}

/**
 * The Bot Framework adapter: authenticates requests ({@link ChannelAuthentication}), runs the middleware it is given
 * with `use`, and answers a failed turn with {@link handleTurnError}.
 */
export function createTeamsAdapter(options: TeamsAdapterOptions): CloudAdapter {
  const adapter = new CloudAdapter(new ChannelAuthentication(options.frameworkSettings, options.credentialsFactory));
  adapter.onTurnError = (context, error) => handleTurnError(context, error, options.logger);
  return adapter;
}

/** Dialog state per conversation, kept in `storage`. */
export function createConversationState(storage: Storage): ConversationState {
  return new ConversationState(storage);
}

/** Runs one POST /api/messages: authentication, the middleware, the bot, and the HTTP answer. */
export type ActivityProcessor = (req: Request, res: Response) => Promise<void>;

/** The {@link ActivityProcessor} running `bot` on `adapter`. */
export function activityProcessor(adapter: CloudAdapter, bot: ActivityHandler): ActivityProcessor {
  return (req, res) => adapter.process(req, res, (context) => bot.run(context));
}
