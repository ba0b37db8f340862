export * from './lib/web-feature-agreements/web-feature-agreements';
