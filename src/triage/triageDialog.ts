import type { Activity } from '../teams/turn';
import { MessageFactory } from 'botbuilder';
import type { PromptValidatorContext, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { ComponentDialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { cardActivity } from '../teams/cardMessages';
import { triageQuestionCard } from './triageCards';
import { resolveService } from '../health/serviceAliases';
import { foldText } from '../health/textFold';
import { translator, type Locale } from '../i18n';
import { recognizeSeverity, recognizeSince, recognizeUsers } from './triageAnswers';
import { OTHER_SERVICE, type Severity, type SinceWhen, type Triage, type UsersAffected } from '../problem/triageModel';

export const TRIAGE_DIALOG = 'triage';
const ANSWER_PROMPT = 'triageAnswer';
const STEPS = 'triageSteps';
/** Invalid answers re-asked before the dialog carries on with a default. */
const MAX_REASKS = 3;

/** What the bot knows when triage starts: the first message and the tenant's services. */
export interface TriageOptions {
  locale: Locale;
  firstMessage: string;
  services: string[];
  tenantId: string;
  conversationId: string;
  user: Triage['user'];
  startedAt: string;
}

type Question = 'service' | 'description' | 'since' | 'users' | 'severity';

interface AnswerValidation {
  question: Question;
  locale: Locale;
  services: string[];
}

/** Recognizes an answer to a question; undefined when the text does not answer it. Pure. */
export function recognizeAnswer(question: Question, text: string, services: string[], now: Date): unknown {
  switch (question) {
    case 'service': {
      const folded = foldText(text);
      if (['other', 'autre', 'other not microsoft 365', 'autre hors microsoft 365'].includes(folded)) return OTHER_SERVICE;
      return services.find((s) => foldText(s) === folded) ?? resolveService(text, services);
    }
    case 'description': return text.trim().length >= 3 ? text.trim() : undefined;
    case 'since': return recognizeSince(text, now);
    case 'users': return recognizeUsers(text);
    case 'severity': return recognizeSeverity(text);
  }
}

const DEFAULTS: Record<Question, unknown> = {
  service: OTHER_SERVICE, description: '', since: { kind: 'today' }, users: 'several', severity: 'moderate',
};

/**
 * The triage conversation: service, what is wrong, since when, how many users, impact. Asks only what the
 * first message does not already say; accepts buttons and typed answers in English or French; re-asks an
 * invalid answer with a hint at most three times. Its state lives in ConversationState (our Storage), so a
 * restart mid-dialog loses nothing. Ends with the collected Triage.
 */
export class TriageDialog extends ComponentDialog {
  constructor() {
    super(TRIAGE_DIALOG);
    this.addDialog(new TextPrompt(ANSWER_PROMPT, (prompt) => this.validate(prompt)));
    this.addDialog(new WaterfallDialog(STEPS, [
      (step) => this.ask(step, 'service', this.prefilledService(step)),
      (step) => this.record(step, 'service').then(() => this.ask(step, 'description', this.options(step).firstMessage.trim() || undefined)),
      (step) => this.record(step, 'description').then(() => this.ask(step, 'since', recognizeSince(this.options(step).firstMessage, new Date()))),
      (step) => this.record(step, 'since').then(() => this.ask(step, 'users', prefilledUsers(this.options(step).firstMessage))),
      (step) => this.record(step, 'users').then(() => this.ask(step, 'severity', undefined)),
      (step) => this.record(step, 'severity').then(() => step.endDialog(this.collect(step))),
    ]));
    this.initialDialogId = STEPS;
  }

  private answers(step: WaterfallStepContext): Record<string, unknown> {
    return step.values as Record<string, unknown>;
  }

  private options(step: WaterfallStepContext): TriageOptions {
    return step.options as TriageOptions;
  }

  private prefilledService(step: WaterfallStepContext): string | undefined {
    const { firstMessage, services } = this.options(step);
    return resolveService(firstMessage, services);
  }

  private async ask(step: WaterfallStepContext, question: Question, known: unknown): Promise<DialogTurnResult> {
    if (known !== undefined) return step.next({ known });
    const { locale, services } = this.options(step);
    const t = translator(locale);
    const key = question.charAt(0).toUpperCase() + question.slice(1);
    const validations: AnswerValidation = { question, locale, services };
    return step.prompt(ANSWER_PROMPT, {
      prompt: this.question(t(`triage.ask${key}`), question, locale, services),
      retryPrompt: this.question(t(`triage.hint${key}`), question, locale, services),
      validations,
    });
  }

  private question(text: string, question: Question, locale: Locale, services: string[]): Partial<Activity> {
    const buttons = choiceButtons(question, locale, services);
    if (buttons.length === 0) return MessageFactory.text(text);
    return cardActivity(triageQuestionCard(text, buttons, locale));
  }

  private async validate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { question, services } = prompt.options.validations as AnswerValidation;
    if (prompt.recognized.succeeded && recognizeAnswer(question, prompt.recognized.value ?? '', services, new Date()) !== undefined) return true;
    return prompt.attemptCount > MAX_REASKS;
  }

  private async record(step: WaterfallStepContext, question: Question): Promise<void> {
    const result = step.result as { known: unknown } | string | undefined;
    let value = typeof result === 'object' && result !== null ? result.known
      : recognizeAnswer(question, result ?? '', this.options(step).services, new Date());
    if (value === undefined) {
      value = question === 'description' ? this.options(step).firstMessage : DEFAULTS[question];
      await step.context.sendActivity(translator(this.options(step).locale)('triage.gaveUp'));
    }
    this.answers(step)[question] = value;
  }

  private collect(step: WaterfallStepContext): Triage {
    const o = this.options(step);
    const a = this.answers(step);
    return {
      service: a.service as string,
      description: a.description as string,
      since: a.since as SinceWhen,
      usersAffected: a.users as UsersAffected,
      severity: a.severity as Severity,
      locale: o.locale,
      tenantId: o.tenantId,
      conversationId: o.conversationId,
      user: o.user,
      startedAt: o.startedAt,
    };
  }
}

function prefilledUsers(text: string): UsersAffected | undefined {
  const users = recognizeUsers(text);
  return users === 'me' ? undefined : users;
}

/** The button labels of a question, in the customer's language. */
export function choiceButtons(question: Question, locale: Locale, services: string[]): string[] {
  const t = translator(locale);
  switch (question) {
    case 'service': return [...services.slice(0, 12), t('triage.otherService')];
    case 'since': return ['justNow', 'today', 'moreThanDay'].map((k) => t(`triage.since.${k}`));
    case 'users': return ['me', 'several', 'everyone'].map((k) => t(`triage.users.${k}`));
    case 'severity': return ['critical', 'moderate', 'minimal'].map((k) => t(`triage.severity.${k}`));
    default: return [];
  }
}
