import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '@pactwatch/api/core';
import { MailSender } from '../mail/mail-sender.service';
import { ReminderPlanner } from '../planning/reminder-planner.service';

/**
 * The timers. Deliberately thin: the planner takes the cluster-wide advisory lock and captures errors per
 * recipient; senders claim rows with SKIP LOCKED. Every instance with SCHEDULER_ENABLED runs both, every
 * REMINDER_PLAN_INTERVAL_SECONDS and MAIL_SEND_INTERVAL_SECONDS; a run still going when the next is due is
 * not doubled. On shutdown the timers stop first; a planning run in progress is awaited before the database
 * closes (the sender drains its own sends, see MailSender).
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ReminderScheduler');
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly planner: ReminderPlanner,
    private readonly sender: MailSender,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.SCHEDULER_ENABLED) return;
    this.every('reminders-plan', this.config.env.REMINDER_PLAN_INTERVAL_SECONDS, () => this.plan());
    if (this.sender.configured) this.every('reminders-send', this.config.env.MAIL_SEND_INTERVAL_SECONDS, () => this.send());
  }

  beforeApplicationShutdown(): void {
    for (const name of this.registry.getIntervals()) if (name.startsWith('reminders-')) this.registry.deleteInterval(name);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running.get('reminders-plan');
  }

  private every(name: string, seconds: number, task: () => Promise<void>): void {
    const timer = setInterval(() => {
      if (this.running.has(name)) return;
      const run = task().finally(() => this.running.delete(name));
      this.running.set(name, run);
    }, seconds * 1000);
    this.registry.addInterval(name, timer);
  }

  private async plan(): Promise<void> {
    try {
      const result = await this.planner.run();
      if (result && (result.deliveriesCreated > 0 || result.deliveriesCancelled > 0 || result.failures > 0)) {
        this.logger.log(
          `Planned ${result.itemsPlanned} reminder(s) in ${result.deliveriesCreated} mail(s) for ${result.recipients} recipient(s); ` +
            `cancelled ${result.deliveriesCancelled}; ${result.failures} recipient(s) failed`,
        );
      }
    } catch (error) {
      this.logger.error('Reminder planning failed', error instanceof Error ? error.stack : String(error));
    }
  }

  private async send(): Promise<void> {
    try {
      const result = await this.sender.sendDue();
      if (result.claimed > 0)
        this.logger.log(
          `Sent ${result.sent} mail(s); ${result.retrying} to retry; ${result.dead} dead; ${result.cancelled} dropped (nothing in them still held)`,
        );
    } catch (error) {
      this.logger.error('Sending mail failed', error instanceof Error ? error.stack : String(error));
    }
  }
}
