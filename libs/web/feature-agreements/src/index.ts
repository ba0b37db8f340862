export * from './lib/agreements.routes';
