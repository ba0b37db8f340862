export * from './lib/web-feature-calendar/web-feature-calendar';
