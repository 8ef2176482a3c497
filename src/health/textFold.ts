/** Text normalisation for matching English and French support text against Graph's English wording. Pure. */

/** Lower case, accents removed, anything but letters and digits turned into single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words that say nothing about which issue is meant (EN + FR, folded), including generic support vocabulary. */
const STOP_WORDS = new Set(`
a an and are as at be been but by can cannot cant could did do does doesnt dont for from had has have how i if in into is it its
me my no not of on or our since so some that the their them then there these they this to too up us was we were what when where
which while who why will with would you your yours any all also just still very more most only other than
le la les un une des du de d l et ou mais donc car ni que qui quoi dont ou au aux en dans par pour sur sous avec sans chez
ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il elle on nous vous ils elles
me te se lui y ne pas plus moins tres trop tout tous toute toutes est sont suis es etes ai as avons avez ont a ete etre avoir fait
peut peux pouvons pouvez peuvent depuis quand comment pourquoi encore deja aussi bien
wont won isnt arent didnt couldnt wouldnt shouldnt hasnt havent really get got keep out off
ca faut rien aucun aucune toujours alors quand fois
user users utilisateur utilisateurs some may might unable able issue issues problem problems probleme problemes
error errors erreur erreurs microsoft office 365 please help aide merci hello bonjour hi thanks
`.split(/\s+/).filter(Boolean));

/** Bilingual synonyms mapped to one English stem so "courriel" meets "email" and "réunion" meets "meeting". */
const SYNONYMS: ReadonlyMap<string, string> = new Map(Object.entries({
  email: 'mail', mails: 'mail', courriel: 'mail', courriels: 'mail', messagerie: 'mail', mailbox: 'mail',
  reunion: 'meeting', reunions: 'meeting', meetings: 'meeting',
  rejoindre: 'join', joindre: 'join', joining: 'join',
  recevoir: 'receive', recois: 'receive', recoit: 'receive', recu: 'receive', recus: 'receive', reception: 'receive', receiving: 'receive',
  envoyer: 'send', envoi: 'send', envoie: 'send', sending: 'send',
  lent: 'slow', lente: 'slow', lenteur: 'slow', lenteurs: 'slow', slowly: 'slow', delai: 'delay', delais: 'delay', retard: 'delay', retards: 'delay', delayed: 'delay', delays: 'delay',
  fichier: 'file', fichiers: 'file', files: 'file',
  synchronisation: 'sync', synchroniser: 'sync', synchronise: 'sync', synchronize: 'sync',
  connexion: 'signin', connecter: 'signin', login: 'signin', logon: 'signin', sign: 'signin', authentication: 'signin', authentification: 'signin', mfa: 'signin', multifactor: 'signin',
  acceder: 'access', acces: 'access', accessing: 'access', accessible: 'access', inaccessible: 'access',
  calendrier: 'calendar', agenda: 'calendar',
  appel: 'call', appels: 'call', calls: 'call',
  chargement: 'load', charger: 'load', charge: 'load', loading: 'load', loads: 'load', tourne: 'load',
  meeting: 'meeting', meet: 'meeting',
  arrivent: 'receive', incoming: 'receive', inbound: 'receive', entrant: 'receive', entrants: 'receive',
  outside: 'external', externe: 'external', externes: 'external', exterieur: 'external', exterieurs: 'external',
  quarantaine: 'quarantine', quarantined: 'quarantine', hameconnage: 'phish', phishing: 'phish',
  jointe: 'attachment', jointes: 'attachment', attachments: 'attachment',
  big: 'large', gros: 'large', grosse: 'large', volumineux: 'large', volumineuse: 'large',
  bounce: 'ndr', remise: 'ndr', delivery: 'ndr',
  deconnecte: 'disconnect', deconnectes: 'disconnect', ejecte: 'disconnect', ejectes: 'disconnect', dropped: 'disconnect',
  apparaissent: 'appear', apparait: 'appear', affiche: 'appear', show: 'appear', showing: 'appear',
  redemarrer: 'restart', relancer: 'restart',
  enregistrement: 'record', enregistrements: 'record', recordings: 'record', recording: 'record',
  appeler: 'call', telephone: 'phone', numero: 'number', numeros: 'number',
  hors: 'presence', offline: 'presence', away: 'presence', absent: 'presence', absents: 'presence', statut: 'status', presence: 'presence',
  onglet: 'tab', canal: 'channel', canaux: 'channel', channels: 'channel',
  ouvre: 'open', ouvrir: 'open', serveur: 'server',
  recherche: 'search', chercher: 'search', searching: 'search', trouve: 'find', trouver: 'find', nouveaux: 'new', nouvelles: 'new', nouveau: 'new', nouvelle: 'new', newly: 'new',
  uploaded: 'upload', televerse: 'upload',
  restaurer: 'restore', precedente: 'previous', precedentes: 'previous', bibliotheque: 'library', libraries: 'library',
  synchro: 'sync', synchronisent: 'sync', syncing: 'sync',
  lien: 'link', liens: 'link', partage: 'share', sharing: 'share', shared: 'share', partager: 'share',
  boucle: 'repeat', repeatedly: 'repeat', over: 'repeat',
  laptop: 'device', laptops: 'device', pc: 'device', pcs: 'device', ordinateur: 'device', ordinateurs: 'device', devices: 'device', asked: 'prompt', prompted: 'prompt', demande: 'prompt',
  bloque: 'block', bloques: 'block', blocked: 'block',
  conforme: 'compliant', compliance: 'compliant', conformite: 'compliant',
  installer: 'install', applis: 'app', appli: 'app', applications: 'app', application: 'app', apps: 'app',
  portail: 'portal', entreprise: 'company',
  actualisation: 'refresh', actualiser: 'refresh', planifiee: 'schedule', planifie: 'schedule', scheduled: 'schedule',
  echoue: 'fail', echec: 'fail', failed: 'fail', failing: 'fail', failure: 'fail', failures: 'fail',
  rapport: 'report', rapports: 'report', dashboards: 'dashboard', lents: 'slow', lentes: 'slow',
  plante: 'crash', crashes: 'crash', crashed: 'crash', ferme: 'crash', close: 'crash',
  fige: 'freeze', freezes: 'freeze', frozen: 'freeze', gele: 'freeze', responding: 'freeze',
  calendar: 'calendar', calendars: 'calendar',
  formulaire: 'form', questionnaire: 'form', reponses: 'response', reponse: 'response', responses: 'response',
  created: 'create', creee: 'create', creees: 'create', creer: 'create', cree: 'create',
  taches: 'task', tache: 'task', tasks: 'task',
  administration: 'admin', centre: 'center',
  coauthoring: 'author', coauthor: 'author', authoring: 'author', coedition: 'author',
}));

function stripSuffix(word: string): string {
  if (word.length > 6 && word.endsWith('ings')) return word.slice(0, -4);
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function stem(word: string): string {
  const stripped = stripSuffix(word);
  return SYNONYMS.get(word) ?? SYNONYMS.get(stripped) ?? stripped;
}

/** Meaningful word stems of `text`, in order, duplicates kept. */
export function keywords(text: string): string[] {
  return foldText(text)
    .split(' ')
    .filter((word) => (word.length >= 3 || SYNONYMS.has(word)) && !STOP_WORDS.has(word))
    .map(stem);
}

/** Each stem of `text` with the first word (as typed: lower case, accents kept) that gave it. */
export function typedWords(text: string): Map<string, string> {
  const byStem = new Map<string, string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const [stemmed] = keywords(word);
    if (stemmed !== undefined && !byStem.has(stemmed)) byStem.set(stemmed, word);
  }
  return byStem;
}
