/**
 * What the bot proposes to file as an Azure support ticket for a case: the service and problem classification
 * matched to the triage's words, the subscription, the contact details (the case's user, completed from the
 * customer directory, the support plan's time zone and the case's locale), and the ticket name. Pure.
 */
import { OTHER_SERVICE, type Triage } from '../../problem/triageModel';
import type { Customer } from '../../directory/customerDirectory';
import { resolveLocale, type Translate } from '../../i18n';
import type { AzureContactDetails, AzureService, NewAzureTicket, ProblemClassification } from './model';
import { type ProposalInput, proposeServiceRequest } from '../partnerCenter/proposal';
import { bestWordMatch, words } from '../wordMatch';

/** Words of the problem that say nothing about which Azure service it is in. */
const NOISE = new Set(['azure', 'microsoft', 'subscription', 'abonnement', 'the', 'and', 'not', 'les', 'des', 'est', 'pas']);

function problemWords(triage: Pick<Triage, 'service' | 'description'>): string[] {
  const service = triage.service === OTHER_SERVICE ? '' : triage.service;
  return words(`${service} ${triage.description}`).filter((w) => !NOISE.has(w));
}

/** The Azure service whose name shares most words with the triage's service and description. */
export function matchAzureService(services: readonly AzureService[], triage: Pick<Triage, 'service' | 'description'>): AzureService | undefined {
  return bestWordMatch(services, problemWords(triage), (s) => ({ name: s.displayName }));
}

/** The problem classification of the service that best fits the description; undefined when none shares a word. */
export function matchProblemClassification(classifications: readonly ProblemClassification[], triage: Pick<Triage, 'service' | 'description'>): ProblemClassification | undefined {
  return bestWordMatch(classifications, problemWords(triage), (c) => ({ name: c.displayName }));
}

/** IANA zone of a support plan → [Windows time zone, ISO 3166-1 alpha-3 country]. */
const ZONES: Record<string, readonly [string, string]> = {
  'Europe/Paris': ['Romance Standard Time', 'FRA'], 'Europe/Brussels': ['Romance Standard Time', 'BEL'], 'Europe/Madrid': ['Romance Standard Time', 'ESP'],
  'Europe/London': ['GMT Standard Time', 'GBR'], 'Europe/Dublin': ['GMT Standard Time', 'IRL'], 'Europe/Lisbon': ['GMT Standard Time', 'PRT'],
  'Europe/Berlin': ['W. Europe Standard Time', 'DEU'], 'Europe/Amsterdam': ['W. Europe Standard Time', 'NLD'], 'Europe/Zurich': ['W. Europe Standard Time', 'CHE'],
  'Europe/Rome': ['W. Europe Standard Time', 'ITA'], 'Europe/Luxembourg': ['W. Europe Standard Time', 'LUX'], 'Europe/Vienna': ['W. Europe Standard Time', 'AUT'],
  'Africa/Casablanca': ['Morocco Standard Time', 'MAR'], 'Africa/Tunis': ['W. Central Africa Standard Time', 'TUN'], 'Africa/Algiers': ['W. Central Africa Standard Time', 'DZA'],
  'Africa/Dakar': ['Greenwich Standard Time', 'SEN'], 'Africa/Abidjan': ['Greenwich Standard Time', 'CIV'],
  'America/New_York': ['Eastern Standard Time', 'USA'], 'America/Toronto': ['Eastern Standard Time', 'CAN'], 'America/Montreal': ['Eastern Standard Time', 'CAN'],
  'America/Chicago': ['Central Standard Time', 'USA'], 'America/Denver': ['Mountain Standard Time', 'USA'], 'America/Los_Angeles': ['Pacific Standard Time', 'USA'],
  'America/Sao_Paulo': ['E. South America Standard Time', 'BRA'], 'Asia/Tokyo': ['Tokyo Standard Time', 'JPN'], 'Asia/Singapore': ['Singapore Standard Time', 'SGP'],
  'Asia/Kolkata': ['India Standard Time', 'IND'], 'Australia/Sydney': ['AUS Eastern Standard Time', 'AUS'], UTC: ['UTC', ''], 'Etc/UTC': ['UTC', ''],
};

const SUPPORT_LANGUAGES = { en: 'en-us', fr: 'fr-fr' } as const;

/** "Élise Martin" → Élise / Martin; a single word is both (ARM requires both). */
function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0] ?? '';
  return { firstName: first, lastName: parts.length > 1 ? parts.slice(1).join(' ') : first };
}

/** The case's user as the ticket's contact; what the directory does not say comes from the plan's time zone and the case locale. */
export function contactDetailsFor(userName: string, locale: string, customer: Pick<Customer, 'azureSupportContact' | 'supportPlan'>): AzureContactDetails {
  const defaults = customer.azureSupportContact;
  const [zone, country] = ZONES[customer.supportPlan.hours.timeZone] ?? ['UTC', ''];
  return {
    ...splitName(userName),
    preferredContactMethod: 'email',
    primaryEmailAddress: defaults.email ?? '',
    preferredTimeZone: defaults.timeZone ?? zone,
    country: defaults.country ?? country,
    preferredSupportLanguage: defaults.language ?? SUPPORT_LANGUAGES[resolveLocale(locale)],
  };
}

export interface AzureProposalInput extends Omit<ProposalInput, 'topics'> {
  /** The subscription picked for the case, if one could be. */
  subscriptionId?: string;
  /** The service matched to the case ({@link matchAzureService}), if any. */
  service: AzureService | undefined;
  /** Problem classifications of that service. */
  classifications: readonly ProblemClassification[];
  contactDetails: AzureContactDetails;
}

/** The proposal: title, description and severity as for Partner Center; empty ids where nothing fits (the agent picks). */
export function proposeAzureTicket(input: AzureProposalInput, t: Translate): NewAzureTicket {
  const { title, description, severity } = proposeServiceRequest({ ...input, topics: [] }, t);
  const { service } = input;
  const classification = service ? matchProblemClassification(input.classifications, input.triage) : undefined;
  return {
    kind: 'azureSupportTicket',
    subscriptionId: input.subscriptionId ?? '',
    serviceId: service?.id ?? '',
    problemClassificationId: classification?.id ?? '',
    title, description, severity,
    advancedDiagnosticConsent: 'No',
    contactDetails: input.contactDetails,
  };
}
