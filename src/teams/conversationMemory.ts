/**
 * What the bot remembers of a conversation between turns, kept in conversation state (our Storage) and saved after
 * every turn. Features name these interfaces; botbuilder's ConversationState stays in the kernel.
 */
import type { ConversationState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { botTurn } from './botTurn';
import { QuestionFlowRunner, type QuestionFlow } from './questionFlow';
import type { Turn } from './turn';

/** One named value of the conversation's state. */
export interface ConversationProperty<T> {
  get(turn: Turn): Promise<T | undefined>;
  set(turn: Turn, value: T): Promise<void>;
  delete(turn: Turn): Promise<void>;
}

export interface ConversationMemory {
  /** The value stored under `name` (stored: keep the name stable). */
  property<T>(name: string): ConversationProperty<T>;
  /** Runs a question flow whose state is stored under `stateName`. */
  questionFlow<O, C extends object, R>(flow: QuestionFlow<O, C, R>, stateName: string): QuestionFlowRunner<O, R>;
}

/** {@link ConversationMemory} over botbuilder's ConversationState. */
export class BotConversationMemory implements ConversationMemory {
  constructor(private readonly state: ConversationState) {}

  property<T>(name: string): ConversationProperty<T> {
    const accessor = this.state.createProperty<T>(name);
    return {
      get: (turn) => accessor.get(botTurn(turn)),
      set: (turn, value) => accessor.set(botTurn(turn), value),
      delete: (turn) => accessor.delete(botTurn(turn)),
    };
  }

  questionFlow<O, C extends object, R>(flow: QuestionFlow<O, C, R>, stateName: string): QuestionFlowRunner<O, R> {
    return new QuestionFlowRunner(this.state.createProperty<DialogState>(stateName), flow as unknown as QuestionFlow<O, object, R>);
  }
}
