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

function findPhrase(folded: string, phrase: string): number {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^| )${escaped}s?(?= |$)`).exec(folded);
  return match ? match.index : -1;
}

function candidates(folded: string, knownServices: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  const add = (names: readonly string[], phrase: string): void => {
    const position = findPhrase(folded, phrase);
    if (position >= 0) found.push({ names, length: phrase.length, position });
  };
  for (const entry of SERVICE_ALIASES) {
    const names = [entry.service, ...(entry.formerNames ?? [])];
    for (const alias of entry.aliases) add(names, alias);
  }
  for (const service of knownServices) add([service], foldText(service));
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
  const byFolded = new Map(knownServices.map((service) => [foldText(service), service]));
  const ranked = candidates(folded, knownServices).sort((a, b) => b.length - a.length || a.position - b.position);
  for (const candidate of ranked) {
    if (knownServices.length === 0) return candidate.names[0];
    const known = candidate.names.map((name) => byFolded.get(foldText(name))).find((name) => name !== undefined);
    if (known) return known;
  }
  return undefined;
}
