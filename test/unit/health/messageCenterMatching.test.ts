import type { MessageCenterPost } from '../../../src/health/messageCenterModel';
import { CHANGE_TOPICS, matchPosts, type PostMatchQuery } from '../../../src/health/messageCenterMatching';
import { OTHER_SERVICE } from '../../../src/problem/triageModel';

const NOW = '2026-12-02T10:00:00Z';
const day = (offset: number): string => new Date(Date.parse(NOW) + offset * 86_400_000).toISOString();

function post(id: string, fields: Partial<MessageCenterPost>): MessageCenterPost {
  return {
    id, title: '', category: 'planForChange', services: [], tags: [], isMajorChange: false, startDateTime: day(-60),
    actionRequiredByDateTime: null, lastModifiedDateTime: day(-5), text: '', details: {}, ...fields,
  };
}

const SMTP_AUTH = post('MC1190443', {
  title: 'Exchange Online: Basic authentication for SMTP AUTH (Client Submission) is being retired',
  services: ['Exchange Online'], tags: ['Retirement', 'Admin impact'], actionRequiredByDateTime: day(20),
  text: 'Multifunction printers and scanners, line-of-business applications and scripts that send email with a user name and password will fail with 535 5.7.139.',
});
const CONNECTORS = post('MC1187654', {
  title: 'Microsoft Teams: Office 365 connectors are retiring; move incoming webhooks to the Workflows app',
  services: ['Microsoft Teams'], tags: ['Retirement'], actionRequiredByDateTime: day(45),
  text: 'Office 365 connectors within Microsoft Teams, including incoming webhooks, are retiring.',
});
const ADD_INS = post('MC1179110', {
  title: 'SharePoint Online: SharePoint Add-Ins can no longer be installed in new tenants and sites',
  services: ['SharePoint Online'], tags: ['Retirement'], actionRequiredByDateTime: day(12),
  text: 'After the action-required date, add-ins from the SharePoint Store or an app catalog can no longer be installed.',
});
const COPILOT = post('MC1201876', {
  title: 'New feature: Copilot Chat pinned in the Microsoft 365 Copilot app, Teams and Outlook', category: 'stayInformed',
  services: ['Microsoft 365 suite', 'Microsoft Teams', 'Exchange Online'], tags: ['New feature', 'User impact'], startDateTime: day(-10),
  text: 'Copilot Chat is pinned by default in the Microsoft 365 Copilot app, in Teams and in Outlook.',
});
const DMARC = post('MC1160215', {
  title: 'Exchange Online: publish a DMARC record before sending to large consumer mailbox providers', category: 'preventOrFixIssue',
  services: ['Exchange Online'], actionRequiredByDateTime: day(-15), text: 'Senders of bulk mail must publish SPF, DKIM and DMARC records.',
});
const POSTS = [COPILOT, DMARC, CONNECTORS, ADD_INS, SMTP_AUTH];

const ids = (query: Omit<PostMatchQuery, 'now'>, posts = POSTS): string[] => matchPosts(posts, { now: NOW, ...query }).map((m) => m.post.id);

