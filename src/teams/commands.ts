/** Commands a customer or an agent can type, in English or French. Pure parsing. */
export type Command =
  | { name: 'help' }
  | { name: 'support' }
  | { name: 'health'; target?: string }
  | { name: 'agent' }
  | { name: 'status' }
  | { name: 'cancel' }
  | { name: 'end' }
  | { name: 'notify' }
  | { name: 'stopNotifications' }
  | { name: 'queue'; page?: number }
  | { name: 'case'; caseNumber: string }
  | { name: 'useThisChannel' }
  | { name: 'requests' }
  | { name: 'outage'; incidentId: string };

/** Commands are short: longer text is free text, never parsed (so parsing costs nothing on a long message). */
export const MAX_COMMAND_CHARS = 200;

const LEADING = /[\s/!.?]/u;
const TRAILING = /[\s!.?]/u;

/** A markdown backslash escape (`\#`), as agent text carries once normalized to markdown: the character is read. */
const MARKDOWN_ESCAPE = /\\([\\`*_~[\]#<>|{}()!+\-.=])/g;

/**
 * Lower-case, accents folded, markdown escapes read as their character, punctuation at the ends and repeated spaces
 * removed. Linear in the length of the text: the ends are trimmed by scanning, not by an anchored regex (which
 * backtracks on long runs of spaces).
 */
export function normalizeCommandText(text: string): string {
  const folded = text.replace(MARKDOWN_ESCAPE, '$1').normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  let start = 0;
  let end = folded.length;
  while (start < end && LEADING.test(folded.charAt(start))) start += 1;
  while (end > start && TRAILING.test(folded.charAt(end - 1))) end -= 1;
  return folded.slice(start, end).replace(/\s+/g, ' ');
}

/** Own entries only: a customer typing `constructor` or `__proto__` reads nothing inherited from Object. */
const EXACT: ReadonlyMap<string, Command> = new Map(Object.entries({
  help: { name: 'help' }, aide: { name: 'help' }, '?': { name: 'help' },
  support: { name: 'support' }, 'mon support': { name: 'support' }, offre: { name: 'support' }, assistance: { name: 'support' },
  health: { name: 'health' }, sante: { name: 'health' }, etat: { name: 'health' }, 'service health': { name: 'health' }, 'etat des services': { name: 'health' },
  agent: { name: 'agent' }, 'talk to an agent': { name: 'agent' }, 'parler a un agent': { name: 'agent' }, humain: { name: 'agent' }, human: { name: 'agent' }, conseiller: { name: 'agent' },
  status: { name: 'status' }, statut: { name: 'status' }, suivi: { name: 'status' },
  cancel: { name: 'cancel' }, annuler: { name: 'cancel' },
  end: { name: 'end' }, terminer: { name: 'end' }, fin: { name: 'end' },
  notify: { name: 'notify' }, notifications: { name: 'notify' }, alertes: { name: 'notify' },
  'stop notifications': { name: 'stopNotifications' }, 'arreter les notifications': { name: 'stopNotifications' }, 'stop alertes': { name: 'stopNotifications' }, 'arreter les alertes': { name: 'stopNotifications' },
  queue: { name: 'queue' }, file: { name: 'queue' }, "file d'attente": { name: 'queue' }, 'file d attente': { name: 'queue' },
  'use this channel': { name: 'useThisChannel' }, 'utiliser ce canal': { name: 'useThisChannel' },
  requests: { name: 'requests' }, demandes: { name: 'requests' }, 'demandes microsoft': { name: 'requests' },
} satisfies Record<string, Command>));

/** The command a message carries, or undefined when it is free text (a problem description, a relay). */
export function parseCommand(text: string | undefined): Command | undefined {
  if (!text || text.length > MAX_COMMAND_CHARS) return undefined;
  const normalized = normalizeCommandText(text);
  const exact = EXACT.get(normalized);
  if (exact) return exact;
  const caseMatch = /^(?:case|cas|ticket|dossier)\s*#?\s*([a-z0-9-]{1,20})$/.exec(normalized);
  if (caseMatch?.[1]) return { name: 'case', caseNumber: caseMatch[1].toUpperCase() };
  const healthMatch = /^(?:health|sante|etat des services|etat)\s+(.{1,100})$/.exec(normalized);
  if (healthMatch?.[1]) return { name: 'health', target: healthMatch[1] };
  const queueMatch = /^(?:queue|file|file d'attente|file d attente)\s+(\d{1,4})$/.exec(normalized);
  if (queueMatch?.[1]) return { name: 'queue', page: Number(queueMatch[1]) };
  const outageMatch = /^(?:outage|incident)\s+([a-z]{2}\d{3,10})$/.exec(normalized);
  if (outageMatch?.[1]) return { name: 'outage', incidentId: outageMatch[1].toUpperCase() };
  return undefined;
}
