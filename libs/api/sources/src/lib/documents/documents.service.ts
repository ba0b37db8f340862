import { Inject, Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { AgreementsService } from '@pactwatch/api/commitments';
import { AppConfig, NotFoundException } from '@pactwatch/api/core';
import type {
  RecheckResultDto,
  SourceDocumentDto,
  SourceDocumentKind,
  SourceVersionDto,
  SourceVersionSummaryDto,
} from '@pactwatch/shared/contracts';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { SourceDocumentEntity, SourceVersionEntity } from '../entities/source.entities';
import { fetchDocument } from '../intake/fetch-url';
import { ReceivedFile, receiveText } from '../intake/received-file';
import { ProvenanceService } from '../provenance/provenance.service';
import { SourcesRepository, VersionRow } from '../sources.repository';
import { detectMediaType, extractText } from '../text/extract-text';
import { paragraphsOf } from '../text/plain-text';
import { isUuid } from '../uuid';

/** What a new document or version is made from. */
export type SourceInput = { kind: 'text'; text: string } | { kind: 'url'; url: string } | { kind: 'file'; file: ReceivedFile };

interface Prepared {
  file: ReceivedFile;
  mediaType: string;
  text: string;
  paragraphs: ReturnType<typeof paragraphsOf>;
}

/**
 * Source documents and their versions. A version is written once: its original bytes (in chunks), its extracted
 * text, SHA-256, media type and who added it. Bad input is refused before anything is written.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repository: SourcesRepository,
    private readonly agreements: AgreementsService,
    private readonly provenance: ProvenanceService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  get sizeLimit(): number {
    return this.config.env.SOURCE_MAX_BYTES;
  }

  async list(agreementId: string): Promise<SourceDocumentDto[]> {
    const agreement = await this.agreements.get(agreementId);
    const documents = await this.repository.documentsOf(agreement.id);
    return this.toDtos(documents, agreement.title);
  }

  async get(documentId: string): Promise<SourceDocumentDto> {
    const document = await this.find(documentId);
    const agreement = await this.agreements.get(document.agreementId);
    const [dto] = await this.toDtos([document], agreement.title);
    return dto;
  }

  async version(documentId: string, number: number): Promise<SourceVersionDto> {
    const document = await this.find(documentId);
    const version = await this.repository.version(document.id, number);
    if (!version) throw new NotFoundException('Source document version', `${documentId} v${number}`);
    const [row] = (await this.repository.versionRows([document.id])).filter((item) => item.id === version.id);
    return {
      ...toVersionSummary(row),
      documentId: document.id,
      documentTitle: document.title,
      agreementId: document.agreementId,
      latestNumber: await this.repository.latestNumber(document.id),
      text: version.text,
      paragraphs: version.paragraphs,
    };
  }

  /** The original bytes, streamed from the database. */
  async original(documentId: string, number: number): Promise<{ stream: Readable; mediaType: string; fileName: string; size: number }> {
    const document = await this.find(documentId);
    const version = await this.repository.version(document.id, number);
    if (!version) throw new NotFoundException('Source document version', `${documentId} v${number}`);
    const extension = { 'application/pdf': 'pdf', 'text/html': 'html', 'text/plain': 'txt' }[version.mediaType] ?? 'docx';
    return {
      stream: this.repository.chunks(version.id),
      mediaType: version.mediaType,
      fileName: version.fileName ?? `${document.title.replace(/[^\w.-]+/g, '-').slice(0, 80)}-v${version.number}.${extension}`,
      size: version.byteSize,
    };
  }

  /** A new document of the agreement, with its first version. */
  async create(agreementId: string, title: string | undefined, input: SourceInput, actor: Actor): Promise<SourceDocumentDto> {
    const agreement = await this.agreements.get(agreementId);
    const prepared = await this.prepare(input);
    try {
      const kind: SourceDocumentKind = input.kind;
      const name = (title?.trim() || prepared.file.fileName || prepared.file.sourceUrl || 'Pasted text').slice(0, 300);
      const id = await this.repository.transaction(async (manager) => {
        const document = await manager.save(
          manager.create(SourceDocumentEntity, { agreementId: agreement.id, title: name, kind, createdBy: actor.id }),
        );
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: 'source_document',
          entityId: document.id,
          after: { agreementId: agreement.id, title: document.title, kind },
          summary: `Added source document "${document.title}" to ${agreement.title}`,
        });
        await this.writeVersion(manager, document, 1, prepared, actor);
        return document.id;
      });
      return this.get(id);
    } finally {
      await prepared.file.dispose();
    }
  }

  /** A new version of a document; every quote tied to the document is checked against it in the same transaction. */
  async addVersion(
    documentId: string,
    input: SourceInput,
    actor: Actor,
  ): Promise<{ document: SourceDocumentDto; recheck: RecheckResultDto }> {
    await this.find(documentId);
    const prepared = await this.prepare(input);
    try {
      const recheck = await this.repository.transaction(async (manager) => {
        const document = await this.repository.lockDocument(manager, documentId);
        if (!document) throw new NotFoundException('Source document', documentId);
        const number = (await this.repository.latestNumber(document.id, manager)) + 1;
        const version = await this.writeVersion(manager, document, number, prepared, actor);
        return this.provenance.recheckWithin(manager, document, version, actor);
      });
      return { document: await this.get(documentId), recheck };
    } finally {
      await prepared.file.dispose();
    }
  }

  private async find(documentId: string): Promise<SourceDocumentEntity> {
    const document = isUuid(documentId) ? await this.repository.document(documentId) : null;
    if (!document) throw new NotFoundException('Source document', documentId);
    return document;
  }

  /** Receives the bytes, tells their type and extracts the text; throws a 4xx naming the problem before anything is written. */
  private async prepare(input: SourceInput): Promise<Prepared> {
    const file =
      input.kind === 'file'
        ? input.file
        : input.kind === 'text'
          ? await receiveText(input.text, this.sizeLimit)
          : await fetchDocument(input.url, {
              limit: this.sizeLimit,
              timeoutMs: this.config.env.SOURCE_FETCH_TIMEOUT_SECONDS * 1000,
              allowPrivate: this.config.env.SOURCE_FETCH_ALLOW_PRIVATE,
            });
    try {
      const mediaType = detectMediaType(file.head, file.fileName, file.declaredType);
      // One copy of the bytes in memory, for the reader; it is dropped once the text is out.
      const text = await extractText(await readFile(file.path), mediaType, file.charset);
      return { file, mediaType, text, paragraphs: paragraphsOf(text) };
    } catch (error) {
      await file.dispose();
      throw error;
    }
  }

  private async writeVersion(
    manager: EntityManager,
    document: SourceDocumentEntity,
    number: number,
    prepared: Prepared,
    actor: Actor,
  ): Promise<SourceVersionEntity> {
    const version = await manager.save(
      manager.create(SourceVersionEntity, {
        documentId: document.id,
        number,
        mediaType: prepared.mediaType,
        fileName: prepared.file.fileName,
        sourceUrl: prepared.file.sourceUrl,
        byteSize: prepared.file.size,
        sha256: prepared.file.sha256,
        text: prepared.text,
        paragraphs: prepared.paragraphs,
        addedBy: actor.id,
        addedByLabel: actor.label,
      }),
    );
    await this.repository.writeChunks(manager, version.id, prepared.file.path);
    await this.audit.record(manager, actor, {
      action: 'create',
      entityType: 'source_version',
      entityId: version.id,
      after: {
        documentId: document.id,
        number,
        mediaType: version.mediaType,
        fileName: version.fileName,
        sourceUrl: version.sourceUrl,
        byteSize: version.byteSize,
        sha256: version.sha256,
      },
      summary: `Added version ${number} of "${document.title}" (${version.mediaType}, ${version.byteSize} bytes)`,
    });
    return version;
  }

  private async toDtos(documents: SourceDocumentEntity[], agreementTitle: string): Promise<SourceDocumentDto[]> {
    const ids = documents.map((document) => document.id);
    const [versions, pending] = await Promise.all([this.repository.versionRows(ids), this.repository.pendingCount(ids)]);
    return documents.map((document) => ({
      id: document.id,
      agreementId: document.agreementId,
      agreementTitle,
      title: document.title,
      kind: document.kind,
      createdAt: document.createdAt.toISOString(),
      versions: versions.filter((version) => version.documentId === document.id).map(toVersionSummary),
      quotesToReview: pending.get(document.id) ?? 0,
    }));
  }
}

function toVersionSummary(row: VersionRow): SourceVersionSummaryDto {
  return {
    id: row.id,
    number: row.number,
    mediaType: row.mediaType,
    fileName: row.fileName,
    sourceUrl: row.sourceUrl,
    byteSize: row.byteSize,
    sha256: row.sha256,
    textLength: row.textLength,
    addedBy: row.addedByLabel,
    addedAt: row.createdAt.toISOString(),
    candidates: { proposed: row.proposed, accepted: row.accepted, rejected: row.rejected },
  };
}
