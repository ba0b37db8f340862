import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReminderItemEntity, ReminderPreferencesEntity, ReminderStateEntity, WatchEntity } from './entities';
import { MailSender } from './mail/mail-sender.service';
import { mailTransportProvider } from './mail/mail-transport';
import { ReminderLinks } from './mail/reminder-links';
import { OutboxController } from './outbox/outbox.controller';
import { OutboxService } from './outbox/outbox.service';
import { ReminderPlanner } from './planning/reminder-planner.service';
import { ReminderPreferencesController } from './preferences/preferences.controller';
import { ReminderPreferencesService } from './preferences/preferences.service';
import { ReminderScheduler } from './scheduling/reminder-scheduler';
import { OneClickBodyParser } from './unsubscribe/one-click-body';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';
import { WatchesController } from './watches/watches.controller';
import { WatchesService } from './watches/watches.service';

/**
 * Reminders: watches, preferences, the planner that fills the mail outbox, the sender that empties it,
 * one-click unsubscribe, and the admin's outbox view.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WatchEntity, ReminderPreferencesEntity, ReminderItemEntity, ReminderStateEntity])],
  controllers: [ReminderPreferencesController, WatchesController, OutboxController, UnsubscribeController],
  providers: [
    mailTransportProvider,
    MailSender,
    ReminderLinks,
    ReminderPlanner,
    ReminderScheduler,
    ReminderPreferencesService,
    WatchesService,
    OutboxService,
    UnsubscribeService,
    OneClickBodyParser,
  ],
  exports: [ReminderPlanner, MailSender, WatchesService, ReminderPreferencesService],
})
export class RemindersModule {}
