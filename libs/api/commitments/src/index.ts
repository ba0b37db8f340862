export * from './lib/entities';
export * from './lib/commitments.module';
export * from './lib/commitments/commitments.service';
export * from './lib/commitments/commitment-query.service';
export * from './lib/deadlines/recurring-deadlines.service';
export * from './lib/demo/demo-data';
export { serializeReply } from './lib/shared/read-cache';
