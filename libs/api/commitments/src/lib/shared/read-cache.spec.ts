import { cacheKey, ReadCache, serializeReply } from './read-cache';

/** A computation the test finishes by hand, counting how often it ran. */
function deferred<T>() {
  let finish!: (value: T) => void;
  let fail!: (error: Error) => void;
  const calls = { count: 0 };
  const promise = new Promise<T>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const compute = () => {
    calls.count += 1;
    return promise;
  };
  return { compute, finish, fail, calls };
}

const version = (value: number) => () => Promise.resolve(value);

describe('ReadCache', () => {
  it('computes once for concurrent requests of one key and version, and answers later ones from memory', async () => {
    const cache = new ReadCache<string>(10);
    const work = deferred<string>();
    const first = cache.get('k', 1, work.compute, version(1));
    const second = cache.get('k', 1, work.compute, version(1));
    work.finish('answer');
    expect(await Promise.all([first, second])).toEqual(['answer', 'answer']);
    expect(await cache.get('k', 1, () => Promise.resolve('recomputed'), version(1))).toBe('answer');
    expect(work.calls.count).toBe(1);
  });

  it('recomputes once the data version moves, and forgets every answer of the older version', async () => {
    const cache = new ReadCache<string>(10);
    await cache.get('a', 1, () => Promise.resolve('a1'), version(1));
    await cache.get('b', 1, () => Promise.resolve('b1'), version(1));
    expect(await cache.get('a', 2, () => Promise.resolve('a2'), version(2))).toBe('a2');
    expect(await cache.get('b', 2, () => Promise.resolve('b2'), version(2))).toBe('b2');
  });

  it('does not keep an answer if the version moved while it was computed', async () => {
    const cache = new ReadCache<string>(10);
    expect(await cache.get('k', 1, () => Promise.resolve('maybe torn'), version(2))).toBe('maybe torn');
    expect(await cache.get('k', 1, () => Promise.resolve('fresh'), version(1))).toBe('fresh');
  });

  it('answers a request that read an older version directly, without touching what is kept', async () => {
    const cache = new ReadCache<string>(10);
    await cache.get('k', 5, () => Promise.resolve('v5'), version(5));
    expect(await cache.get('k', 4, () => Promise.resolve('v4'), version(5))).toBe('v4');
    expect(await cache.get('k', 5, () => Promise.resolve('other'), version(5))).toBe('v5');
  });

  it('does not keep failures', async () => {
    const cache = new ReadCache<string>(10);
    const work = deferred<string>();
    const failed = cache.get('k', 1, work.compute, version(1));
    work.fail(new Error('database unavailable'));
    await expect(failed).rejects.toThrow('database unavailable');
    expect(await cache.get('k', 1, () => Promise.resolve('retried'), version(1))).toBe('retried');
  });

  it('keeps at most maxEntries answers, dropping the least recently used', async () => {
    const cache = new ReadCache<string>(2);
    await cache.get('a', 1, () => Promise.resolve('a'), version(1));
    await cache.get('b', 1, () => Promise.resolve('b'), version(1));
    await cache.get('a', 1, () => Promise.resolve('a again'), version(1));
    await cache.get('c', 1, () => Promise.resolve('c'), version(1));
    expect(await cache.get('a', 1, () => Promise.resolve('a recomputed'), version(1))).toBe('a');
    expect(await cache.get('b', 1, () => Promise.resolve('b recomputed'), version(1))).toBe('b recomputed');
  });
});

describe('cacheKey', () => {
  it('gives equal plain values equal keys whatever the order of their object keys', () => {
    expect(cacheKey({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe(cacheKey({ a: { c: 'x', d: [2, 1] }, b: 1 }));
    expect(cacheKey({ area: ['trade', 'energy'] })).not.toBe(cacheKey({ area: ['energy', 'trade'] }));
    expect(cacheKey({ q: undefined, page: 1 })).toBe(cacheKey({ page: 1 }));
  });
});

describe('serializeReply', () => {
  /** A value whose JSON counts how often it was built. */
  const counted = () => {
    const built = { count: 0 };
    return { built, value: { toJSON: () => ({ built: ++built.count }) } };
  };

  it('builds the JSON of a kept answer on its first reply only', async () => {
    const { built, value } = counted();
    const kept = await new ReadCache<object>(1).get('k', 1, () => Promise.resolve(value), version(1));
    expect([serializeReply(kept), serializeReply(kept)]).toEqual(['{"built":1}', '{"built":1}']);
    expect(built.count).toBe(1);
  });

  it('builds the JSON of anything else on every reply, answers not kept included', async () => {
    const { value } = counted();
    const unkept = await new ReadCache<object>(1).get('k', 1, () => Promise.resolve(value), version(2));
    expect([serializeReply(unkept), serializeReply(unkept)]).toEqual(['{"built":1}', '{"built":2}']);
    expect(serializeReply({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(serializeReply('text')).toBe('"text"');
  });
});
