import * as AC from 'adaptivecards/dist/adaptivecards.js';
import { formatDay, messageCenterPostCard } from '../../../src/health/messageCenterCards';
import type { MessageCenterPost } from '../../../src/health/messageCenterModel';
import { messageCenterDigestCard, messageCenterDigestCards } from '../../../src/notifications/messageCenterDigestCard';

function cardProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

const POST: MessageCenterPost = {
  id: 'MC1190443', title: 'Exchange Online: Basic authentication for SMTP AUTH [Client Submission] is being retired ${x}', category: 'planForChange',
  services: ['Exchange Online'], tags: ['Retirement'], isMajorChange: true, startDateTime: '2026-10-03T00:00:00Z',
  actionRequiredByDateTime: '2026-12-22T10:00:00Z', lastModifiedDateTime: '2026-11-27T00:00:00Z', text: '', details: {},
};

describe.each(['en', 'fr'] as const)('Message center cards in %s', (locale) => {
  it('the triage card: a valid Adaptive Card 1.5 with title, category, action-required date and link', () => {
    const rendered = messageCenterPostCard(POST, locale);
    expect(cardProblems(rendered.card)).toEqual([]);
    const json = JSON.stringify(rendered.card);
    expect(json).toContain(POST.title.replace('${x}', ''));
    expect(json).toContain(formatDay('2026-12-22T10:00:00Z', locale));
    expect(json).toContain(locale === 'fr' ? 'Planifier le changement' : 'Plan for change');
    expect(json).toContain('https://admin.microsoft.com/#/MessageCenter/:/messages/MC1190443');
    expect(rendered.summary).toContain('MC1190443');
    const noDate = JSON.stringify(messageCenterPostCard({ ...POST, actionRequiredByDateTime: null }, locale).card);
    expect(noDate).toContain(locale === 'fr' ? 'Aucune date indiquée' : 'No date given');
  });

  it('the digest card: a valid Adaptive Card 1.5, one section per customer, under 28 KB with many posts', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...POST, id: `MC${String(1_000_000 + i)}` }));
    const rendered = messageCenterDigestCard('2026-11-30', [
      { customer: 'Fabrikam', tenantId: 't1', posts: [POST] },
      { customer: 'Contoso Pharma', tenantId: 't2', posts: many },
    ], locale);
    expect(cardProblems(rendered.card)).toEqual([]);
    const json = JSON.stringify(rendered.card);
    expect(json).toContain('Fabrikam (1)');
    expect(json).toContain('Contoso Pharma (40)');
    expect(json).toContain('\\\\[Client Submission\\\\]');
    expect(Buffer.byteLength(json)).toBeLessThan(28 * 1024);
    expect(formatDay('2026-11-30', locale)).toBe(locale === 'fr' ? '30 novembre 2026' : '30 November 2026');
  });
});

describe('a long digest', () => {
  it('is split into cards of at most 40 posts, customers in order, counts kept', () => {
    const posts = (n: number, prefix: string): MessageCenterPost[] => Array.from({ length: n }, (_, i) => ({ ...POST, id: `${prefix}${String(i)}` }));
    const cards = messageCenterDigestCards('2026-11-30', [
      { customer: 'A', tenantId: 'a', posts: posts(30, 'MCA') },
      { customer: 'B', tenantId: 'b', posts: posts(55, 'MCB') },
      { customer: 'C', tenantId: 'c', posts: posts(1, 'MCC') },
    ], 'en');
    const texts = cards.map((card) => JSON.stringify(card.card));
    expect(texts).toHaveLength(3);
    expect(texts.map((text) => (text.match(/MessageCenter\/:\/messages/g) ?? []).length)).toEqual([40, 40, 6]);
    expect(texts[0]).toContain('A (30)');
    expect(texts.every((text, i) => i === 0 || !text.includes('"A (30)"'))).toBe(true);
    expect(texts[1]).toContain('B (55)');
    expect(texts[2]).toContain('C (1)');
    expect(messageCenterDigestCards('2026-11-30', [], 'en')).toEqual([]);
  });
});
