import { foldText, keywords } from '../../../src/health/textFold';

describe('foldText', () => {
  it('lower-cases, removes accents and punctuation', () => {
    expect(foldText("Réunion d'équipe — E-MAIL!")).toBe('reunion d equipe e mail');
  });
});

describe('keywords', () => {
  it.each([
    ["I can't receive emails in Outlook", ['receive', 'mail', 'outlook']],
    ['Je ne reçois plus mes courriels depuis ce matin', ['receive', 'mail', 'matin']],
    ['Users may experience delays when joining meetings', ['experience', 'delay', 'join', 'meeting']],
    ['Impossible de rejoindre les réunions', ['impossible', 'join', 'meeting']],
  ])('%p → %p', (text, expected) => {
    expect(keywords(text)).toEqual(expected);
  });
});
