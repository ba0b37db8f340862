import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
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
  const part = await request.file({ limits: { fileSize: limit, files: 1, fields: 5, fieldSize: 1000 } });
  if (!part) throw new SourceDocumentException('missing_file', 'The request holds no file: send it in a field named "file"');
  const titleField = part.fields['title'];
  const title = titleField && !Array.isArray(titleField) && titleField.type === 'field' ? String(titleField.value) : undefined;
  const file = await receive(part.file, limit, { fileName: part.filename || null, declaredType: part.mimetype || null, sourceUrl: null });
  if (part.file.truncated) {
    await file.dispose();
    throw tooLarge(limit);
  }
  return { file, title };
}
