import { BaseHarnessFilters, ComponentHarness, HarnessPredicate } from '@angular/cdk/testing';

export interface FlagBadgeHarnessFilters extends BaseHarnessFilters {
  /** The flag code, e.g. 'overdue'. */
  flag?: string;
  /** The label a reader hears, e.g. 'Overdue'. */
  label?: string | RegExp;
}

/** Harness for `pw-flag-badge`. */
export class FlagBadgeHarness extends ComponentHarness {
  static hostSelector = 'pw-flag-badge';

  static with(options: FlagBadgeHarnessFilters = {}): HarnessPredicate<FlagBadgeHarness> {
    return new HarnessPredicate(FlagBadgeHarness, options)
      .addOption('flag', options.flag, async (harness, flag) => (await harness.getFlag()) === flag)
      .addOption('label', options.label, (harness, label) => HarnessPredicate.stringMatches(harness.getLabel(), label));
  }

  private readonly label = this.locatorFor('.pw-flag__label');
  private readonly icon = this.locatorFor('.pw-flag__icon');

  async getFlag(): Promise<string | null> {
    return (await this.host()).getAttribute('data-flag');
  }

  /** The visible (or, when compact, visually hidden) label without the screen-reader prefix. */
  async getLabel(): Promise<string> {
    const text = (await (await this.label()).text()).trim();
    return text.replace(/^Schedule flag:\s*/, '');
  }

  /** Everything a screen reader announces for the badge. */
  async getAccessibleText(): Promise<string> {
    return (await (await this.label()).text()).trim();
  }

  async getIconName(): Promise<string> {
    return (await (await this.icon()).text()).trim();
  }

  async isIconHiddenFromAssistiveTech(): Promise<boolean> {
    return (await (await this.icon()).getAttribute('aria-hidden')) === 'true';
  }

  async isCompact(): Promise<boolean> {
    return (await this.host()).hasClass('pw-flag--compact');
  }

  async isLabelVisuallyHidden(): Promise<boolean> {
    return (await this.label()).hasClass('cdk-visually-hidden');
  }

  async getToneClass(): Promise<string | null> {
    const classes = (await (await this.host()).getAttribute('class')) ?? '';
    return classes.split(/\s+/).find((c) => c.startsWith('pw-flag--') && c !== 'pw-flag--compact') ?? null;
  }
}
