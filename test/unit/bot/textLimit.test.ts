import { longestText } from '../../../src/teams/textLimit';

describe('longestText: the longest string anywhere in an activity', () => {
  it('reads typed text, nested card fields and their names', () => {
    expect(longestText('hello', { triageAnswer: 'x'.repeat(40), nested: [{ comment: 'y'.repeat(70) }] })).toBe(70);
    expect(longestText(undefined, { ['k'.repeat(90)]: 1 })).toBe(90);
    expect(longestText(undefined, undefined)).toBe(0);
  });

  it('does not recurse: a deeply nested payload is measured, and one too large to walk counts as too long', () => {
    let deep: unknown = 'z'.repeat(12);
    for (let i = 0; i < 5_000; i += 1) deep = [deep];
    expect(longestText(undefined, deep)).toBe(12);
    expect(longestText(undefined, new Array(20_000).fill(0))).toBe(Infinity);
  });
});
