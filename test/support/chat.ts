import type { RunningApp } from '../../src/app';
import type { FakeConnector, ReceivedActivity } from './fakeConnector';
import { personalConversationId, personalMessage, personalSubmit, type TeamsUser } from './activities';
import { post } from './testBot';

/** What a reply shows a person: its text, or the text of its card (adaptive or hero) and its buttons. */
export function visibleText(activity: ReceivedActivity): string {
  const body = activity.body;
  const parts: string[] = [];
  if (typeof body.text === 'string') parts.push(body.text);
  for (const attachment of (body.attachments as Array<{ content: unknown }> | undefined) ?? []) parts.push(JSON.stringify(attachment.content));
  return parts.join('\n');
}

/**
 * A customer's 1:1 chat with the bot over HTTP: each call returns what the bot answered to that turn. `app` is
 * anything with the bot's URL: an in-process {@link RunningApp}, or a bot process (test/support/botProcess.ts).
 */
export class Chat {
  constructor(public app: Pick<RunningApp, 'url'>, private readonly connector: FakeConnector, readonly user: TeamsUser) {}

  get conversationId(): string {
    return personalConversationId(this.user);
  }

  private async turn(activity: Record<string, unknown>): Promise<ReceivedActivity[]> {
    const before = this.connector.sentTo(this.conversationId).length;
    const res = await post(this.app, activity);
    if (res.status !== 200) throw new Error(`bot answered ${res.status}: ${JSON.stringify(res.body)}`);
    return this.connector.sentTo(this.conversationId).slice(before);
  }

  /** Sends text; resolves with the bot's replies, joined as visible text. */
  async say(text: string): Promise<string> {
    return (await this.turn(personalMessage(this.user, this.connector.url, text))).map(visibleText).join('\n---\n');
  }

  /** Presses an Action.Submit button of a card. */
  async submit(value: Record<string, unknown>): Promise<string> {
    return (await this.turn(personalSubmit(this.user, this.connector.url, value))).map(visibleText).join('\n---\n');
  }
}
