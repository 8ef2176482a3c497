/** Words customers use for Microsoft 365 services (English and French) → Graph service display names. Pure. */
import { foldText } from './textFold';

export interface ServiceAlias {
  /** Graph display name today. */
  service: string;
  /** Display names Graph used before (a tenant may still report one of them). */
  formerNames?: readonly string[];
  /** Words or phrases, folded (lower case, no accents, punctuation as spaces). A trailing "s" is tolerated. */
  aliases: readonly string[];
}

export const SERVICE_ALIASES: readonly ServiceAlias[] = [
  { service: 'Exchange Online', aliases: ['exchange', 'exchange online', 'outlook', 'mail', 'email', 'e mail', 'courriel', 'messagerie', 'boite mail', 'boite aux lettres', 'mailbox', 'inbox', 'calendar', 'calendrier', 'owa'] },
  { service: 'Microsoft Teams', aliases: ['teams', 'microsoft teams', 'ms teams', 'msteams', 'teams meeting', 'reunion teams'] },
  { service: 'SharePoint Online', aliases: ['sharepoint', 'sharepoint online', 'spo', 'intranet'] },
  { service: 'OneDrive for Business', aliases: ['onedrive', 'one drive', 'onedrive for business'] },
  {
    service: 'Microsoft Entra',
    formerNames: ['Identity Service', 'Azure Active Directory', 'Microsoft Entra ID'],
    aliases: ['entra', 'entra id', 'microsoft entra', 'azure ad', 'azure active directory', 'aad', 'sign in', 'signin', 'login', 'log in', 'logon', 'mfa', 'multifactor', 'authentication', 'authentification', 'connexion', 'se connecter', 'mot de passe', 'password'],
  },
  { service: 'Microsoft Intune', aliases: ['intune', 'microsoft intune', 'endpoint manager', 'mdm', 'company portal', 'portail d entreprise'] },
  { service: 'Dynamics 365 Apps', aliases: ['dynamics', 'dynamics 365', 'd365', 'crm'] },
  {
    service: 'Microsoft 365 suite',
    aliases: ['microsoft 365', 'office 365', 'm365', 'o365', 'microsoft 365 suite', 'portal', 'portail', 'admin center', 'admin centre', 'centre d administration', 'centre admin', 'portail d administration'],
  },
  { service: 'Microsoft 365 Apps', aliases: ['microsoft 365 apps', 'office apps', 'applications office', 'excel', 'powerpoint', 'microsoft word', 'word desktop'] },
  { service: 'Office for the web', aliases: ['office for the web', 'office online', 'word online', 'excel online', 'office web'] },
  { service: 'Planner', aliases: ['planner'] },
  { service: 'Microsoft Forms', aliases: ['microsoft forms', 'ms forms'] },
  { service: 'Power BI', aliases: ['power bi', 'powerbi'] },
  { service: 'Microsoft Bookings', aliases: ['bookings'] },
  { service: 'Azure Information Protection', aliases: ['azure information protection', 'aip', 'sensitivity label', 'etiquette de confidentialite'] },
  { service: 'Microsoft 365 Defender', aliases: ['defender', 'microsoft 365 defender', 'defender xdr'] },
];

interface Candidate {
  names: readonly string[];
  length: number;
  position: number;
}

/** A phrase to look for as whole words (a trailing "s" tolerated), compiled once. */
interface PhrasePattern {
  names: readonly string[];
  phrase: string;
  length: number;
  pattern: RegExp;
}

function phrasePattern(names: readonly string[], phrase: string): PhrasePattern {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { names, phrase, length: phrase.length, pattern: new RegExp(`(?:^| )${escaped}s?(?= |$)`) };
}

/** The alias patterns, built once (about 120 regular expressions; building them on every message was most of its cost). */
const ALIAS_PATTERNS: readonly PhrasePattern[] = SERVICE_ALIASES.flatMap((entry) => {
  const names = [entry.service, ...(entry.formerNames ?? [])];
  return entry.aliases.map((alias) => phrasePattern(names, alias));
});

/** Patterns of a tenant's service names, by name: the few dozen names Graph reports come back on every triage. */
const servicePatterns = new Map<string, PhrasePattern>();
const SERVICE_PATTERNS_LIMIT = 1_000;

function servicePattern(service: string): PhrasePattern {
  let found = servicePatterns.get(service);
  if (!found) {
    found = phrasePattern([service], foldText(service));
    if (servicePatterns.size >= SERVICE_PATTERNS_LIMIT) servicePatterns.clear();
    servicePatterns.set(service, found);
  }
  return found;
}

function candidates(folded: string, knownServices: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  for (const { names, length, pattern } of [...ALIAS_PATTERNS, ...knownServices.map(servicePattern)]) {
    const match = pattern.exec(folded);
    if (match) found.push({ names, length, position: match.index });
  }
  return found;
}

/**
 * The service `text` speaks of: the longest alias or service name found (earliest on ties), as spelled in
 * `knownServices` (a tenant's healthOverviews). With no known services, the canonical display name.
 * Undefined when nothing matches a known service.
 */
export function resolveService(text: string, knownServices: readonly string[]): string | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  const byFolded = new Map(knownServices.map((service) => [servicePattern(service).phrase, service]));
  const ranked = candidates(folded, knownServices).sort((a, b) => b.length - a.length || a.position - b.position);
  for (const candidate of ranked) {
    if (knownServices.length === 0) return candidate.names[0];
    const known = candidate.names.map((name) => byFolded.get(foldText(name))).find((name) => name !== undefined);
    if (known) return known;
  }
  return undefined;
}
