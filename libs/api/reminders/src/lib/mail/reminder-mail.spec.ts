import { itemsAsOf, renderReminderMail, ReminderItem } from './reminder-mail';

const context = {
  recipientName: 'Aysel <Analyst>',
  publicUrl: 'https://pactwatch.example.org',
  workspaceName: 'Pactwatch',
  unsubscribeUrl: 'https://pactwatch.example.org/api/unsubscribe?token=abc.def',
  preferencesUrl: 'https://pactwatch.example.org/account',
  timeZone: 'UTC',
};

function item(overrides: Partial<ReminderItem>): ReminderItem {
  return {
    itemKey: 'k',
    kind: 'deadline',
    commitmentId: 'c1',
    refCode: 'AZ-US-2025-01',
    title: 'Draft the Strategic Partnership Charter',
    dueDate: '2026-02-08',
    daysLeft: 7,
    reason: 'due_in_7',
    group: 'due_soon',
    deadlineText: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
    because: 'you own it',
    ...overrides,
  };
}

describe('renderReminderMail', () => {
  it('states the deadline, how it was computed and links to the commitment', () => {
    const mail = renderReminderMail([item({})], false, context);
    expect(mail.subject).toBe('[Pactwatch] AZ-US-2025-01 Draft the Strategic Partnership Charter — due in 7 days, 8 Feb 2026');
    expect(mail.text).toContain('Due 8 Feb 2026: due in 7 days.');
    expect(mail.text).toContain('Deadline: 6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');
    expect(mail.text).toContain('https://pactwatch.example.org/commitments/AZ-US-2025-01');
    expect(mail.html).toContain('href="https://pactwatch.example.org/commitments/AZ-US-2025-01"');
    expect(mail.text).toContain(context.unsubscribeUrl);
  });

  it('groups a digest into overdue, due today and due soon, by due date within a group', () => {
    const mail = renderReminderMail(
      [
        item({ itemKey: 'a', refCode: 'C', dueDate: '2026-02-20', daysLeft: 19, group: 'due_soon' }),
        item({ itemKey: 'b', refCode: 'A', dueDate: '2026-01-20', daysLeft: -12, group: 'overdue' }),
        item({ itemKey: 'c', refCode: 'B', dueDate: '2026-02-01', daysLeft: 0, group: 'due_today' }),
        item({ itemKey: 'd', refCode: 'D', dueDate: '2026-02-03', daysLeft: 2, group: 'due_soon' }),
      ],
      true,
      context,
    );
    expect(mail.subject).toBe(
      '[Pactwatch] Reminders: 1 overdue, 1 due today, 2 due soon — most urgent: A Draft the Strategic Partnership Charter (12 days overdue)',
    );
    const order = ['== Overdue (1) ==', 'A ·', '== Due today (1) ==', 'B ·', '== Due soon (2) ==', 'D ·', 'C ·'].map((s) =>
      mail.text.indexOf(s),
    );
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('escapes HTML from titles and names', () => {
    const mail = renderReminderMail([item({ title: '<script>x</script>' })], false, context);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Aysel &lt;Analyst&gt;');
  });

  it('refuses to render a mail with nothing in it', () => {
    expect(() => renderReminderMail([], true, context)).toThrow();
  });

  it('describes a status change', () => {
    const mail = renderReminderMail(
      [
        item({
          kind: 'status_change',
          group: 'status_change',
          statusBefore: 'in_progress',
          statusAfter: 'at_risk',
          changedBy: 'Ann',
          changedOn: '2026-01-20',
        }),
      ],
      false,
      context,
    );
    expect(mail.subject).toContain('AZ-US-2025-01 is now at risk');
    expect(mail.text).toContain('Status changed from In progress to At risk by Ann on 20 Jan 2026.');
  });
});

describe('subjects', () => {
  it.each([
    [7, 'due_soon', 'AZ-US-2025-01 Draft the Strategic Partnership Charter — due in 7 days, 8 Feb 2026'],
    [1, 'due_soon', 'AZ-US-2025-01 Draft the Strategic Partnership Charter — due tomorrow, 8 Feb 2026'],
    [0, 'due_today', 'AZ-US-2025-01 Draft the Strategic Partnership Charter — due today, 8 Feb 2026'],
    [-3, 'overdue', 'AZ-US-2025-01 Draft the Strategic Partnership Charter — 3 days overdue (due 8 Feb 2026)'],
  ] as const)('names a single item due in %i days and when it is due, also in a digest of one', (daysLeft, group, expected) => {
    for (const digest of [false, true]) {
      expect(renderReminderMail([item({ daysLeft, group })], digest, context).subject).toBe(`[Pactwatch] ${expected}`);
    }
  });

  it('counts several items by kind and names the most urgent', () => {
    const mail = renderReminderMail(
      [
        item({ itemKey: 'a', refCode: 'EX-03', title: 'Open the corridor', dueDate: '2026-02-09', daysLeft: 8, group: 'due_soon' }),
        item({
          itemKey: 'b',
          refCode: 'AZ-US-2025-01.2',
          title: 'Convene the working group',
          dueDate: '2025-12-10',
          daysLeft: -22,
          group: 'overdue',
        }),
        item({ itemKey: 'c', kind: 'status_change', group: 'status_change', statusBefore: 'in_progress', statusAfter: 'completed' }),
      ],
      true,
      context,
    );
    expect(mail.subject).toBe(
      '[Pactwatch] Reminders: 1 overdue, 1 due soon, 1 status change — most urgent: AZ-US-2025-01.2 Convene the working group (22 days overdue)',
    );
  });

  it('says a catch-up is one, and why it comes', () => {
    const mail = renderReminderMail(
      [
        item({ daysLeft: 0, group: 'due_today' }),
        item({ itemKey: 'x', refCode: 'EX-01', daysLeft: -2, group: 'overdue', dueDate: '2026-02-06' }),
      ],
      'catchup',
      context,
      { replaced: 3, since: '2026-02-01' },
    );
    expect(mail.subject).toMatch(/^\[Pactwatch\] Catch-up: 1 overdue, 1 due today — most urgent: EX-01 /);
    expect(mail.text).toContain('Pactwatch could not deliver mail from 1 Feb 2026 on. This mail replaces the 3 reminder mails');
  });
});

describe('dates in the recipient’s time zone', () => {
  const notice = item({
    kind: 'status_change',
    group: 'status_change',
    statusBefore: 'in_progress',
    statusAfter: 'completed',
    changedBy: 'Ann',
    changedOn: '2026-02-14',
    // 14 Feb 2026, 20:30 UTC: already 15 Feb, 09:30, in Auckland (UTC+13).
    changedAt: '2026-02-14T20:30:00.000Z',
  });

  it('dates a status change on the Auckland watcher’s day, with the effective date the analyst gave', () => {
    const mail = renderReminderMail([notice], false, { ...context, timeZone: 'Pacific/Auckland' });
    expect(mail.text).toContain('Status changed from In progress to Completed by Ann on 15 Feb 2026 (effective 14 Feb 2026).');
    expect(mail.html).toContain('on 15 Feb 2026 (effective 14 Feb 2026)');
  });

  it('dates the same change on 14 Feb for a watcher in UTC', () => {
    const mail = renderReminderMail([notice], false, context);
    expect(mail.text).toContain('by Ann on 14 Feb 2026.');
  });

  it('works days left out again on the day of sending', () => {
    const [late] = itemsAsOf([item({ daysLeft: 1, group: 'due_soon', reason: 'due_in_1' })], '2026-02-08');
    expect([late.daysLeft, late.group]).toEqual([0, 'due_today']);
    expect(renderReminderMail([late], false, context).text).toContain('Due 8 Feb 2026: due today.');
  });
});

describe('a digest with every kind of item', () => {
  const items = [
    item({
      itemKey: 's1',
      kind: 'status_change',
      group: 'status_change',
      refCode: 'ST-2',
      statusBefore: 'in_progress',
      statusAfter: 'at_risk',
      changedOn: '2026-02-02',
    }),
    item({ itemKey: 'd2', refCode: 'SOON-LATE', dueDate: '2026-02-20', daysLeft: 19, group: 'due_soon' }),
    item({ itemKey: 'o2', refCode: 'OVER-RECENT', dueDate: '2026-01-30', daysLeft: -2, group: 'overdue' }),
    item({ itemKey: 't1', refCode: 'TODAY', dueDate: '2026-02-01', daysLeft: 0, group: 'due_today' }),
    item({ itemKey: 'd1', refCode: 'SOON-EARLY', dueDate: '2026-02-03', daysLeft: 2, group: 'due_soon' }),
    item({ itemKey: 'o1', refCode: 'OVER-OLD', dueDate: '2026-01-10', daysLeft: -22, group: 'overdue' }),
    item({
      itemKey: 's0',
      kind: 'status_change',
      group: 'status_change',
      refCode: 'ST-1',
      statusBefore: 'not_started',
      statusAfter: 'in_progress',
      dueDate: '2026-01-05',
      changedOn: '2026-02-01',
    }),
  ];
  const expected = ['OVER-OLD', 'OVER-RECENT', 'TODAY', 'SOON-EARLY', 'SOON-LATE', 'ST-1', 'ST-2'];
  const mail = renderReminderMail(items, true, context);

  it('orders the text part: overdue, due today, due soon, status changes, by due date within each', () => {
    const positions = expected.map((ref) => mail.text.indexOf(`${ref} ·`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const headings = ['== Overdue (2) ==', '== Due today (1) ==', '== Due soon (2) ==', '== Status changes (2) =='].map((h) =>
      mail.text.indexOf(h),
    );
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(headings[1]).toBeGreaterThan(positions[1]);
  });

  it('orders the HTML part the same way', () => {
    const positions = expected.map((ref) => mail.html.indexOf(`<strong>${ref}</strong>`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const headings = ['>Overdue (2)</h2>', '>Due today (1)</h2>', '>Due soon (2)</h2>', '>Status changes (2)</h2>'].map((h) =>
      mail.html.indexOf(h),
    );
    expect(headings.every((p) => p >= 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
  });
});
