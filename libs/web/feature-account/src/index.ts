export * from './lib/web-feature-account/web-feature-account';
