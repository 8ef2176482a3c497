import type { SinceWhen } from '../../../src/problem/triageModel';
import { OTHER_SERVICE } from '../../../src/problem/triageModel';
import { matchIssues, MATCH_WEIGHTS, sinceWindow } from '../../../src/health/incidentMatching';
import type { HealthIssue } from '../../../src/health/model';

const NOW = '2024-05-14T10:00:00Z';

function issue(overrides: Partial<HealthIssue> & Pick<HealthIssue, 'id' | 'service' | 'title'>): HealthIssue {
  return {
    impactDescription: '', classification: 'incident', status: 'serviceDegradation', feature: null, featureGroup: null,
    isResolved: false, startDateTime: '2024-05-14T09:00:00Z', endDateTime: null, lastModifiedDateTime: '2024-05-14T09:30:00Z',
    latestPost: null, ...overrides,
  };
}

const exMail = issue({
  id: 'EX1', service: 'Exchange Online', title: "Users can't receive email in Outlook", feature: 'Mail flow',
  impactDescription: 'Users may be unable to receive new email messages.',
  latestPost: { createdDateTime: '2024-05-14T09:30:00Z', text: 'We are reverting a configuration change that queues inbound messages.' },
});
const exMailAdvisory = { ...exMail, id: 'EX2', classification: 'advisory' as const };
const exMailResolved = { ...exMail, id: 'EX3', isResolved: true, status: 'serviceRestored' as const, endDateTime: '2024-05-14T09:45:00Z' };
const exOld = issue({
  id: 'EX4', service: 'Exchange Online', title: 'Delays sending email to external recipients', classification: 'advisory',
  isResolved: true, status: 'serviceRestored', startDateTime: '2024-05-11T08:00:00Z', endDateTime: '2024-05-11T11:00:00Z',
});
const tmMeeting = issue({
  id: 'TM1', service: 'Microsoft Teams', title: 'Some users may experience delays when joining meetings', classification: 'advisory',
  startDateTime: '2024-05-14T07:00:00Z', feature: 'Teams Components', featureGroup: 'Meetings',
});
const spResolved = issue({
  id: 'SP1', service: 'SharePoint Online', title: "Users couldn't access SharePoint Online sites", isResolved: true,
  status: 'serviceRestored', startDateTime: '2024-05-13T04:00:00Z', endDateTime: '2024-05-13T08:00:00Z',
});
const suite = issue({ id: 'MO1', service: 'Microsoft 365 suite', title: 'Users may be unable to access multiple services', startDateTime: '2024-05-14T09:30:00Z' });
const intune = issue({ id: 'IT1', service: 'Microsoft Intune', title: 'Delays in device compliance reporting', classification: 'advisory', startDateTime: '2024-05-12T09:00:00Z' });

const ALL = [exOld, tmMeeting, spResolved, suite, intune, exMail];

function ids(service: string | undefined, description: string, since: SinceWhen | undefined, issues: HealthIssue[] = ALL): string[] {
  return matchIssues(issues, { ...(service === undefined ? {} : { service }), description, ...(since ? { since } : {}), now: NOW }).matches.map((ranked) => ranked.issue.id);
}

describe('matchIssues', () => {
  it.each<[string, string | undefined, string, SinceWhen | undefined, string[]]>([
    ['same service, EN words, just now', 'Exchange Online', "I can't receive emails", { kind: 'justNow' }, ['EX1']],
    ['service read from the description', undefined, "Outlook won't receive mail", { kind: 'justNow' }, ['EX1']],
    ['French description', 'Exchange Online', 'Je ne reçois plus mes courriels depuis ce matin', { kind: 'today' }, ['EX1']],
    ['Teams in French', 'Microsoft Teams', 'Impossible de rejoindre les réunions', { kind: 'today' }, ['TM1']],
    ['resolved issue that fits a "more than a day" report', 'SharePoint Online', 'sites are not accessible', { kind: 'moreThanDay' }, ['SP1']],
    ['a given date', 'Exchange Online', 'external recipients got email late', { kind: 'date', date: '2024-05-11' }, ['EX4']],
    ['an ongoing advisory older than a day', 'Microsoft Intune', 'compliance reporting is late', { kind: 'moreThanDay' }, ['IT1']],
    ['an unrelated problem with no service', undefined, 'my printer is jammed', { kind: 'justNow' }, []],
    ['"other" service disables service matching', OTHER_SERVICE, 'my printer is jammed', { kind: 'justNow' }, []],
  ])('%s', (_label, service, description, since, expected) => {
    expect(ids(service, description, since)).toEqual(expected);
  });

  it('drops a resolved issue that ended before the problem began, however well it matches', () => {
    expect(ids('Exchange Online', 'delays sending email to external recipients', { kind: 'justNow' })).not.toContain('EX4');
  });

  it('ranks unresolved above resolved', () => {
    expect(ids('Exchange Online', 'cannot receive email', { kind: 'justNow' }, [exMailResolved, exMail])).toEqual(['EX1', 'EX3']);
  });

  it('ranks incidents above advisories on equal scores', () => {
    const ranked = matchIssues([exMailAdvisory, exMail], { service: 'Exchange Online', description: 'cannot receive email', since: { kind: 'justNow' }, now: NOW }).matches;
    expect(ranked.map((item) => item.issue.id)).toEqual(['EX1', 'EX2']);
    expect(ranked[0]?.score).toBe(ranked[1]?.score);
  });

  it('returns at most three issues', () => {
    const many = Array.from({ length: 6 }, (_, index) => ({ ...exMail, id: `EX${String(10 + index)}` }));
    expect(ids('Exchange Online', 'receive email', { kind: 'justNow' }, many)).toHaveLength(MATCH_WEIGHTS.limit);
  });

  it('explains the score, strongest reason first', () => {
    const [best] = matchIssues([exMail], { service: 'Exchange Online', description: "I can't receive emails in Outlook", since: { kind: 'justNow' }, now: NOW }).matches;
    expect(best?.reasons).toEqual(['same service', 'words: receive, mail, outlook', 'started when the problem began', 'still ongoing']);
    expect(best?.score).toBe(MATCH_WEIGHTS.sameService + MATCH_WEIGHTS.title + MATCH_WEIGHTS.startedInWindow + MATCH_WEIGHTS.unresolved);
    expect(best?.evidence).toEqual({
      service: 'same', words: ['receive', 'emails', 'outlook'],
      started: { minutesBefore: 60, anchor: 'problem', anchorAt: '2024-05-14T10:00:00.000Z', fit: 'started' },
    });
  });

  it('keeps the words as the customer typed them in the evidence, French included', () => {
    const [best] = matchIssues([exMail], { service: 'Exchange Online', description: 'Je ne reçois plus mes courriels', since: { kind: 'today' }, now: NOW }).matches;
    expect(best?.evidence.words).toEqual(['reçois', 'courriels']);
  });

  it('names the feature when the problem does', () => {
    const [best] = matchIssues([tmMeeting], { service: 'Microsoft Teams', description: 'meetings are slow to start', since: { kind: 'today' }, now: NOW }).matches;
    expect(best?.evidence.feature).toBe('Meetings');
  });
});

