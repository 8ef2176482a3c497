/** Partner Center service requests, normalized from the wire (see partner-center-service-requests.md). */

/** Service request severity; `unknown` is the enum's 0 and never sent by us. */
export const SR_SEVERITIES = ['unknown', 'critical', 'moderate', 'minimal'] as const;
export type SrSeverity = (typeof SR_SEVERITIES)[number];

/** Service request status; a new request is `none` until Microsoft picks it up. */
export const SR_STATUSES = ['none', 'open', 'closed', 'attention_needed'] as const;
export type SrStatus = (typeof SR_STATUSES)[number];

/** One note on a service request (or a message from Microsoft on an Azure support ticket). */
export interface SrNote {
  createdByName: string;
  createdDate: string;
  text: string;
  /** Microsoft's name of the note when it has one (an Azure ticket communication's): new notes are told apart by it. */
  id?: string;
}

/** A service request as the bot uses it. */
export interface ServiceRequest {
  id: string;
  title: string;
  description: string;
  severity: SrSeverity;
  status: SrStatus;
  /**
   * Microsoft is applying a change to the ticket (ARM status `Updating`): `status` then says nothing (`none`), and
   * the tracker keeps the last meaningful status instead.
   */
  updating?: boolean;
  supportTopicId: string;
  supportTopicName?: string;
  notes: SrNote[];
  createdDate?: string;
  lastModifiedDate?: string;
  lastClosedDate?: string;
}

/** A support topic from `GET /v1/servicerequests/supporttopics` (id normalized to a string). */
export interface SupportTopic {
  id: string;
  name: string;
  description: string;
}

/** What the bot sends to create a service request. */
export interface NewServiceRequest {
  title: string;
  description: string;
  severity: Exclude<SrSeverity, 'unknown'>;
  supportTopicId: string;
}
