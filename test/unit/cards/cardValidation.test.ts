import * as AC from 'adaptivecards/dist/adaptivecards.js';
import { cardGallery } from '../../support/cardGallery';

/** Problems the Adaptive Cards renderer's own parser and validator report for a card. */
function cardProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

describe.each(['en', 'fr'] as const)('every card in %s', (locale) => {
  const gallery = cardGallery(locale);

  it.each(Object.keys(gallery))('%s is a valid Adaptive Card 1.5, fully expanded, under 28 KB, with a preview', (name) => {
    const rendered = gallery[name]!;
    expect(rendered.card.version).toBe('1.5');
    expect(cardProblems(rendered.card)).toEqual([]);
    const json = JSON.stringify(rendered.card);
    expect(json).not.toContain('${');
    expect(Buffer.byteLength(json)).toBeLessThan(28 * 1024);
    expect(rendered.summary.length).toBeGreaterThan(0);
    expect(rendered.attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });
});
