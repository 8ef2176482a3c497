import { foldText } from '../health/textFold';
import type { Severity, SinceWhen, UsersAffected } from '../problem/triageModel';

/**
 * Pure recognizers for triage answers, typed in English or French (buttons send the same words).
 * Each returns undefined when the text does not answer the question.
 */

function has(folded: string, phrases: readonly string[]): boolean {
  const padded = ` ${folded} `;
  return phrases.some((p) => padded.includes(` ${p} `));
}

const SINCE_PHRASES: Array<[SinceWhen['kind'], readonly string[]]> = [
  ['justNow', ['just now', 'a l instant', 'a linstant', 'maintenant', 'right now', 'il y a quelques minutes', 'minutes ago', 'tout de suite', 'now']],
  ['today', ['today', 'aujourd hui', 'aujourdhui', 'this morning', 'ce matin', 'cet apres midi', 'this afternoon', 'tonight', 'ce soir', 'depuis ce matin']],
  ['moreThanDay', ['more than a day', 'plus d un jour', 'plus dun jour', 'yesterday', 'hier', 'days', 'jours', 'last week', 'semaine derniere', 'depuis des jours', 'since monday', 'depuis lundi']],
];

/** "2026-11-20", "20/11/2026", "20/11" (day first, as in French and most of Europe). */
function parseDate(text: string, now: Date): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  const dmy = /\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b/.exec(text);
  let year: number; let month: number; let day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) {
    day = Number(dmy[1]); month = Number(dmy[2]);
    const y = dmy[3] ? Number(dmy[3]) : now.getUTCFullYear();
    year = y < 100 ? 2000 + y : y;
  } else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || date.getTime() > now.getTime()) return undefined;
  return date.toISOString().slice(0, 10);
}

export function recognizeSince(text: string, now: Date): SinceWhen | undefined {
  const date = parseDate(text, now);
  if (date) return { kind: 'date', date };
  const folded = foldText(text);
  for (const [kind, phrases] of SINCE_PHRASES) if (has(folded, phrases)) return { kind } as SinceWhen;
  return undefined;
}

const USERS_PHRASES: Array<[UsersAffected, readonly string[]]> = [
  ['everyone', ['everyone', 'everybody', 'all users', 'whole company', 'tout le monde', 'tous les utilisateurs', 'toute l entreprise', 'personne ne', 'nobody']],
  ['several', ['several', 'some users', 'a few', 'many', 'plusieurs', 'quelques', 'certains', 'my team', 'mon equipe', 'colleagues', 'collegues']],
  ['me', ['only me', 'just me', 'me only', 'moi seul', 'moi seulement', 'seulement moi', 'juste moi', 'only i', 'moi', 'me']],
];

export function recognizeUsers(text: string): UsersAffected | undefined {
  const folded = foldText(text);
  for (const [users, phrases] of USERS_PHRASES) if (has(folded, phrases)) return users;
  return undefined;
}

const SEVERITY_PHRASES: Array<[Severity, readonly string[]]> = [
  ['critical', ['critical', 'critique', 'work stopped', 'travail bloque', 'blocked', 'bloque', 'bloquant', 'urgent', 'cannot work', 'impossible de travailler']],
  ['moderate', ['moderate', 'modere', 'moderee', 'slowed', 'ralenti', 'genant', 'annoying', 'workaround', 'contournement']],
  ['minimal', ['minimal', 'minor', 'mineur', 'faible', 'low', 'cosmetic', 'cosmetique', 'not urgent', 'pas urgent']],
];

export function recognizeSeverity(text: string): Severity | undefined {
  const folded = foldText(text);
  for (const [severity, phrases] of SEVERITY_PHRASES) if (has(folded, phrases)) return severity;
  return undefined;
}
