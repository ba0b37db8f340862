import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { unstorableTextPaths, ValidationFailedException } from '@pactwatch/api/core';
import { SourceDocumentException } from '../sources.errors';
import { ReceivedFile, receive, tooLarge } from './received-file';

/**
 * The one file of a multipart/form-data request, streamed to a temporary file. A `title` field sent before
 * the file is returned with it.
 */
export async function receiveUpload(request: FastifyRequest, limit: number): Promise<{ file: ReceivedFile; title?: string }> {
  if (!request.isMultipart()) {
    throw new SourceDocumentException('not_multipart', 'Send the file as multipart/form-data, in a field named "file"');
  }
  const part = await request.file({ limits: { fileSize: limit, files: 1, fields: 5, fieldSize: 1000 } }).catch((error: unknown) => {
    throw malformed(error);
  });
  if (!part) throw new SourceDocumentException('missing_file', 'The request holds no file: send it in a field named "file"');
  const titleField = part.fields['title'];
  const title =
    titleField && !Array.isArray(titleField) && titleField.type === 'field' ? checkedTitle(String(titleField.value)) : undefined;
  const file = await receive(part.file, limit, {
    fileName: part.filename || null,
    declaredType: part.mimetype || null,
    sourceUrl: null,
  }).catch((error: unknown) => {
    throw malformed(error);
  });
  if (part.file.truncated) {
    await file.dispose();
    throw tooLarge(limit);
  }
  return { file, title };
}

/** The form's title field, held to the rules of the JSON body's: storable text of at most 300 characters. */
function checkedTitle(value: string): string {
  if (unstorableTextPaths(value, 'title').length > 0) {
    throw new ValidationFailedException([{ field: 'title', message: 'must be text without NUL characters or unpaired surrogates' }]);
  }
  if ([...value.trim()].length > 300) throw new ValidationFailedException([{ field: 'title', message: 'must be at most 300 characters' }]);
  return value;
}

/** A form the multipart reader could not read (no boundary, a broken part, a body that ends early) is the client's to fix. */
function malformed(error: unknown): unknown {
  if (error instanceof SourceDocumentException || error instanceof ValidationFailedException) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new SourceDocumentException('malformed_form', `The multipart/form-data body could not be read (${reason})`);
}
