import { renderReminderMail, ReminderItem } from './reminder-mail';

const context = {
  recipientName: 'Aysel <Analyst>',
  publicUrl: 'https://pactwatch.example.org',
  workspaceName: 'Pactwatch',
  unsubscribeUrl: 'https://pactwatch.example.org/api/unsubscribe?token=abc.def',
  preferencesUrl: 'https://pactwatch.example.org/account/reminders',
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
    expect(mail.subject).toBe('[Pactwatch] AZ-US-2025-01 is due in 7 days: Draft the Strategic Partnership Charter');
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
    expect(mail.subject).toBe('[Pactwatch] Reminders: 1 overdue, 1 due today, 2 due soon');
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
