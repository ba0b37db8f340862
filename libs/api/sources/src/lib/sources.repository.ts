import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { ExtractionCandidateEntity, QuoteLocatorEntity, SourceDocumentEntity, SourceVersionEntity } from './entities/source.entities';

/** Original bytes are kept in chunks of this size. */
export const CHUNK_BYTES = 1_048_576;

export interface VersionRow {
  id: string;
  documentId: string;
  number: number;
  mediaType: string;
  fileName: string | null;
  sourceUrl: string | null;
  byteSize: number;
  sha256: string;
  textLength: number;
  addedByLabel: string;
  createdAt: Date;
  proposed: number;
  accepted: number;
  rejected: number;
}

/** The SQL of source documents: documents, versions and their bytes, extraction candidates and quote locators. */
@Injectable()
export class SourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  documentsOf(agreementId: string): Promise<SourceDocumentEntity[]> {
    return this.manager.find(SourceDocumentEntity, { where: { agreementId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  document(id: string, manager: EntityManager = this.manager): Promise<SourceDocumentEntity | null> {
    return manager.findOneBy(SourceDocumentEntity, { id });
  }

  /** Locks the document row, so two versions added at once get different numbers. */
  async lockDocument(manager: EntityManager, id: string): Promise<SourceDocumentEntity | null> {
    return manager.findOne(SourceDocumentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every version of the documents (newest first), without text or bytes, with candidate counts. */
  async versionRows(documentIds: string[]): Promise<VersionRow[]> {
    if (documentIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT v.id, v.document_id, v.number, v.media_type, v.file_name, v.source_url, v.byte_size, v.sha256,
              length(v.text) AS text_length, v.added_by_label, v.created_at,
              count(c.id) FILTER (WHERE c.status = 'proposed')::int AS proposed,
              count(c.id) FILTER (WHERE c.status = 'accepted')::int AS accepted,
              count(c.id) FILTER (WHERE c.status = 'rejected')::int AS rejected
         FROM source_versions v
         LEFT JOIN extraction_candidates c ON c.version_id = v.id
        WHERE v.document_id = ANY($1::uuid[])
        GROUP BY v.id
        ORDER BY v.document_id, v.number DESC`,
      [documentIds],
    );
    return rows.map((row) => ({
      id: row['id'] as string,
      documentId: row['document_id'] as string,
      number: row['number'] as number,
      mediaType: row['media_type'] as string,
      fileName: row['file_name'] as string | null,
      sourceUrl: row['source_url'] as string | null,
      byteSize: Number(row['byte_size']),
      sha256: row['sha256'] as string,
      textLength: Number(row['text_length']),
      addedByLabel: row['added_by_label'] as string,
      createdAt: row['created_at'] as Date,
      proposed: row['proposed'] as number,
      accepted: row['accepted'] as number,
      rejected: row['rejected'] as number,
    }));
  }

  version(documentId: string, number: number, manager: EntityManager = this.manager): Promise<SourceVersionEntity | null> {
    return manager.findOneBy(SourceVersionEntity, { documentId, number });
  }

  versionById(id: string, manager: EntityManager = this.manager): Promise<SourceVersionEntity | null> {
    return manager.findOneBy(SourceVersionEntity, { id });
  }

  versionsByIds(ids: string[], manager: EntityManager = this.manager): Promise<SourceVersionEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(SourceVersionEntity, { id: In(ids) });
  }

  async latestNumber(documentId: string, manager: EntityManager = this.manager): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(max(number), 0)::int AS n FROM source_versions WHERE document_id = $1`, [
      documentId,
    ]);
    return row.n as number;
  }

  /** Writes the original bytes from a file, one chunk at a time. */
  async writeChunks(manager: EntityManager, versionId: string, path: string): Promise<void> {
    let seq = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      await manager.query(`INSERT INTO source_version_chunks (version_id, seq, data) VALUES ($1, $2, $3)`, [versionId, seq++, chunk]);
    }
  }

  /** The original bytes as a stream, read one chunk per query. */
  chunks(versionId: string): Readable {
    const manager = this.manager;
    async function* read() {
      for (let seq = 0; ; seq++) {
        const [row] = (await manager.query(`SELECT data FROM source_version_chunks WHERE version_id = $1 AND seq = $2`, [
          versionId,
          seq,
        ])) as {
          data: Buffer;
        }[];
        if (!row) return;
        yield row.data;
      }
    }
    return Readable.from(read());
  }

  candidates(versionId: string, manager: EntityManager = this.manager): Promise<ExtractionCandidateEntity[]> {
    return manager.find(ExtractionCandidateEntity, { where: { versionId }, order: { ordinal: 'ASC' } });
  }

  candidate(id: string, manager: EntityManager = this.manager): Promise<ExtractionCandidateEntity | null> {
    return manager.findOneBy(ExtractionCandidateEntity, { id });
  }

  async lockCandidates(manager: EntityManager, ids: string[]): Promise<ExtractionCandidateEntity[]> {
    if (ids.length === 0) return [];
    return manager.find(ExtractionCandidateEntity, {
      where: { id: In(ids) },
      order: { ordinal: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Locks a version's candidates for a review step (extraction, accept-all), so two analysts do not decide the same ones twice. */
  async lockVersionCandidates(manager: EntityManager, versionId: string): Promise<ExtractionCandidateEntity[]> {
    await manager.query(`SELECT id FROM source_versions WHERE id = $1 FOR UPDATE`, [versionId]);
    return manager.find(ExtractionCandidateEntity, {
      where: { versionId },
      order: { ordinal: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  locator(commitmentId: string, manager: EntityManager = this.manager): Promise<QuoteLocatorEntity | null> {
    return manager.findOneBy(QuoteLocatorEntity, { commitmentId });
  }

  lockLocator(manager: EntityManager, commitmentId: string): Promise<QuoteLocatorEntity | null> {
    return manager.findOne(QuoteLocatorEntity, { where: { commitmentId }, lock: { mode: 'pessimistic_write' } });
  }

  locatorsOf(documentId: string, manager: EntityManager = this.manager): Promise<QuoteLocatorEntity[]> {
    return manager.find(QuoteLocatorEntity, { where: { documentId }, order: { commitmentId: 'ASC' } });
  }

  async pendingCount(documentIds: string[]): Promise<Map<string, number>> {
    if (documentIds.length === 0) return new Map();
    const rows: { document_id: string; n: number }[] = await this.manager.query(
      `SELECT document_id, count(*)::int AS n FROM quote_locators WHERE document_id = ANY($1::uuid[]) AND pending_version_id IS NOT NULL GROUP BY document_id`,
      [documentIds],
    );
    return new Map(rows.map((row) => [row.document_id, row.n]));
  }
}
