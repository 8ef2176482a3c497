/**
 * Deep links into the Microsoft 365 admin center. Pure.
 * Microsoft does not document these URLs: `#/servicehealth/:/alerts/{id}` is the form public tools link to,
 * and `?tid=` selects the tenant (useful for partner staff with access to several tenants).
 */

export const ADMIN_CENTER_URL = 'https://admin.microsoft.com/';

/** The tenant's Service health page. */
export function serviceHealthLink(tenantId: string): string {
  return `${ADMIN_CENTER_URL}?tid=${encodeURIComponent(tenantId)}#/servicehealth`;
}

/** One incident or advisory (e.g. EX1093214) in the tenant's Service health page. */
export function issueLink(tenantId: string, issueId: string): string {
  return `${serviceHealthLink(tenantId)}/:/alerts/${encodeURIComponent(issueId)}`;
}
