export * from './lib/commitments.routes';
export { CommitmentFilters } from './lib/list/commitment-filters';
