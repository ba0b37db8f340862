import { MailOutboxEntity } from '@pactwatch/api/core';
import { In } from 'typeorm';
import { anonymousHeaders, AuthHeaders, createUser } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';

const SAMPLES = 20;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
};

describe('password-reset requests take as long for unknown addresses as for accounts', () => {
  let t: TestApp;
  let anonymous: AuthHeaders;

  beforeAll(async () => {
    t = await startTestApp();
    anonymous = await anonymousHeaders(t);
  });
  afterAll(() => t.close());

  /** One request from its own client address (so the per-address cap of 30 is not what is measured), in ms. */
  const timed = async (email: string, index: number) => {
    const started = process.hrtime.bigint();
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      headers: anonymous,
      payload: { email },
      remoteAddress: `198.51.100.${index + 1}`,
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    expect(response.statusCode).toBe(202);
    return elapsed;
  };

  it(`answers within max(5 ms, 25 %) of each other, comparing the medians of ${SAMPLES} requests each`, async () => {
    // Each known address is asked once (three requests per address in 15 minutes are allowed, then dropped
    // silently), so every known sample really issues a link and queues a mail.
    const known = await Promise.all(Array.from({ length: SAMPLES + 3 }, () => createUser(t)));
    const unknown = Array.from({ length: SAMPLES + 3 }, (_, i) => `nobody-${i}-${Date.now()}@example.org`);
    // Warm both paths up (statement plans, the settings read, the mail template), then interleave the samples so
    // that anything else slowing the machine down slows both sides alike.
    for (let i = 0; i < 3; i += 1) {
      await timed(known[i].email, 200 + i);
      await timed(unknown[i], 210 + i);
    }
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 3; i < SAMPLES + 3; i += 1) {
      if (i % 2 === 0) {
        knownTimes.push(await timed(known[i].email, i));
        unknownTimes.push(await timed(unknown[i], 100 + i));
      } else {
        unknownTimes.push(await timed(unknown[i], 100 + i));
        knownTimes.push(await timed(known[i].email, i));
      }
    }

    const mails = await t.db.dataSource.getRepository(MailOutboxEntity).countBy({ recipient: In(known.map((user) => user.email)) });
    expect(mails).toBe(SAMPLES + 3);
    expect(await t.db.dataSource.getRepository(MailOutboxEntity).countBy({ recipient: In(unknown) })).toBe(0);

    const [knownMedian, unknownMedian] = [median(knownTimes), median(unknownTimes)];
    const tolerance = Math.max(5, 0.25 * Math.max(knownMedian, unknownMedian));
    expect({ difference: Math.abs(knownMedian - unknownMedian) <= tolerance, knownMedian, unknownMedian, tolerance }).toMatchObject({
      difference: true,
    });
  }, 60_000);
});