describe('matchIssues: precision before recall', () => {
  const exSearch = issue({
    id: 'EX5', service: 'Exchange Online', title: 'Search in Outlook on the web may be slow', feature: 'Outlook on the web',
    startDateTime: '2024-05-14T08:00:00Z', impactDescription: 'Users may notice that mailbox search is slow.',
  });

  it.each<[string, string, string]>([
    ['a problem that shares only the service', 'Microsoft Teams', 'my profile photo will not change in Teams'],
    ['a product name is no evidence', 'Exchange Online', 'how do I add a signature in Outlook'],
    ['a forgotten password', 'Microsoft Entra', "j'ai oublié mon mot de passe"],
    ['a vague complaint in the suite', 'Microsoft 365 suite', 'office 365 is weird today'],
  ])('%s: nothing is shown as the customer\'s', (_label, service, description) => {
    expect(matchIssues([...ALL, exSearch], { service, description, since: { kind: 'justNow' }, now: NOW }).matches).toEqual([]);
  });

  it('lists the service\'s other active issues apart, most recent first, never the resolved ones', () => {
    const result = matchIssues([...ALL, exSearch, exMailResolved], { service: 'Exchange Online', description: 'my mailbox is full', since: { kind: 'today' }, now: NOW });
    expect(result.matches).toEqual([]);
    expect(result.others.map((other) => other.id)).toEqual(['EX1', 'EX5']);
    expect(result.service).toBe('Exchange Online');
  });

  it('shows the issue that fits and not its neighbours of the same service', () => {
    const result = matchIssues([...ALL, exSearch], { service: 'Exchange Online', description: "Outlook doesn't receive emails", since: { kind: 'justNow' }, now: NOW });
    expect(result.matches.map((match) => match.issue.id)).toEqual(['EX1']);
    expect(result.others.map((other) => other.id)).toEqual(['EX5']);
  });

  it('no service, no others', () => {
    expect(matchIssues(ALL, { service: OTHER_SERVICE, description: 'printer jammed', now: NOW }).others).toEqual([]);
  });

  it('matches on words alone across services when they are specific enough', () => {
    const ranked = matchIssues([tmMeeting], { service: 'Microsoft Entra', description: 'delays joining meetings in Teams components', since: { kind: 'today' }, now: NOW }).matches;
    expect(ranked.map((item) => item.issue.id)).toEqual(['TM1']);
    expect(ranked[0]?.reasons).not.toContain('same service');
  });
});

describe('sinceWindow', () => {
  const now = Date.parse(NOW);
  it.each<[SinceWhen, string, string]>([
    [{ kind: 'justNow' }, '2024-05-14T08:00:00.000Z', 'open'],
    [{ kind: 'today' }, '2024-05-13T10:00:00.000Z', 'open'],
    [{ kind: 'date', date: '2024-05-11' }, '2024-05-10T12:00:00.000Z', '2024-05-12T12:00:00.000Z'],
  ])('%p starts at %s', (since, from, to) => {
    const window = sinceWindow(since, now);
    expect(new Date(window.from).toISOString()).toBe(from);
    expect(Number.isFinite(window.to) ? new Date(window.to).toISOString() : 'open').toBe(to);
  });

  it('moreThanDay ends 24 h ago', () => {
    expect(new Date(sinceWindow({ kind: 'moreThanDay' }, now).to).toISOString()).toBe('2024-05-13T10:00:00.000Z');
  });
});
