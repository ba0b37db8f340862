import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { megabytes, SourceDocumentException } from '../sources.errors';

/** A document as received: written to a temporary file while its SHA-256 and size were counted. */
export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, to tell the type. */
  head: Buffer;
  fileName: string | null;
  declaredType: string | null;
  charset?: string;
  sourceUrl: string | null;
  /** Removes the temporary file. */
  dispose(): Promise<void>;
}

export function tooLarge(limit: number): SourceDocumentException {
  return new SourceDocumentException('too_large', `The file is larger than the limit of ${megabytes(limit)} (${limit} bytes)`, {
    limit,
  });
}

/**
 * Streams a body to a temporary file, hashing it on the way, and stops with a 413 as soon as it passes the
 * limit. Only one chunk is in memory at a time, whatever the size.
 */
export async function receive(
  source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  limit: number,
  meta: { fileName: string | null; declaredType: string | null; charset?: string; sourceUrl: string | null },
): Promise<ReceivedFile> {
  const directory = await mkdtemp(join(tmpdir(), 'pactwatch-source-'));
  const path = join(directory, 'original');
  const dispose = () => rm(directory, { recursive: true, force: true });
  const hash = createHash('sha256');
  let size = 0;
  const headParts: Buffer[] = [];
  let headLength = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(tooLarge(limit));
      hash.update(chunk);
      if (headLength < 512) {
        headParts.push(chunk.subarray(0, 512 - headLength));
        headLength += Math.min(chunk.length, 512 - headLength);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source as NodeJS.ReadableStream, count, createWriteStream(path));
  } catch (error) {
    await dispose();
    if (error instanceof SourceDocumentException) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
    throw error;
  }
  if (size === 0) {
    await dispose();
    throw new SourceDocumentException('empty_file', 'The file is empty (0 bytes)');
  }
  return { path, size, sha256: hash.digest('hex'), head: Buffer.concat(headParts), ...meta, dispose };
}

/** Pasted text, as a received file (it is stored as its UTF-8 bytes, like any other original). */
export async function receiveText(text: string, limit: number): Promise<ReceivedFile> {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > limit) throw tooLarge(limit);
  if (text.trim().length === 0) {
    throw new SourceDocumentException('empty_file', 'The text is empty', {
      errors: [{ field: 'text', message: 'must not be empty or only spaces' }],
    });
  }
  return receive(Readable.from([bytes]), limit, { fileName: null, declaredType: 'text/plain', sourceUrl: null });
}
