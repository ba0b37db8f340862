/** Source documents of agreements, their versions, the commitments drafted from them, and quote provenance. */
import type { DeadlineSpec } from '@pactwatch/shared/deadlines';
import type { IsoInstant } from './common';

export const SOURCE_DOCUMENT_KINDS = ['text', 'file', 'url'] as const;
/** How the document came in: pasted text, an uploaded file, or a URL fetched once. */
export type SourceDocumentKind = (typeof SOURCE_DOCUMENT_KINDS)[number];

/** The media types Pactwatch reads text from. */
export const SOURCE_MEDIA_TYPES = [
  'text/plain',
  'text/html',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type SourceMediaType = (typeof SOURCE_MEDIA_TYPES)[number];

export interface SourceVersionSummaryDto {
  id: string;
  number: number;
  mediaType: string;
  fileName: string | null;
  sourceUrl: string | null;
  byteSize: number;
  sha256: string;
  textLength: number;
  addedBy: string;
  addedAt: IsoInstant;
  /** Candidates by status: whether extraction ran and how far the review is. */
  candidates: { proposed: number; accepted: number; rejected: number };
}

export interface SourceDocumentDto {
  id: string;
  agreementId: string;
  agreementTitle: string;
  title: string;
  kind: SourceDocumentKind;
  createdAt: IsoInstant;
  /** Newest first. */
  versions: SourceVersionSummaryDto[];
  /** Quotes tied to an older version whose text differs in the newest one and that wait for an analyst. */
  quotesToReview: number;
}

/** A paragraph of the extracted text: its offsets and, when it opens with one, its article or clause number. */
export interface SourceParagraphDto {
  start: number;
  end: number;
  article: string | null;
}

export interface SourceVersionDto extends SourceVersionSummaryDto {
  documentId: string;
  documentTitle: string;
  agreementId: string;
  latestNumber: number;
  /** The extracted plain text; every offset Pactwatch stores counts UTF-16 code units into it. */
  text: string;
  paragraphs: SourceParagraphDto[];
}

export const CANDIDATE_STATUSES = ['proposed', 'accepted', 'rejected'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** The anchor event a relative deadline counts from: one of the agreement's, or a new pending one. */
export type CandidateAnchorDto = { kind: 'existing'; anchorEventId: string; name: string } | { kind: 'new'; name: string };

/** A deadline as drafted: like DeadlineSpec, but a relative or recurring one may count from an anchor not yet created. */
export type DraftDeadline =
  | { kind: 'none' }
  | { kind: 'absolute'; date: string; precision: 'day' | 'month' | 'quarter' | 'year' }
  | { kind: 'relative'; duration: string }
  | { kind: 'recurring'; interval: string; start?: string };

export interface ExtractionCandidateDto {
  id: string;
  versionId: string;
  ordinal: number;
  status: CandidateStatus;
  quote: string;
  start: number;
  end: number;
  article: string | null;
  paragraph: number | null;
  title: string;
  responsibleBody: string;
  partyCodes: string[];
  areaSlugs: string[];
  deadline: DraftDeadline;
  /** For a relative deadline (or a recurring one without a start): what it counts from. */
  anchor: CandidateAnchorDto | null;
  /** The phrase the anchor was read from ("signing", "the entry into force"). */
  anchorPhrase: string | null;
  parentId: string | null;
  /** The words that made the extractor take the sentence ("shall", "tasked with"). */
  cue: string;
  commitmentId: string | null;
  commitmentRefCode: string | null;
  decidedBy: string | null;
  decidedAt: IsoInstant | null;
  version: number;
}

export interface CreateTextSourceRequest {
  title: string;
  text: string;
}

export interface CreateUrlSourceRequest {
  title?: string;
  url: string;
}

export interface UpdateCandidateRequest {
  version: number;
  title?: string;
  quote?: string;
  start?: number;
  end?: number;
  responsibleBody?: string;
  partyCodes?: string[];
  areaSlugs?: string[];
  deadline?: DraftDeadline;
  anchor?: CandidateAnchorDto | null;
  parentId?: string | null;
}

export interface AcceptCandidateRequest {
  version: number;
  /** The new commitment's reference code; by default the agreement's next free one. */
  refCode?: string;
}

export interface AcceptResultDto {
  accepted: { candidateId: string; commitmentId: string; refCode: string }[];
  createdAnchorEvents: { id: string; name: string }[];
}

/**
 * Where a commitment's quote stands:
 * - `verified`: found verbatim at the stored offsets of the stored version;
 * - `moved`: found verbatim in that version, but elsewhere than the stored offsets;
 * - `not_found`: the commitment's quote no longer matches its version (it was edited by hand);
 * - `untied`: typed by hand, not tied to a source.
 */
export type QuoteState = 'verified' | 'moved' | 'not_found' | 'untied';

/** How the quote fares in a newer version of its document. */
export type QuoteRecheck = 'unchanged' | 'changed' | 'missing';

export interface QuoteProvenanceDto {
  commitmentId: string;
  state: QuoteState;
  documentId: string | null;
  documentTitle: string | null;
  versionId: string | null;
  versionNumber: number | null;
  latestVersionNumber: number | null;
  start: number | null;
  end: number | null;
  article: string | null;
  paragraph: number | null;
  /** Set while a newer version differs at this quote and the analyst has not decided. */
  pendingReview: QuoteReviewDto | null;
}

/** One quote whose text changed or disappeared in a newer version of its document. */
export interface QuoteReviewDto {
  commitmentId: string;
  refCode: string;
  title: string;
  recheck: QuoteRecheck;
  quote: string;
  fromVersionNumber: number;
  toVersionNumber: number;
  toVersionId: string;
  /** The passage of the newer version that most resembles the quote, if any. */
  suggestion: { start: number; end: number; text: string } | null;
}

export interface RecheckResultDto {
  versionNumber: number;
  /** Quotes found verbatim in the new version and moved to it. */
  moved: number;
  /** Quotes that changed or disappeared and wait for a decision. */
  toReview: QuoteReviewDto[];
}

export interface ResolveQuoteReviewRequest {
  /** `move`: tie the quote to the newer version (to `start`/`end` there, by default the suggestion); `keep`: stay on the old one. */
  decision: 'move' | 'keep';
  start?: number;
  end?: number;
}

export type { DeadlineSpec };
