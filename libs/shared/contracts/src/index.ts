export * from './lib/common';
export * from './lib/agreements';
export * from './lib/commitments';
export * from './lib/accounts';
export * from './lib/reminders';
export * from './lib/sources';
