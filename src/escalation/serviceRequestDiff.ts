/** What changed on a service request between two polls. Pure. */
import type { ServiceRequest, SrNote, SrStatus } from './partnerCenter/model';
import type { SrSnapshot } from './serviceRequestStore';

export interface SrChange {
  /** Set when the status moved. */
  status?: { from: SrStatus; to: SrStatus };
  /** Notes added since the last poll, oldest first. */
  newNotes: SrNote[];
}

/**
 * What Microsoft now says, with a ticket being updated (ARM `Updating`) keeping the last meaningful status seen:
 * Open → Updating → Open is no change.
 */
export function settledRequest(seen: SrSnapshot, current: ServiceRequest): ServiceRequest {
  return current.updating ? { ...current, status: seen.status } : current;
}

/** Notes not seen yet: those with an id by id (Azure communications), the others by position (Partner Center only appends). */
function newNotesOf(seen: SrSnapshot, current: ServiceRequest): SrNote[] {
  const known = new Set(seen.noteIdsSeen ?? []);
  return current.notes.filter((note, index) => (note.id === undefined ? index >= seen.notesSeen : !known.has(note.id)));
}

/** The change from what was seen to what Microsoft now says; undefined when nothing changed. */
export function diffServiceRequest(seen: SrSnapshot, current: ServiceRequest): SrChange | undefined {
  const newNotes = newNotesOf(seen, current);
  const statusMoved = current.status !== seen.status;
  if (!statusMoved && newNotes.length === 0) return undefined;
  return { newNotes, ...(statusMoved ? { status: { from: seen.status, to: current.status } } : {}) };
}

/** Whether the change needs the owning agent's attention (an @mention): Microsoft is waiting on the partner. */
export function needsAgentAttention(change: SrChange): boolean {
  return change.status?.to === 'attention_needed';
}
