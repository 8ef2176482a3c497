/** Typed failures of Partner Center calls, in the terms the agent is told. */

/**
 * - `validation`: 400, the request must be fixed (`description` names the field).
 * - `consent`: 401/403, the secure-application-model consent must be renewed (`npm run partner-consent`).
 * - `notFound`: 404.
 * - `throttled`: 429 after the retries allowed.
 * - `unavailable`: 5xx, timeouts or network failures after the retries allowed.
 * - `malformed`: a success whose body is not the documented shape.
 */
export type PartnerCenterErrorKind = 'validation' | 'consent' | 'notFound' | 'throttled' | 'unavailable' | 'malformed';

/** A Partner Center call failed for good. */
export class PartnerCenterError extends Error {
  constructor(
    readonly kind: PartnerCenterErrorKind,
    readonly details: {
      status?: number;
      /** ApiFault code, e.g. "800002". */
      code?: string;
      /** ApiFault description (for 400: which field is wrong). */
      description?: string;
      /** MS-RequestId of the call (the same on every retry). */
      requestId: string;
      correlationId: string;
      attempts: number;
    },
    options?: { cause?: unknown },
  ) {
    super(`Partner Center call failed: ${kind}${details.status === undefined ? '' : ` (HTTP ${String(details.status)})`}${details.description ? `: ${details.description}` : ''}`, options);
    this.name = 'PartnerCenterError';
  }
}

/** The error kind of a final HTTP status. */
export function kindForStatus(status: number): PartnerCenterErrorKind {
  if (status === 401 || status === 403) return 'consent';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'validation';
}
