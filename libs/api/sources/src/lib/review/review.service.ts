import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { AgreementsService, AnchorEventsService, AreasService, CommitmentsService, PartiesService } from '@pactwatch/api/commitments';
import { Clock, NotFoundException, ValidationFailedException, VersionConflictException } from '@pactwatch/api/core';
import type {
  AcceptCandidateRequest,
  AcceptResultDto,
  AgreementDto,
  ExtractionCandidateDto,
  UpdateCandidateRequest,
} from '@pactwatch/shared/contracts';
import { extractCommitments } from '@pactwatch/shared/extractor';
import { EntityManager } from 'typeorm';
import { ExtractionCandidateEntity, QuoteLocatorEntity, SourceDocumentEntity, SourceVersionEntity } from '../entities/source.entities';
import { locatorText } from '../provenance/provenance.service';
import { findVerbatim } from '../provenance/quote-match';
import { CandidateStateException } from '../sources.errors';
import { SourcesRepository } from '../sources.repository';
import { locate } from '../text/plain-text';
import { isUuid } from '../uuid';
import { deadlineSpec, draftFromExtraction, fitTitle, nextRefCode } from './draft';

const ENTITY = 'extraction_candidate';

interface Context {
  document: SourceDocumentEntity;
  version: SourceVersionEntity;
  agreement: AgreementDto;
}

