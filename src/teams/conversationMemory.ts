/**
 * What the bot remembers of a conversation between turns, kept in conversation state (our Storage) and saved after
 * every turn. Features name these interfaces; botbuilder's ConversationState stays in the kernel.
 */
import type { ConversationState, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
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
    // Every turn the kernel hands out is the TurnContext botbuilder made; Turn is the features' view of it.
    return {
      get: (turn) => accessor.get(turn as TurnContext),
      set: (turn, value) => accessor.set(turn as TurnContext, value),
      delete: (turn) => accessor.delete(turn as TurnContext),
    };
  }

  questionFlow<O, C extends object, R>(flow: QuestionFlow<O, C, R>, stateName: string): QuestionFlowRunner<O, R> {
    return new QuestionFlowRunner(this.state.createProperty<DialogState>(stateName), flow as unknown as QuestionFlow<O, object, R>);
  }
}
