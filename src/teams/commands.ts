/** Commands a customer or an agent can type, in English or French: their words, per command and locale. Pure parsing. */
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

export type CommandName = Command['name'];

/** The command of a given name, with its arguments. */
export type CommandNamed<N extends CommandName> = Extract<Command, { name: N }>;

/** The locales commands are typed in. */
export type CommandLocale = 'en' | 'fr';

/** Words in each locale, as {@link normalizeCommandText} leaves them (lower-case, accents folded). */
type Words = Readonly<Record<CommandLocale, readonly string[]>>;

/**
 * The words of one command: typed alone (`exact`), and followed by an argument (`withArgument`: the leading words,
 * what separates them from the argument, the argument's pattern, and how the captured text is read).
 */
export interface CommandWords {
  exact?: Words;
  withArgument?: { words: Words; separator: string; pattern: string; read: (captured: string) => Command };
}

/**
 * Every command's words, in every locale. Forms with an argument are tried in this order, after the words typed
 * alone.
 */
export const COMMAND_WORDS: { readonly [N in CommandName]: CommandWords } = {
  help: { exact: { en: ['help'], fr: ['aide'] } },
  support: { exact: { en: ['support'], fr: ['mon support', 'offre', 'assistance'] } },
  case: {
    withArgument: {
      words: { en: ['case', 'ticket'], fr: ['cas', 'dossier'] }, separator: '\\s*#?\\s*', pattern: '[a-z0-9-]{1,20}',
      read: (caseNumber) => ({ name: 'case', caseNumber: caseNumber.toUpperCase() }),
    },
  },
  health: {
    exact: { en: ['health', 'service health'], fr: ['sante', 'etat', 'etat des services'] },
    withArgument: { words: { en: ['health'], fr: ['sante', 'etat des services', 'etat'] }, separator: '\\s+', pattern: '.{1,100}', read: (target) => ({ name: 'health', target }) },
  },
  queue: {
    exact: { en: ['queue'], fr: ['file', "file d'attente", 'file d attente'] },
    withArgument: { words: { en: ['queue'], fr: ['file', "file d'attente", 'file d attente'] }, separator: '\\s+', pattern: '\\d{1,4}', read: (page) => ({ name: 'queue', page: Number(page) }) },
  },
  outage: {
    withArgument: {
      words: { en: ['outage'], fr: ['incident'] }, separator: '\\s+', pattern: '[a-z]{2}\\d{3,10}',
      read: (incidentId) => ({ name: 'outage', incidentId: incidentId.toUpperCase() }),
    },
  },
  agent: { exact: { en: ['agent', 'talk to an agent', 'human'], fr: ['parler a un agent', 'humain', 'conseiller'] } },
  status: { exact: { en: ['status'], fr: ['statut', 'suivi'] } },
  cancel: { exact: { en: ['cancel'], fr: ['annuler'] } },
  end: { exact: { en: ['end'], fr: ['terminer', 'fin'] } },
  notify: { exact: { en: ['notify', 'notifications'], fr: ['alertes'] } },
  stopNotifications: { exact: { en: ['stop notifications'], fr: ['arreter les notifications', 'stop alertes', 'arreter les alertes'] } },
  useThisChannel: { exact: { en: ['use this channel'], fr: ['utiliser ce canal'] } },
  requests: { exact: { en: ['requests'], fr: ['demandes', 'demandes microsoft'] } },
};

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

const NAMES = Object.keys(COMMAND_WORDS) as CommandName[];

function allWords(words: Words): string[] {
  return [...words.en, ...words.fr];
}

/** Own entries only: a customer typing `constructor` or `__proto__` reads nothing inherited from Object. */
const EXACT: ReadonlyMap<string, Command> = new Map(NAMES.flatMap((name) => allWords(COMMAND_WORDS[name].exact ?? { en: [], fr: [] }).map((word) => [word, { name } as Command] as const)));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms with an argument, longest leading words first (so `case` is tried before `cas`). */
const WITH_ARGUMENT: ReadonlyArray<{ regex: RegExp; read: (captured: string) => Command }> = NAMES.flatMap((name) => {
  const form = COMMAND_WORDS[name].withArgument;
  if (!form) return [];
  const leading = [...new Set(allWords(form.words))].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return [{ regex: new RegExp(`^(?:${leading})${form.separator}(${form.pattern})$`), read: form.read }];
});

/** The command a message carries, or undefined when it is free text (a problem description, a relay). */
export function parseCommand(text: string | undefined): Command | undefined {
  if (!text || text.length > MAX_COMMAND_CHARS) return undefined;
  const normalized = normalizeCommandText(text);
  const exact = EXACT.get(normalized);
  if (exact) return exact;
  for (const { regex, read } of WITH_ARGUMENT) {
    const captured = regex.exec(normalized)?.[1];
    if (captured) return read(captured);
  }
  return undefined;
}
