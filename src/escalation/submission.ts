/** Reads the proposal card's inputs back from an Action.Execute. Pure. */
import type { Severity } from '../dialogs/triageModel';
import type { SupportTopic } from './model';
import type { Proposal } from './proposal';

const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minimal'];

export type SubmissionField = 'supportTopicId' | 'severity' | 'title' | 'description';

/** The submitted request, or the first invalid field with what was submitted (to show the card again). */
export type Submission = { ok: true; proposal: Proposal } | { ok: false; field: SubmissionField; proposal: Proposal };

function field(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function readSubmission(data: Record<string, unknown>, topics: readonly SupportTopic[]): Submission {
  const severity = field(data, 'severity');
  const proposal: Proposal = {
    supportTopicId: field(data, 'supportTopicId'),
    severity: SEVERITIES.find((s) => s === severity) ?? 'moderate',
    title: field(data, 'title'),
    description: field(data, 'description'),
  };
  const invalid: SubmissionField | undefined =
    !topics.some((topic) => topic.id === proposal.supportTopicId) ? 'supportTopicId'
      : !SEVERITIES.some((s) => s === severity) ? 'severity'
        : proposal.title === '' ? 'title'
          : proposal.description === '' ? 'description' : undefined;
  return invalid === undefined ? { ok: true, proposal } : { ok: false, field: invalid, proposal };
}
