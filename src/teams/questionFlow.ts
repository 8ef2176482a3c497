/**
 * A conversation that asks questions one after the other (triage, for example), described by the feature as data
 * and pure functions, run here on botbuilder-dialogs: a waterfall of text prompts whose state lives in conversation
 * state, so a restart mid-flow loses nothing. The stored shape is the one of the waterfall the flow's ids name (a
 * component dialog `id`, its waterfall `stepsId`, its prompt `promptId`; each pending prompt keeps
 * `{ question, ...answerContext }`), so a flow in progress survives a deploy that keeps its ids and questions.
 */
import type { Activity, StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogContext, DialogState, DialogTurnResult, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { botTurn } from './botTurn';
import type { Turn } from './turn';

/** One question. `O`: what the flow starts from; `C`: the part of it that reading an answer needs. */
export interface Question<O, C> {
  /** The answer's name in the flow's answers (stored: keep it stable). */
  key: string;
  /** The answer the start already gives, when it does (the question is then not asked). */
  known?: (options: O) => unknown;
  /** The question, first asked (`retry` false) or asked again after an answer that did not fit. */
  prompt: (options: O, retry: boolean) => Partial<Activity>;
  /** The answer the text gives, or undefined when it does not answer the question. Pure. */
  recognize: (text: string, context: C) => unknown;
  /** The answer used once the flow gives up asking. */
  fallback: (options: O) => unknown;
}

/** A sequence of questions and what the answers make. */
export interface QuestionFlow<O, C extends object, R> {
  id: string;
  stepsId: string;
  promptId: string;
  questions: ReadonlyArray<Question<O, C>>;
  /** What reading an answer needs from the options; kept with the pending question. */
  answerContext: (options: O) => C;
  /** Answers that did not fit asked again before the question's fallback is used. */
  maxReasks: number;
  /** Said when the flow gives up on a question. */
  gaveUp: (options: O) => string | Partial<Activity>;
  /** What the answers make, once all are in. */
  finish: (answers: Readonly<Record<string, unknown>>, options: O) => R;
}

/** What a step receives: an answer known from the start, or the text of a recognized answer. */
type StepResult = { known: unknown } | string | undefined;

/** The flow as a botbuilder component dialog: one waterfall step per question, plus the last one that finishes. */
class FlowDialog<O, C extends object, R> extends ComponentDialog {
  constructor(private readonly flow: QuestionFlow<O, C, R>) {
    super(flow.id);
    this.addDialog(new TextPrompt(flow.promptId, (prompt) => this.validate(prompt)));
    const { questions } = flow;
    const steps = [...questions, undefined].map((next, index) => async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      const previous = questions[index - 1];
      if (previous) await this.record(step, previous);
      return next ? this.ask(step, next) : step.endDialog(flow.finish(step.values as Record<string, unknown>, step.options as O));
    });
    this.addDialog(new WaterfallDialog(flow.stepsId, steps));
    this.initialDialogId = flow.stepsId;
  }

  private async ask(step: WaterfallStepContext, question: Question<O, C>): Promise<DialogTurnResult> {
    const options = step.options as O;
    const known = question.known?.(options);
    if (known !== undefined) return step.next({ known });
    return step.prompt(this.flow.promptId, {
      prompt: question.prompt(options, false),
      retryPrompt: question.prompt(options, true),
      validations: { question: question.key, ...this.flow.answerContext(options) },
    });
  }

  private async validate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { question: key, ...context } = prompt.options.validations as { question: string } & C;
    const question = this.flow.questions.find((q) => q.key === key);
    if (question && prompt.recognized.succeeded && question.recognize(prompt.recognized.value ?? '', context as unknown as C) !== undefined) return true;
    return prompt.attemptCount > this.flow.maxReasks;
  }

  private async record(step: WaterfallStepContext, question: Question<O, C>): Promise<void> {
    const options = step.options as O;
    const result = step.result as StepResult;
    let value = typeof result === 'object' && result !== null ? result.known : question.recognize(result ?? '', this.flow.answerContext(options));
    if (value === undefined) {
      value = question.fallback(options);
      await step.context.sendActivity(this.flow.gaveUp(options));
    }
    (step.values as Record<string, unknown>)[question.key] = value;
  }
}

/** Runs one flow in a conversation: start it, pass it the next message, cancel it. */
export class QuestionFlowRunner<O, R> {
  private readonly dialogs: DialogSet;

  constructor(dialogState: StatePropertyAccessor<DialogState>, private readonly flow: QuestionFlow<O, object, R>) {
    this.dialogs = new DialogSet(dialogState).add(new FlowDialog(flow));
  }

  /** Whether the conversation is in the middle of the flow. */
  async isActive(turn: Turn): Promise<boolean> {
    return (await this.contextOf(turn)).activeDialog !== undefined;
  }

  /** Starts the flow; resolves to its result when the start already answered every question. */
  async start(turn: Turn, options: O): Promise<R | undefined> {
    return resultOf(await (await this.contextOf(turn)).beginDialog(this.flow.id, options as unknown as object)) as R | undefined;
  }

  /** Passes the message to the flow in progress; resolves to its result once the last answer is in. */
  async continue(turn: Turn): Promise<R | undefined> {
    return resultOf(await (await this.contextOf(turn)).continueDialog()) as R | undefined;
  }

  async cancel(turn: Turn): Promise<void> {
    await (await this.contextOf(turn)).cancelAllDialogs();
  }

  private contextOf(turn: Turn): Promise<DialogContext> {
    return this.dialogs.createContext(botTurn(turn));
  }
}

/** What a finished flow made, or undefined while it goes on. */
function resultOf(result: DialogTurnResult): unknown {
  return result.status === DialogTurnStatus.complete ? result.result : undefined;
}
