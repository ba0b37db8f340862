import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScheduleFlag } from '@pactwatch/shared/contracts';
import { SCHEDULE_FLAGS } from '@pactwatch/shared/deadlines';
import { FLAG_APPEARANCE } from './flag-appearance';
import { FlagBadge } from './flag-badge';
import { FlagBadgeHarness } from './flag-badge.harness';
import { FlagList } from './flag-list';

@Component({
  imports: [FlagBadge, FlagList],
  template: `
    <pw-flag-badge [flag]="flag()" [compact]="compact()" />
    <div class="list"><pw-flag-list [flags]="flags()" emptyText="On schedule" /></div>
  `,
})
class Host {
  readonly flag = signal<ScheduleFlag>('overdue');
  readonly compact = signal(false);
  readonly flags = signal<ScheduleFlag[]>([]);
}

async function setUp() {
  const fixture = TestBed.createComponent(Host);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  await fixture.whenStable();
  return { fixture, loader, host: fixture.componentInstance };
}

describe('FlagBadge', () => {
  it.each(SCHEDULE_FLAGS.map((flag) => [flag]))('shows %s with its own icon and a text label', async (flag) => {
    const { fixture, loader, host } = await setUp();
    host.flag.set(flag);
    await fixture.whenStable();

    const badge = await loader.getHarness(FlagBadgeHarness.with({ flag }));
    expect(await badge.getLabel()).toBe(FLAG_APPEARANCE[flag].label);
    expect(await badge.getIconName()).toBe(FLAG_APPEARANCE[flag].icon);
    expect(await badge.getToneClass()).toBe(`pw-flag--${flag.replace('_', '-')}`);
  });

  it('gives every flag a distinct icon, so flags never differ by colour alone', () => {
    const icons = SCHEDULE_FLAGS.map((flag) => FLAG_APPEARANCE[flag].icon);
    expect(new Set(icons).size).toBe(SCHEDULE_FLAGS.length);
  });

  it('announces the flag as a schedule flag and hides the decorative icon from screen readers', async () => {
    const { loader } = await setUp();
    const badge = await loader.getHarness(FlagBadgeHarness.with({ flag: 'overdue' }));
    expect(await badge.getAccessibleText()).toBe('Schedule flag: Overdue');
    expect(await badge.isIconHiddenFromAssistiveTech()).toBe(true);
  });

  it('keeps the label for assistive technology when compact', async () => {
    const { fixture, loader, host } = await setUp();
    host.compact.set(true);
    host.flag.set('due_soon');
    await fixture.whenStable();

    const badge = await loader.getHarness(FlagBadgeHarness.with({ flag: 'due_soon' }));
    expect(await badge.isCompact()).toBe(true);
    expect(await badge.isLabelVisuallyHidden()).toBe(true);
    expect(await badge.getAccessibleText()).toBe('Schedule flag: Due within 7 days');
  });

  it('uses text and background colours with at least WCAG AA contrast (4.5:1)', () => {
    const scss = readFileSync(join(__dirname, 'flag-badge.scss'), 'utf8');
    const blocks = [...scss.matchAll(/\.pw-flag--([\w-]+)\)\s*\{([^}]*)\}/g)].filter(([, , body]) => body.includes('--pw-flag-fg'));
    expect(blocks.length).toBe(SCHEDULE_FLAGS.length);
    for (const [, name, body] of blocks) {
      const fg = /--pw-flag-fg:\s*(#[0-9a-f]{6})/i.exec(body)?.[1];
      const bg = /--pw-flag-bg:\s*(#[0-9a-f]{6})/i.exec(body)?.[1];
      expect([name, fg, bg].every(Boolean)).toBe(true);
      expect({ name, ratio: contrast(fg as string, bg as string) >= 4.5 }).toEqual({ name, ratio: true });
    }
  });
});

describe('FlagList', () => {
  it('renders one badge per flag in the given order', async () => {
    const { fixture, loader, host } = await setUp();
    host.flags.set(['overdue', 'stale']);
    await fixture.whenStable();

    const badges = await loader.getAllHarnesses(FlagBadgeHarness.with({ ancestor: '.list' }));
    expect(await Promise.all(badges.map((b) => b.getFlag()))).toEqual(['overdue', 'stale']);
  });

  it('says so when a commitment has no flag', async () => {
    const { fixture, loader } = await setUp();
    expect(await loader.getAllHarnesses(FlagBadgeHarness.with({ ancestor: '.list' }))).toHaveLength(0);
    expect((fixture.nativeElement as HTMLElement).querySelector('.list')?.textContent).toContain('On schedule');
  });
});

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
