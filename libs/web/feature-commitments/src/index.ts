export * from './lib/web-feature-commitments/web-feature-commitments';