/**
 * Review, then create: the extractor drafts candidates from a version; analysts edit, accept or reject them.
 * Accepting creates the commitments (and any new anchor events) with their quote locators in one transaction.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly repository: SourcesRepository,
    private readonly agreements: AgreementsService,
    private readonly anchors: AnchorEventsService,
    private readonly parties: PartiesService,
    private readonly areas: AreasService,
    private readonly commitments: CommitmentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(documentId: string, number: number): Promise<ExtractionCandidateDto[]> {
    const context = await this.context(documentId, number);
    return this.toDtos(await this.repository.candidates(context.version.id), context.agreement);
  }

  /**
   * Runs the extractor on the version with the workspace's catalogue and the agreement's anchor events. Runs
   * once per version: when it already ran, its candidates are returned as they are.
   */
  async extract(documentId: string, number: number, actor: Actor): Promise<ExtractionCandidateDto[]> {
    const context = await this.context(documentId, number);
    const [parties, areas] = await Promise.all([this.parties.list(), this.areas.list()]);
    const documentDate = context.agreement.signedOn ?? context.version.createdAt.toISOString().slice(0, 10);
    const found = extractCommitments(context.version.text, {
      documentDate,
      catalogue: {
        parties: parties.map((party) => ({ code: party.code, name: party.name })),
        areas: areas.map((area) => ({ slug: area.slug, name: area.name })),
      },
    });
    const anchorEvents = context.agreement.anchorEvents.map((event) => ({ id: event.id, name: event.name, occurredOn: event.occurredOn }));
    const partyCodes = new Set(parties.map((party) => party.code));
    const areaSlugs = new Set(areas.map((area) => area.slug));
    await this.repository.transaction(async (manager) => {
      const existing = await this.repository.lockVersionCandidates(manager, context.version.id);
      if (existing.length > 0) return;
      const rows = found
        .filter((candidate) => context.version.text.slice(candidate.start, candidate.end) === candidate.quote)
        .map((candidate, index) => {
          const draft = draftFromExtraction(candidate, documentDate, anchorEvents);
          const place = locate(context.version.paragraphs, candidate.start);
          return manager.create(ExtractionCandidateEntity, {
            versionId: context.version.id,
            ordinal: index + 1,
            status: 'proposed',
            quote: candidate.quote,
            start: candidate.start,
            end: candidate.end,
            article: (candidate.locator.article ?? place.article)?.slice(0, 40) ?? null,
            paragraph: candidate.locator.paragraph ?? place.paragraph,
            title: fitTitle(candidate.title || candidate.quote),
            responsibleBody: (candidate.responsibleBody ?? '').slice(0, 300),
            // The catalogue is the only source of parties and areas: nothing the extractor invents is kept.
            partyCodes: candidate.partyCodes.filter((code) => partyCodes.has(code)),
            areaSlugs: candidate.areaSlugs.filter((slug) => areaSlugs.has(slug)),
            deadline: draft.deadline,
            anchorEventId: draft.anchor.anchorEventId,
            newAnchorName: draft.anchor.newAnchorName,
            anchorPhrase: draft.anchorPhrase?.slice(0, 200) ?? null,
            parentId: null,
            cue: candidate.cue.slice(0, 80),
          });
        });
      if (rows.length > 0) await manager.save(rows);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: ENTITY,
        entityId: context.version.id,
        after: { candidates: rows.length },
        summary: `Drafted ${rows.length} commitment(s) from version ${context.version.number} of "${context.document.title}"`,
      });
    });
    return this.list(documentId, number);
  }

  async update(candidateId: string, request: UpdateCandidateRequest, actor: Actor): Promise<ExtractionCandidateDto> {
    const agreement = await this.repository.transaction(async (manager) => {
      const [row] = isUuid(candidateId) ? await this.repository.lockCandidates(manager, [candidateId]) : [];
      if (!row) throw new NotFoundException('Extraction candidate', candidateId);
      const context = await this.contextOf(row.versionId, manager);
      this.assertEditable(row, request.version, context.agreement);
      const before = snapshot(row);
      if (request.title !== undefined) row.title = request.title;
      if (request.responsibleBody !== undefined) row.responsibleBody = request.responsibleBody;
      if (request.partyCodes !== undefined) row.partyCodes = request.partyCodes;
      if (request.areaSlugs !== undefined) row.areaSlugs = request.areaSlugs;
      if (request.deadline !== undefined) row.deadline = request.deadline;
      if (request.parentId !== undefined) {
        if (request.parentId !== null && !(await this.commitments.refCodesByIds([request.parentId])).has(request.parentId)) {
          throw new ValidationFailedException([{ field: 'parentId', message: 'names no commitment' }]);
        }
        row.parentId = request.parentId;
      }
      if (request.anchor !== undefined) {
        if (request.anchor === null) {
          row.anchorEventId = null;
          row.newAnchorName = null;
        } else if (request.anchor.kind === 'existing') {
          const anchorId = request.anchor.anchorEventId;
          if (!context.agreement.anchorEvents.some((event) => event.id === anchorId)) {
            throw new ValidationFailedException([{ field: 'anchor.anchorEventId', message: 'names no anchor event of this agreement' }]);
          }
          row.anchorEventId = anchorId;
          row.newAnchorName = null;
        } else {
          row.anchorEventId = null;
          row.newAnchorName = request.anchor.name;
        }
      }
      if (request.quote !== undefined || request.start !== undefined || request.end !== undefined) {
        const span = quoteSpan(context.version.text, request, row);
        const place = locate(context.version.paragraphs, span.start);
        Object.assign(row, { ...span, article: place.article, paragraph: place.paragraph });
      }
      const saved = await manager.save(row);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: ENTITY,
        entityId: row.id,
        before,
        after: snapshot(saved),
        summary: `Edited the draft "${saved.title}"`,
      });
      return context.agreement;
    });
    const row = await this.repository.candidate(candidateId);
    return (await this.toDtos([row as ExtractionCandidateEntity], agreement))[0];
  }

  async reject(candidateId: string, version: number, actor: Actor): Promise<ExtractionCandidateDto> {
    const agreement = await this.repository.transaction(async (manager) => {
      const [row] = isUuid(candidateId) ? await this.repository.lockCandidates(manager, [candidateId]) : [];
      if (!row) throw new NotFoundException('Extraction candidate', candidateId);
      const context = await this.contextOf(row.versionId, manager);
      this.assertEditable(row, version, context.agreement);
      row.status = 'rejected';
      row.decidedBy = actor.label;
      row.decidedAt = this.clock.now();
      await manager.save(row);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: ENTITY,
        entityId: row.id,
        before: { status: 'proposed' },
        after: { status: 'rejected' },
        summary: `Rejected the draft "${row.title}" from version ${context.version.number} of "${context.document.title}"`,
      });
      return context.agreement;
    });
    const row = await this.repository.candidate(candidateId);
    return (await this.toDtos([row as ExtractionCandidateEntity], agreement))[0];
  }

  async accept(candidateId: string, request: AcceptCandidateRequest, actor: Actor): Promise<AcceptResultDto> {
    return this.repository.transaction(async (manager) => {
      const [row] = isUuid(candidateId) ? await this.repository.lockCandidates(manager, [candidateId]) : [];
      if (!row) throw new NotFoundException('Extraction candidate', candidateId);
      const context = await this.contextOf(row.versionId, manager);
      this.assertEditable(row, request.version, context.agreement);
      return this.acceptWithin(manager, [row], context, actor, request.refCode);
    });
  }

  /** Accepts every candidate of the version still proposed, in one transaction. */
  async acceptRemaining(documentId: string, number: number, actor: Actor): Promise<AcceptResultDto> {
    const context = await this.context(documentId, number);
    return this.repository.transaction(async (manager) => {
      const rows = (await this.repository.lockVersionCandidates(manager, context.version.id)).filter((row) => row.status === 'proposed');
      return this.acceptWithin(manager, rows, context, actor);
    });
  }

  private async acceptWithin(
    manager: EntityManager,
    rows: ExtractionCandidateEntity[],
    context: Context,
    actor: Actor,
    refCode?: string,
  ): Promise<AcceptResultDto> {
    const { document, version, agreement } = context;
    const origin = `from version ${version.number} of source document "${document.title}"`;
    const existingCodes = await this.commitments.refCodesOf(manager, agreement.id);
    const taken = new Set<string>();
    const createdAnchors = new Map<string, string>();
    const result: AcceptResultDto = { accepted: [], createdAnchorEvents: [] };
    for (const row of rows) {
      let anchorEventId = row.anchorEventId;
      const needsAnchor = row.deadline.kind === 'relative' || (row.deadline.kind === 'recurring' && !row.deadline.start);
      if (needsAnchor && !anchorEventId) {
        if (!row.newAnchorName) {
          throw new ValidationFailedException(
            [
              {
                field: 'anchor',
                message: `the draft "${row.title}" counts its deadline from an event: choose an anchor event or name a new one`,
              },
            ],
            'A relative deadline needs an anchor event',
          );
        }
        const name = row.newAnchorName;
        anchorEventId = createdAnchors.get(name.toLowerCase()) ?? null;
        if (!anchorEventId) {
          anchorEventId = await this.anchors.createWithin(
            manager,
            {
              agreementId: agreement.id,
              name,
              occurredOn: null,
              note: `Read from "${document.title}", version ${version.number}: "${row.anchorPhrase ?? name}"`,
            },
            actor,
            origin,
          );
          createdAnchors.set(name.toLowerCase(), anchorEventId);
          result.createdAnchorEvents.push({ id: anchorEventId, name });
        }
      }
      const code = refCode ?? nextRefCode(existingCodes, 'SRC-', taken);
      taken.add(code);
      const commitmentId = await this.commitments.createWithin(
        manager,
        {
          refCode: code,
          title: row.title,
          agreementId: agreement.id,
          parentId: row.parentId,
          deadline: deadlineSpec(row.deadline, needsAnchor ? anchorEventId : null),
          sourceQuote: row.quote,
          sourceLocator: locatorText(document.title, version.number, row.article, row.paragraph),
          sourceUrl: version.sourceUrl,
          responsibleBody: row.responsibleBody,
          partyCodes: row.partyCodes,
          areaSlugs: row.areaSlugs,
        },
        actor,
        origin,
      );
      await manager.insert(QuoteLocatorEntity, {
        commitmentId,
        documentId: document.id,
        versionId: version.id,
        start: row.start,
        end: row.end,
        article: row.article,
        paragraph: row.paragraph,
        pendingVersionId: null,
        pendingRecheck: null,
      });
      row.status = 'accepted';
      row.commitmentId = commitmentId;
      row.decidedBy = actor.label;
      row.decidedAt = this.clock.now();
      await manager.save(row);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: ENTITY,
        entityId: row.id,
        before: { status: 'proposed' },
        after: { status: 'accepted', commitmentId, refCode: code },
        summary: `Accepted the draft "${row.title}" as ${code} ${origin}`,
      });
      result.accepted.push({ candidateId: row.id, commitmentId, refCode: code });
    }
    return result;
  }

  private assertEditable(row: ExtractionCandidateEntity, version: number, agreement: AgreementDto): void {
    if (row.status !== 'proposed')
      throw new CandidateStateException(`The draft "${row.title}" was already ${row.status}`, { state: row.status });
    if (row.version !== version) {
      throw new VersionConflictException('Extraction candidate', row.id, version, this.toDtoSync(row, agreement, new Map()));
    }
  }

  private async context(documentId: string, number: number): Promise<Context> {
    const document = isUuid(documentId) ? await this.repository.document(documentId) : null;
    if (!document) throw new NotFoundException('Source document', documentId);
    const version = await this.repository.version(document.id, number);
    if (!version) throw new NotFoundException('Source document version', `${documentId} v${number}`);
    return { document, version, agreement: await this.agreements.get(document.agreementId) };
  }

  private async contextOf(versionId: string, manager: EntityManager): Promise<Context> {
    const version = await this.repository.versionById(versionId, manager);
    const document = version ? await this.repository.document(version.documentId, manager) : null;
    if (!version || !document) throw new NotFoundException('Source document version', versionId);
    return { document, version, agreement: await this.agreements.get(document.agreementId) };
  }

  private async toDtos(rows: ExtractionCandidateEntity[], agreement: AgreementDto): Promise<ExtractionCandidateDto[]> {
    const codes = await this.commitments.refCodesByIds(rows.map((row) => row.commitmentId).filter((id): id is string => id !== null));
    return rows.map((row) => this.toDtoSync(row, agreement, codes));
  }

  private toDtoSync(row: ExtractionCandidateEntity, agreement: AgreementDto, codes: Map<string, string>): ExtractionCandidateDto {
    const anchorEvent = row.anchorEventId ? agreement.anchorEvents.find((event) => event.id === row.anchorEventId) : undefined;
    return {
      id: row.id,
      versionId: row.versionId,
      ordinal: row.ordinal,
      status: row.status,
      quote: row.quote,
      start: row.start,
      end: row.end,
      article: row.article,
      paragraph: row.paragraph,
      title: row.title,
      responsibleBody: row.responsibleBody,
      partyCodes: row.partyCodes,
      areaSlugs: row.areaSlugs,
      deadline: row.deadline,
      anchor: row.anchorEventId
        ? { kind: 'existing', anchorEventId: row.anchorEventId, name: anchorEvent?.name ?? '' }
        : row.newAnchorName
          ? { kind: 'new', name: row.newAnchorName }
          : null,
      anchorPhrase: row.anchorPhrase,
      parentId: row.parentId,
      cue: row.cue,
      commitmentId: row.commitmentId,
      commitmentRefCode: row.commitmentId ? (codes.get(row.commitmentId) ?? null) : null,
      decidedBy: row.decidedBy,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      version: row.version,
    };
  }
}

