/** What changed on a service request between two polls. Pure. */
import type { ServiceRequest, SrNote, SrStatus } from './model';
import type { SrSnapshot } from './serviceRequestStore';

export interface SrChange {
  /** Set when the status moved. */
  status?: { from: SrStatus; to: SrStatus };
  /** Notes added since the last poll, oldest first. */
  newNotes: SrNote[];
}

/** The change from what was seen to what Partner Center now says; undefined when nothing changed. */
export function diffServiceRequest(seen: SrSnapshot, current: ServiceRequest): SrChange | undefined {
  const newNotes = current.notes.slice(Math.min(seen.notesSeen, current.notes.length));
  const statusMoved = current.status !== seen.status;
  if (!statusMoved && newNotes.length === 0) return undefined;
  return { newNotes, ...(statusMoved ? { status: { from: seen.status, to: current.status } } : {}) };
}

/** Whether the change needs the owning agent's attention (an @mention): Microsoft is waiting on the partner. */
export function needsAgentAttention(change: SrChange): boolean {
  return change.status?.to === 'attention_needed';
}
