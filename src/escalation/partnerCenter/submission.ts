/** Reads the proposal card's inputs back from an Action.Execute. Pure. */
import type { Severity } from '../../problem/triageModel';
import type { SupportTopic } from './model';
import type { Proposal } from './proposal';

const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minimal'];

export type SubmissionField = 'supportTopicId' | 'severity' | 'title' | 'description';

/** The submitted request, or the first invalid field with what was submitted (to show the card again). */
export type Submission = { ok: true; proposal: Proposal } | { ok: false; field: SubmissionField; proposal: Proposal };

/** A submitted text input, trimmed; empty when absent. */
export function field(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** The submitted severity, or undefined when it is not one of ours. */
export function severityOf(data: Record<string, unknown>): Severity | undefined {
  const severity = field(data, 'severity');
  return SEVERITIES.find((s) => s === severity);
}

/** The first of the severity, title and description fields that is invalid, if any. */
export function invalidProblemField(data: Record<string, unknown>): 'severity' | 'title' | 'description' | undefined {
  return severityOf(data) === undefined ? 'severity' : field(data, 'title') === '' ? 'title' : field(data, 'description') === '' ? 'description' : undefined;
}

export function readSubmission(data: Record<string, unknown>, topics: readonly SupportTopic[]): Submission {
  const proposal: Proposal = {
    supportTopicId: field(data, 'supportTopicId'),
    severity: severityOf(data) ?? 'moderate',
    title: field(data, 'title'),
    description: field(data, 'description'),
  };
  const invalid: SubmissionField | undefined = !topics.some((topic) => topic.id === proposal.supportTopicId) ? 'supportTopicId' : invalidProblemField(data);
  return invalid === undefined ? { ok: true, proposal } : { ok: false, field: invalid, proposal };
}
