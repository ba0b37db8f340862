export * from './lib/api-reminders.module';
