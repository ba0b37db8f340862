export * from './lib/sources.routes';
export * from './lib/source-documents-section';
export * from './lib/quote-provenance';
