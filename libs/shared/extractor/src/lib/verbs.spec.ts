import { baseFromGerund, baseFromParticiple } from './verbs';

describe('verb base forms', () => {
  it.each([
    ['drafting', 'draft'],
    ['mobilising', 'mobilise'],
    ['preparing', 'prepare'],
    ['setting', 'set'],
    ['supplying', 'supply'],
    ['doubling', 'double'],
    ['establishing', 'establish'],
    ['providing', 'provide'],
    ['reducing', 'reduce'],
    ['negotiating', 'negotiate'],
    ['developing', 'develop'],
    ['agreeing', 'agree'],
    ['continuing', 'continue'],
    ['improving', 'improve'],
    ['adding', 'add'],
  ])('%s → %s', (word, base) => {
    expect(baseFromGerund(word)).toBe(base);
  });

  it.each([
    ['deployed', 'deploy'],
    ['exchanged', 'exchange'],
    ['held', 'hold'],
    ['renewed', 'renew'],
    ['submitted', 'submit'],
    ['completed', 'complete'],
    ['ratified', 'ratify'],
    ['agreed', 'agree'],
    ['published', 'publish'],
    ['recycled', 'recycle'],
    ['released', 'release'],
    ['set', 'set'],
  ])('%s → %s', (word, base) => {
    expect(baseFromParticiple(word)).toBe(base);
  });
});
