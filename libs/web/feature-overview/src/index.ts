export * from './lib/web-feature-overview/web-feature-overview';
