import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { declareMediaTypes, essenceOf, UnsupportedMediaTypeException, ValidationFailedException } from '@pactwatch/api/core';
import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Largest CSV body accepted (JSON bodies stay at the global 1 MB). */
export const CSV_BODY_LIMIT = 5 * 1024 * 1024;

/** The route of the import, and the bodies it takes: the file itself, or a form upload with the file in one part. */
export const IMPORT_ROUTE = '/api/commitments/import.csv';
export const CSV_MEDIA_TYPES = ['text/csv', 'application/csv'] as const;
export const IMPORT_MEDIA_TYPES = ['text/csv', 'multipart/form-data'] as const;

/**
 * Where the bytes stop being UTF-8: the offset of the first byte that cannot start or continue a character (or of a
 * character cut off at the end), or -1 when all of it is UTF-8. Overlong forms, surrogates and code points past
 * U+10FFFF count as invalid, as in the WHATWG decoder.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1];
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/** The CSV text of the bytes, or a 400 that says where they stop being UTF-8 (line and byte, both counted from 1). */
export function decodeCsv(bytes: Uint8Array): string {
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== -1) {
    let line = 1;
    for (let i = 0; i < invalid; i++) if (bytes[i] === 0x0a) line += 1;
    throw new ValidationFailedException(
      [
        {
          field: 'body',
          message: `is not valid UTF-8: byte ${invalid + 1} (line ${line}) is 0x${bytes[invalid].toString(16).padStart(2, '0')}, which UTF-8 does not allow there. Save the file as "CSV UTF-8".`,
        },
      ],
      'The file is not UTF-8 text; nothing was imported',
    );
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * The CSV text an import request carries: a text/csv (or application/csv) body, or the first file of a
 * multipart/form-data upload. Any other body is refused with 415, naming the types the import takes.
 */
export async function csvTextOf(request: FastifyRequest, body: unknown): Promise<string> {
  const type = essenceOf(request.headers['content-type']);
  if ((CSV_MEDIA_TYPES as readonly string[]).includes(type) && typeof body === 'string') return body;
  if (type === 'multipart/form-data' && typeof request.file === 'function') {
    const part = await request.file({ limits: { fileSize: CSV_BODY_LIMIT, files: 1 } });
    if (!part) throw new ValidationFailedException([{ field: 'file', message: 'is required: the form has no file in it' }]);
    return decodeCsv(await part.toBuffer());
  }
  throw new UnsupportedMediaTypeException(type, IMPORT_MEDIA_TYPES);
}

/** Lets Fastify accept `text/csv` bodies for the import endpoint, checked to be UTF-8. */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    declareMediaTypes(IMPORT_ROUTE, IMPORT_MEDIA_TYPES);
    const instance = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!instance?.addContentTypeParser || instance.hasContentTypeParser('text/csv')) return;
    instance.addContentTypeParser([...CSV_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) => {
      try {
        done(null, decodeCsv(body as Buffer));
      } catch (error) {
        done(error as Error);
      }
    });
  }
}
