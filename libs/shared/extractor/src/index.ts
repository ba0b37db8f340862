export type { AnchorKind, ExtractedDeadline, ExtractionCandidate, ExtractOptions, ExtractorCatalogue } from './lib/types';
export { extractCommitments } from './lib/extract';
