import { DomainException, ErrorCode } from '@pactwatch/api/core';

/** What is wrong with a document that was sent: each is answered with a 4xx that names it, and nothing is written. */
export type SourceProblem =
  | 'empty_file'
  | 'too_large'
  | 'unsupported_type'
  | 'not_a_pdf'
  | 'encrypted_pdf'
  | 'no_text'
  | 'not_a_zip'
  | 'unreadable_docx'
  | 'not_utf8'
  | 'not_multipart'
  | 'malformed_form'
  | 'missing_file'
  | 'url_refused'
  | 'fetch_failed';

const STATUS_CODE: Record<SourceProblem, ErrorCode> = {
  empty_file: 'bad_request',
  too_large: 'payload_too_large',
  unsupported_type: 'unsupported_media_type',
  not_a_pdf: 'unprocessable_content',
  encrypted_pdf: 'unprocessable_content',
  no_text: 'unprocessable_content',
  not_a_zip: 'unprocessable_content',
  unreadable_docx: 'unprocessable_content',
  not_utf8: 'unprocessable_content',
  not_multipart: 'unsupported_media_type',
  malformed_form: 'bad_request',
  missing_file: 'bad_request',
  url_refused: 'bad_request',
  fetch_failed: 'bad_request',
};

/** A document Pactwatch cannot take; `problem` says which rule it broke. */
export class SourceDocumentException extends DomainException {
  constructor(
    readonly problem: SourceProblem,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(STATUS_CODE[problem], message, { problem, ...details });
  }
}

/** A review step that the candidate's state does not allow (e.g. accepting a rejected candidate). */
export class CandidateStateException extends DomainException {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}

export function megabytes(bytes: number): string {
  const mb = bytes / 1_048_576;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
