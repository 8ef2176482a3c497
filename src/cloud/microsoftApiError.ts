/**
 * Typed failures of the Microsoft APIs behind the support escalation (Partner Center, Azure Resource Manager): what
 * their transports throw, in kinds the escalation turns into what the agent is told.
 */

/**
 * - `validation`: 400 (or 409), the request must be fixed (`description` names the field).
 * - `consent`: 401/403, the credentials or the consent must be renewed (`npm run partner-consent`, Azure RBAC).
 * - `notFound`: 404.
 * - `throttled`: 429 after the retries allowed.
 * - `unavailable`: 5xx, timeouts or network failures after the retries allowed.
 * - `malformed`: a success whose body is not the documented shape.
 */
export type ApiErrorKind = 'validation' | 'consent' | 'notFound' | 'throttled' | 'unavailable' | 'malformed';

/** Which Microsoft API failed: it decides what the agent is told. */
export type MicrosoftApi = 'partnerCenter' | 'azureSupport';

/** What is known of a failed call. */
export interface ApiErrorDetails {
  status?: number;
  /** Error code of the body (ApiFault `code`, ARM `error.code`), e.g. "800002". */
  code?: string;
  /** Error description of the body (for 400: which field is wrong). */
  description?: string;
  /** Partner Center's `data` of the fault (what exactly is wrong), each item as text. */
  data?: string[];
  /** Request id of the call (the same on every retry): MS-RequestId or x-ms-client-request-id. */
  requestId: string;
  correlationId: string;
  attempts: number;
}

/** A call to a Microsoft API failed for good. */
export class MicrosoftApiError extends Error {
  constructor(
    readonly api: MicrosoftApi,
    readonly kind: ApiErrorKind,
    readonly details: ApiErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(`${api === 'partnerCenter' ? 'Partner Center' : 'Azure support'} call failed: ${kind}${details.status === undefined ? '' : ` (HTTP ${String(details.status)})`}${details.description ? `: ${details.description}` : ''}`, options);
    this.name = 'MicrosoftApiError';
  }
}

/** A Partner Center call failed for good. */
export class PartnerCenterError extends MicrosoftApiError {
  constructor(kind: ApiErrorKind, details: ApiErrorDetails, options?: { cause?: unknown }) {
    super('partnerCenter', kind, details, options);
    this.name = 'PartnerCenterError';
  }
}

/** An Azure Resource Manager `Microsoft.Support` call failed for good. */
export class AzureSupportError extends MicrosoftApiError {
  constructor(kind: ApiErrorKind, details: ApiErrorDetails, options?: { cause?: unknown }) {
    super('azureSupport', kind, details, options);
    this.name = 'AzureSupportError';
  }
}

/** The error of a success whose body is not the documented shape. */
export function malformedAnswer(api: MicrosoftApi, cause: Error): MicrosoftApiError {
  const details = { description: cause.message, requestId: '', correlationId: '', attempts: 1 };
  return api === 'partnerCenter' ? new PartnerCenterError('malformed', details, { cause }) : new AzureSupportError('malformed', details, { cause });
}

/** The error kind of a final HTTP status. */
export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401 || status === 403) return 'consent';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'validation';
}
