import { queuePage } from '../../../src/cases/queuePage';

describe('queuePage: the agents\' queue one page at a time', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);

  it('cuts pages of the given size and counts them', () => {
    expect(queuePage(items, 1, 3)).toEqual({ items: [0, 1, 2], page: 1, pages: 3 });
    expect(queuePage(items, 3, 3)).toEqual({ items: [6], page: 3, pages: 3 });
  });

  it('clamps a page out of range, and an empty queue is one empty page', () => {
    expect(queuePage(items, 99, 3).page).toBe(3);
    expect(queuePage(items, 0, 3).page).toBe(1);
    expect(queuePage([], 2)).toEqual({ items: [], page: 1, pages: 1 });
  });
});
