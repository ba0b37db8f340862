import type { CommitmentDetailDto } from '@pactwatch/shared/contracts';
import { createUser, signInAs } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';
import { commitmentId, HOUR, person, tick, watch } from './reminder-fixtures';
import { SmtpSink } from './smtp-sink';

/** Where each reference code first appears in a part of the mail, in the order given (-1 when missing). */
const positions = (part: string, needles: readonly string[]) => needles.map((needle) => part.indexOf(needle));
const ascending = (values: readonly number[]) => values.every((v, i) => v >= 0 && (i === 0 || v > values[i - 1]));

/**
 * One recipient with something of every kind on the same morning: an overdue item, one due today, three due soon
 * and a status change held for the digest. The real planner and sender put them in one digest; a real SMTP server
 * receives it and mailparser reads both parts.
 */
describe('a daily digest with every kind of item', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = new SmtpSink(() => t.clock.now());
    await sink.start();
    // The demo data counts from 15 Jan 2026: EX-01 is due that day, EX-02 on 20 Jan, EX-03 on 4 Feb.
    t = await startTestApp({
      demo: true,
      now: '2026-01-15T07:00:00Z',
      env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://pactwatch.example.org' },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('orders overdue, due today, due soon and status changes, by due date within each, in the text and the HTML part', async () => {
    const reader = await person(t, 'digest-reader', 'UTC', { digest: 'daily', sendHour: 8, statusChangeNotices: 'digest' });
    const refs = ['AZ-US-2025-01.2', 'EX-01', 'EX-02', 'EX-03', 'AZ-US-2025-01'];
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = ANY($2::varchar[])`, [reader.id, refs]);
    const ex03 = await commitmentId(t.db, 'EX-03');
    await watch(t.db, reader, 'commitment', ex03);
    await tick(t); // 07:00: before the send hour; the first pass takes earlier history as known

    t.clock.advance(HOUR / 2);
    const analyst = await createUser(t, { role: 'analyst', email: 'digest-analyst@example.org' });
    const headers = await signInAs(t, analyst.email);
    const current = (await t.request({ method: 'GET', url: `/api/commitments/${ex03}`, headers })).json<CommitmentDetailDto>();
    const recorded = await t.request({
      method: 'POST',
      url: `/api/commitments/${ex03}/status-updates`,
      headers,
      payload: { status: 'at_risk', progress: 20, note: 'Funding delayed', version: current.version },
    });
    expect(recorded.statusCode).toBe(201);
    await tick(t); // 07:30: the notice waits for the digest
    expect(sink.received).toHaveLength(0);

    t.clock.set('2026-01-15T08:05:00Z');
    await tick(t);
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail.subject).toMatch(
      /^\[Pactwatch\] Reminders: 1 overdue, 1 due today, 3 due soon, 1 status change — most urgent: AZ-US-2025-01\.2 .* overdue\)$/,
    );
    const order = ['AZ-US-2025-01.2 ·', 'EX-01 ·', 'EX-02 ·', 'EX-03 ·', 'AZ-US-2025-01 ·'];
    const textGroups = ['== Overdue (1) ==', '== Due today (1) ==', '== Due soon (3) ==', '== Status changes (1) =='];
    expect({ in: positions(mail.text, textGroups), ascending: ascending(positions(mail.text, textGroups)) }).toMatchObject({
      ascending: true,
    });
    const text = positions(mail.text, order);
    expect({ text, ascending: ascending(text) }).toMatchObject({ ascending: true });
    // The status change comes last, after the due-soon group.
    expect(mail.text.lastIndexOf('EX-03 ·')).toBeGreaterThan(mail.text.indexOf('== Status changes (1) =='));
    expect(mail.text).toMatch(/Status changed from .+ to At risk by .+ on 15 Jan 2026\./);

    const htmlOrder = [
      '<strong>AZ-US-2025-01.2</strong>',
      '<strong>EX-01</strong>',
      '<strong>EX-02</strong>',
      '<strong>EX-03</strong>',
      '<strong>AZ-US-2025-01</strong>',
    ];
    const htmlGroups = ['>Overdue (1)</h2>', '>Due today (1)</h2>', '>Due soon (3)</h2>', '>Status changes (1)</h2>'];
    expect({ in: positions(mail.html, htmlGroups), ascending: ascending(positions(mail.html, htmlGroups)) }).toMatchObject({
      ascending: true,
    });
    expect({ in: positions(mail.html, htmlOrder), ascending: ascending(positions(mail.html, htmlOrder)) }).toMatchObject({
      ascending: true,
    });
    expect(mail.html.lastIndexOf('<strong>EX-03</strong>')).toBeGreaterThan(mail.html.indexOf('>Status changes (1)</h2>'));
  }, 120_000);
});
