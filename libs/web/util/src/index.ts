export * from './lib/dates';
