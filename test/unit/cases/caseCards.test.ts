import { satisfactionCard } from '../../../src/cases/caseCards';
import { MAX_COMMENT_CHARS } from '../../../src/cases/caseModel';
import { aCase } from './caseFixtures';

describe('satisfactionCard', () => {
  it.each(['en', 'fr'] as const)('bounds the comment the customer can type (%s)', (locale) => {
    const body = satisfactionCard(aCase('resolved'), locale).card.body as Array<Record<string, unknown>>;
    expect(body.find((element) => element.id === 'comment')).toMatchObject({ type: 'Input.Text', maxLength: MAX_COMMENT_CHARS });
  });
});
