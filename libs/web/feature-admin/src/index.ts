export * from './lib/web-feature-admin/web-feature-admin';