/** The edited quote's offsets: the text it selects, or where the edited quote stands verbatim, nearest its old place. */
function quoteSpan(
  text: string,
  request: UpdateCandidateRequest,
  row: ExtractionCandidateEntity,
): { quote: string; start: number; end: number } {
  if (request.start !== undefined && request.end !== undefined) {
    const { start, end } = request;
    if (!(start >= 0 && end > start && end <= text.length)) {
      throw new ValidationFailedException([
        { field: 'end', message: `start and end must select text within the version (0–${text.length})` },
      ]);
    }
    const selected = text.slice(start, end);
    if (request.quote !== undefined && request.quote !== selected) {
      throw new ValidationFailedException([{ field: 'quote', message: 'must be the text between start and end, verbatim' }]);
    }
    return { quote: selected, start, end };
  }
  const quote = request.quote ?? row.quote;
  const found = findVerbatim(text, quote, row.start);
  if (!found) throw new ValidationFailedException([{ field: 'quote', message: 'must be found verbatim in the document version' }]);
  return { quote, ...found };
}

function snapshot(row: ExtractionCandidateEntity): Record<string, unknown> {
  return {
    status: row.status,
    title: row.title,
    quote: row.quote,
    start: row.start,
    end: row.end,
    responsibleBody: row.responsibleBody,
    partyCodes: row.partyCodes,
    areaSlugs: row.areaSlugs,
    deadline: row.deadline,
    anchorEventId: row.anchorEventId,
    newAnchorName: row.newAnchorName,
    parentId: row.parentId,
  };
}
