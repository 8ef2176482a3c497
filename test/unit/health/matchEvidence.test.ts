import { caseCard } from '../../../src/cases/caseCards';
import { durationText, evidenceText } from '../../../src/health/evidenceText';
import { otherIssuesCard } from '../../../src/health/healthCards';
import type { MatchEvidence } from '../../../src/health/incidentMatching';
import type { HealthIssue } from '../../../src/health/model';
import { aCase } from '../cases/caseFixtures';

const justNow: MatchEvidence = {
  service: 'same', words: ['receive', 'mail'],
  started: { minutesBefore: 60, anchor: 'problem', anchorAt: '2026-12-02T10:00:00.000Z', fit: 'started' },
};

describe('evidenceText', () => {
  it.each<[string, MatchEvidence, 'en' | 'fr', string]>([
    ['the example of issue 18', justNow, 'en', 'same service, words: receive, mail; started 1 h before the problem'],
    ['in French', { ...justNow, words: ['reçois', 'courriels'] }, 'fr', 'même service, mots : reçois, courriels ; a commencé 1 h avant le problème'],
    ['a feature, relative to the report', { words: [], feature: 'Meetings', started: { minutesBefore: 1_500, anchor: 'report', anchorAt: '2026-12-02T10:00:00.000Z', fit: 'active' } }, 'en', 'feature: Meetings; started 25 h before your report'],
    ['after a given date', { service: 'suite', words: ['sites'], started: { minutesBefore: -180, anchor: 'date', anchorAt: '2026-11-30T00:00:00.000Z', fit: 'started' } }, 'en', 'affects every Microsoft 365 service, words: sites; started 3 h after Nov 30, 2026'],
    ['words only', { words: ['refresh'] }, 'fr', 'mots : refresh'],
    ['timing only', { words: [], started: { minutesBefore: 20, anchor: 'problem', anchorAt: '2026-12-02T10:00:00.000Z', fit: 'started' } }, 'fr', 'a commencé 20 min avant le problème'],
  ])('%s', (_label, evidence, locale, expected) => {
    expect(evidenceText(evidence, locale)).toBe(expected);
  });

  it("escapes the customer's words: they are shown where Teams renders markdown", () => {
    expect(evidenceText({ words: ['[click](https://evil.example)'] }, 'en')).toBe('words: \\[click\\]\\(https://evil.example)');
  });
});

describe('durationText', () => {
  it.each<[number, 'en' | 'fr', string]>([
    [45, 'en', '45 min'], [-45, 'en', '45 min'], [90, 'en', '2 h'], [47 * 60, 'fr', '47 h'], [3 * 24 * 60, 'en', '3 days'], [3 * 24 * 60, 'fr', '3 jours'], [2 * 24 * 60, 'fr', '2 jours'],
  ])('%d min in %s', (minutes, locale, expected) => {
    expect(durationText(minutes, locale)).toBe(expected);
  });
});

describe('the agents\' case card', () => {
  it('shows why each incident was matched, in the agents\' language', () => {
    const c = aCase('new', { matchedIssues: [{ id: 'EX1190412', title: 'Users may be unable to receive email', status: 'serviceDegradation', evidence: justNow }] });
    const json = JSON.stringify(caseCard(c, 'en').card);
    expect(json).toContain('same service, words: receive, mail; started 1 h before the problem');
    expect(JSON.stringify(caseCard(c, 'fr').card)).toContain('même service, mots : receive, mail ; a commencé 1 h avant le problème');
  });

  it('shows a case recorded before evidence existed as before', () => {
    const c = aCase('new', { matchedIssues: [{ id: 'EX1', title: 'Mail', status: 'serviceDegradation' }] });
    const texts = (JSON.stringify(caseCard(c, 'en').card).match(/"text":"[^"]*"/g) ?? []).filter((text) => text.includes('EX1'));
    expect(texts).toHaveLength(1);
  });
});

describe('otherIssuesCard', () => {
  const issue: HealthIssue = {
    id: 'EX1190388', title: 'Search in Outlook on the web may be *slow*', impactDescription: '', classification: 'advisory', status: 'serviceDegradation',
    service: 'Exchange Online', feature: null, featureGroup: null, isResolved: false, startDateTime: '2026-12-01T14:00:00Z', endDateTime: null,
    lastModifiedDateTime: '2026-12-01T14:45:00Z', latestPost: null,
  };

  it.each<['en' | 'fr', string, string]>([
    ['en', 'Other known issues for Exchange Online', 'Degraded'],
    ['fr', 'Autres problèmes connus pour Exchange Online', 'Dégradé'],
  ])('lists them compactly, never as a match (%s)', (locale, title, status) => {
    const json = JSON.stringify(otherIssuesCard([issue], 'Exchange Online', 'tenant-1', locale).card);
    expect(json).toContain(title);
    expect(json).toContain(`[EX1190388 · Search in Outlook on the web may be \\\\*slow\\\\*](https://admin.microsoft.com/?tid=tenant-1#/servicehealth/:/alerts/EX1190388) — ${status}`);
    expect(json).not.toContain('looks like yours');
    expect(json).not.toContain('triage.confirm');
  });
});
