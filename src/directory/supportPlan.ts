import { z } from 'zod';

const dayName = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24 h)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Text the partner writes once per language; en is required, other languages fall back to it. */
export const localizedText = z.object({ en: z.string().min(1) }).catchall(z.string().min(1));
export type LocalizedText = z.infer<typeof localizedText>;

/** What a customer's contract with the partner covers: the seed requires telling customers exactly this. */
export const supportPlanSchema = z.object({
  name: z.string().min(1),
  /** Services covered by the plan, in the customer's words (shown as a list). */
  scope: z.array(z.string().min(1)).min(1),
  hours: z.object({
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Paris'),
    days: z.array(dayName).min(1),
    open: clock,
    close: clock,
    holidays: z.array(isoDate).default([]),
  }).refine((h) => h.open < h.close, 'open must be before close'),
  contact: z.object({
    method: z.enum(['teams', 'email', 'phone']),
    email: z.string().email().optional(),
    phone: z.string().min(3).optional(),
  }),
  pricing: z.object({
    model: z.enum(['included', 'perIncident', 'hourly']),
    amount: z.number().nonnegative().optional(),
    currency: z.string().length(3).optional(),
    note: localizedText.optional(),
  }).refine((p) => p.model === 'included' || (p.amount !== undefined && p.currency !== undefined), 'amount and currency are required unless model is "included"'),
  /** First-response targets per severity, in business minutes. */
  firstResponseMinutes: z.object({
    critical: z.number().int().positive(),
    moderate: z.number().int().positive(),
    minimal: z.number().int().positive(),
  }).default({ critical: 60, moderate: 240, minimal: 1440 }),
  /** Route for Microsoft technical escalation: the partner's support entitlement. */
  microsoftTechnicalSupport: z.enum(['premier', 'advanced', 'signature', 'none']),
  /** Whether the customer may ask for a Microsoft service request at the end of triage (an agent approves it). */
  customerMayRequestMicrosoftEscalation: z.boolean().default(false),
});
export type SupportPlan = z.infer<typeof supportPlanSchema>;