describe('Message center matching: a post is shown only with evidence', () => {
  it.each([
    ['en', 'Our scanner can no longer send emails since Monday', 'Exchange Online'],
    ['en', 'The printer stopped sending scans by email', undefined],
    ['en', 'Our ERP relay through smtp.office365.com fails with 535 5.7.139', 'Exchange Online'],
    ['fr', "Le copieur n'envoie plus les scans par mail depuis lundi", 'Exchange Online'],
    ['fr', 'Notre imprimante multifonction ne peut plus envoyer de courriels', undefined],
    ['fr', 'le scanner n envoie plus de mails', OTHER_SERVICE],
    ['fr', 'Depuis la semaine dernière, notre photocopieur Canon ne peut plus envoyer les numérisations par e-mail', 'Exchange Online'],
    ['en', 'Our Xerox MFP fails to scan to email with an authentication error', 'Exchange Online'],
  ])('%s: "%s" (service %s) shows the SMTP AUTH retirement', (_locale, description, service) => {
    expect(ids({ description, service, since: { kind: 'today' } })).toEqual(['MC1190443']);
  });

  it('says why: the topic, the service, the customer saying it changed', () => {
    const [match] = matchPosts(POSTS, { description: 'Our scanner can no longer send emails', service: 'Exchange Online', since: { kind: 'today' }, now: NOW });
    expect(match?.reasons).toEqual(expect.arrayContaining(['topic: SMTP AUTH / basic authentication', 'same service', 'the customer says it changed']));
    expect(match?.reasons[0]).toBe('topic: SMTP AUTH / basic authentication');
  });

  it.each([
    ['fr', 'Les messages de notre webhook n’arrivent plus dans le canal Teams depuis hier', 'Microsoft Teams', 'MC1187654'],
    ['en', 'Our incoming webhook connector no longer posts to the channel', 'Microsoft Teams', 'MC1187654'],
    ['en', 'We can no longer install SharePoint add-ins on our new site', 'SharePoint Online', 'MC1179110'],
    ['fr', "On ne peut plus installer de compléments SharePoint (add-ins) sur le nouveau site", 'SharePoint Online', 'MC1179110'],
  ])('%s: "%s" shows %s', (_locale, description, service, expected) => {
    expect(ids({ description, service, since: { kind: 'moreThanDay' } })).toEqual([expected]);
  });

  it.each([
    ['fr', 'Outlook ne reçoit plus de mails depuis ce matin', 'Exchange Online'],
    ['en', 'Outlook is not receiving email since this morning', 'Exchange Online'],
    ['en', 'I forgot my password', 'Microsoft Entra'],
    ['fr', "J'ai oublié mon mot de passe", undefined],
    ['en', 'The total in my Excel sheet is wrong', 'Microsoft 365 Apps'],
    ['fr', 'Ma photo de profil ne change pas dans Teams', 'Microsoft Teams'],
    ['en', 'Teams meetings keep dropping', 'Microsoft Teams'],
    ['fr', 'Je ne peux plus envoyer de mails depuis Outlook', 'Exchange Online'],
    ['en', 'Copilot is slow', undefined],
  ])('%s: "%s" shows nothing', (_locale, description, service) => {
    expect(ids({ description, service, since: { kind: 'today' } })).toEqual([]);
  });

  it('the right topic on another service is not shown (scanner problem filed under Teams)', () => {
    expect(ids({ description: 'Our scanner can no longer send emails', service: 'Microsoft Teams', since: { kind: 'today' } })).toEqual([]);
  });

  it('a change that starts after the problem began, or more than a year before it, is not its cause', () => {
    const later = { ...SMTP_AUTH, startDateTime: day(3) };
    const stale = { ...SMTP_AUTH, startDateTime: day(-900), actionRequiredByDateTime: day(-800), lastModifiedDateTime: day(-800) };
    const query = { description: 'Our scanner can no longer send emails', service: 'Exchange Online' };
    expect(ids({ ...query, since: { kind: 'date', date: '2026-11-20' } }, [later])).toEqual([]);
    expect(ids({ ...query, since: { kind: 'today' } }, [stale])).toEqual([]);
    expect(ids({ ...query, since: { kind: 'date', date: '2026-11-20' } }, [SMTP_AUTH])).toEqual(['MC1190443']);
  });

  it('shared words count only when the customer says something changed and a specific word is in the title', () => {
    const bookings = post('MC1000001', { title: 'Microsoft Bookings: staff calendars move to the shared booking page', services: ['Microsoft Bookings'], text: 'Booking pages change layout.' });
    const changed = 'Since last week the shared booking page shows staff calendars differently';
    expect(ids({ description: changed, service: 'Microsoft Bookings', since: { kind: 'moreThanDay' } }, [bookings])).toHaveLength(1);
    expect(ids({ description: 'How do I share the booking page with staff calendars?', service: 'Microsoft Bookings', since: { kind: 'today' } }, [bookings])).toEqual([]);
  });

  it('every topic has problem and post patterns', () => {
    for (const topic of CHANGE_TOPICS) {
      expect(topic.problem.length).toBeGreaterThan(0);
      expect(topic.label).not.toBe('');
    }
  });
});
