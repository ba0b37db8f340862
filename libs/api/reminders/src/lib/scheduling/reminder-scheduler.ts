import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '@pactwatch/api/core';
import { MailSender } from '../mail/mail-sender.service';
import { ReminderPlanner } from '../planning/reminder-planner.service';

/**
 * The cron triggers. Deliberately thin: the planner takes the cluster-wide advisory lock and captures
 * errors per recipient; senders claim rows with SKIP LOCKED. Every instance with SCHEDULER_ENABLED runs both.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger('ReminderScheduler');

  constructor(
    private readonly config: AppConfig,
    private readonly planner: ReminderPlanner,
    private readonly sender: MailSender,
  ) {}

  @Cron('30 */5 * * * *', { name: 'reminders-plan', waitForCompletion: true })
  async plan(): Promise<void> {
    if (!this.config.env.SCHEDULER_ENABLED) return;
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

  @Cron('0 * * * * *', { name: 'reminders-send', waitForCompletion: true })
  async send(): Promise<void> {
    if (!this.config.env.SCHEDULER_ENABLED || !this.sender.configured) return;
    try {
      const result = await this.sender.sendDue();
      if (result.claimed > 0) this.logger.log(`Sent ${result.sent} mail(s); ${result.retrying} to retry; ${result.dead} dead`);
    } catch (error) {
      this.logger.error('Sending mail failed', error instanceof Error ? error.stack : String(error));
    }
  }
}
