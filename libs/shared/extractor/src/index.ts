export type { AnchorKind, ExtractedDeadline, ExtractionCandidate, ExtractOptions, ExtractorCatalogue } from './lib/types';
export { extractCommitments } from './lib/extract';
export { segmentText } from './lib/segment';
export type { Sentence } from './lib/segment';
export { readDeadline, DOCUMENT_DATE_ANCHOR } from './lib/deadline';
