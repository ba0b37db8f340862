import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { CommitmentsService } from '@pactwatch/api/commitments';
import { NotFoundException, ValidationFailedException } from '@pactwatch/api/core';
import type { QuoteProvenanceDto, QuoteReviewDto, RecheckResultDto, ResolveQuoteReviewRequest } from '@pactwatch/shared/contracts';
import { EntityManager } from 'typeorm';
import { QuoteLocatorEntity, SourceDocumentEntity, SourceVersionEntity } from '../entities/source.entities';
import { CandidateStateException } from '../sources.errors';
import { SourcesRepository } from '../sources.repository';
import { locate } from '../text/plain-text';
import { isUuid } from '../uuid';
import { closestPassage, findVerbatim, quoteState } from './quote-match';

/** "Article 4" for a bare number; an extractor's own label ("Article 4", "Section 2") as it is. */
export function articleLabel(article: string): string {
  return /^([0-9]|[IVXLC]+\b)/.test(article) ? `Article ${article}` : article;
}

/** "Article 4(1), paragraph 7 of <document> v2": the quote's place in words, kept in the commitment's source locator. */
export function locatorText(documentTitle: string, versionNumber: number, article: string | null, paragraph: number | null): string {
  const place = [article ? articleLabel(article) : null, paragraph ? `paragraph ${paragraph}` : null].filter(Boolean).join(', ');
  return `${place ? `${place} of ` : ''}${documentTitle}, version ${versionNumber}`.slice(0, 300);
}

/**
 * Provenance that is checked: whether each commitment's quote still stands verbatim where its locator says,
 * and what a newer version of the document does to it.
 */
@Injectable()
export class ProvenanceService {
  constructor(
    private readonly repository: SourcesRepository,
    private readonly commitments: CommitmentsService,
    private readonly audit: AuditService,
  ) {}

  /** Where the commitment's quote stands, checked now against the text of its version. */
  async provenance(commitmentId: string, actor: Actor): Promise<QuoteProvenanceDto> {
    if (!isUuid(commitmentId)) throw new NotFoundException('Commitment', commitmentId);
    const detail = await this.commitments.get(commitmentId, undefined, actor);
    const locator = await this.repository.locator(detail.id);
    const untied: QuoteProvenanceDto = {
      commitmentId: detail.id,
      state: 'untied',
      documentId: null,
      documentTitle: null,
      versionId: null,
      versionNumber: null,
      latestVersionNumber: null,
      start: null,
      end: null,
      article: null,
      paragraph: null,
      pendingReview: null,
    };
    if (!locator) return untied;
    const [document, version] = await Promise.all([
      this.repository.document(locator.documentId),
      this.repository.versionById(locator.versionId),
    ]);
    if (!document || !version) return untied;
    const pending = locator.pendingVersionId
      ? await this.review(locator, document, version, detail.refCode, detail.title, detail.sourceQuote)
      : null;
    return {
      commitmentId: detail.id,
      state: quoteState(version.text, detail.sourceQuote, locator.start, locator.end),
      documentId: document.id,
      documentTitle: document.title,
      versionId: version.id,
      versionNumber: version.number,
      latestVersionNumber: await this.repository.latestNumber(document.id),
      start: locator.start,
      end: locator.end,
      article: locator.article,
      paragraph: locator.paragraph,
      pendingReview: pending,
    };
  }

  /** The quotes of a document that changed or disappeared in a newer version and wait for an analyst. */
  async reviews(documentId: string): Promise<QuoteReviewDto[]> {
    const document = isUuid(documentId) ? await this.repository.document(documentId) : null;
    if (!document) throw new NotFoundException('Source document', documentId);
    const locators = (await this.repository.locatorsOf(document.id)).filter((locator) => locator.pendingVersionId);
    const versions = new Map((await this.repository.versionsByIds(locators.map((locator) => locator.versionId))).map((v) => [v.id, v]));
    const codes = await this.commitments.refCodesByIds(locators.map((locator) => locator.commitmentId));
    const reviews: QuoteReviewDto[] = [];
    for (const locator of locators) {
      const version = versions.get(locator.versionId);
      if (!version) continue;
      const quote = version.text.slice(locator.start, locator.end);
      const review = await this.review(locator, document, version, codes.get(locator.commitmentId) ?? '', '', quote);
      if (review) reviews.push(review);
    }
    return reviews;
  }

  /**
   * Checks every quote tied to the document against its new version (inside the transaction that adds it).
   * A quote found verbatim moves to the new version, at its new offsets; one that changed or disappeared stays
   * on its old version, flagged for an analyst, who moves it or keeps it (`resolve`).
   */
  async recheckWithin(
    manager: EntityManager,
    document: SourceDocumentEntity,
    version: SourceVersionEntity,
    actor: Actor,
  ): Promise<RecheckResultDto> {
    const locators = await this.repository.locatorsOf(document.id, manager);
    const versions = new Map(
      (await this.repository.versionsByIds([...new Set(locators.map((locator) => locator.versionId))], manager)).map((v) => [v.id, v]),
    );
    const codes = await this.commitments.refCodesByIds(locators.map((locator) => locator.commitmentId));
    let moved = 0;
    const toReview: QuoteReviewDto[] = [];
    for (const locator of locators) {
      const old = versions.get(locator.versionId);
      if (!old) continue;
      const quote = old.text.slice(locator.start, locator.end);
      const found = findVerbatim(version.text, quote, locator.start);
      if (found) {
        const place = locate(version.paragraphs, found.start);
        await manager.update(
          QuoteLocatorEntity,
          { commitmentId: locator.commitmentId },
          {
            versionId: version.id,
            start: found.start,
            end: found.end,
            article: place.article,
            paragraph: place.paragraph,
            pendingVersionId: null,
            pendingRecheck: null,
          },
        );
        moved++;
        continue;
      }
      const suggestion = closestPassage(version.text, quote);
      const recheck = suggestion ? 'changed' : 'missing';
      await manager.update(
        QuoteLocatorEntity,
        { commitmentId: locator.commitmentId },
        { pendingVersionId: version.id, pendingRecheck: recheck },
      );
      toReview.push({
        commitmentId: locator.commitmentId,
        refCode: codes.get(locator.commitmentId) ?? '',
        title: '',
        recheck,
        quote,
        fromVersionNumber: old.number,
        toVersionNumber: version.number,
        toVersionId: version.id,
        suggestion,
      });
    }
    if (locators.length > 0) {
      await this.audit.record(manager, actor, {
        action: 'recompute',
        entityType: 'source_version',
        entityId: version.id,
        after: {
          moved,
          changed: toReview.filter((r) => r.recheck === 'changed').map((r) => r.refCode),
          missing: toReview.filter((r) => r.recheck === 'missing').map((r) => r.refCode),
        },
        summary: `Re-checked ${locators.length} quote(s) against version ${version.number} of "${document.title}": ${moved} found, ${toReview.length} changed or missing`,
      });
    }
    return { versionNumber: version.number, moved, toReview };
  }

  /** Records the analyst's decision on a quote a newer version changed: move it there, or keep the old version. */
  async resolve(commitmentId: string, request: ResolveQuoteReviewRequest, actor: Actor): Promise<QuoteProvenanceDto> {
    if (!isUuid(commitmentId)) throw new NotFoundException('Commitment', commitmentId);
    await this.repository.transaction(async (manager) => {
      const locator = await this.repository.lockLocator(manager, commitmentId);
      if (!locator) throw new NotFoundException('Quote locator of commitment', commitmentId);
      if (!locator.pendingVersionId) throw new CandidateStateException('No newer version waits for a decision on this quote');
      const document = await this.repository.document(locator.documentId, manager);
      const target = await this.repository.versionById(locator.pendingVersionId, manager);
      const old = await this.repository.versionById(locator.versionId, manager);
      if (!document || !target || !old) throw new NotFoundException('Source document version', locator.pendingVersionId);
      if (request.decision === 'keep') {
        await manager.update(QuoteLocatorEntity, { commitmentId }, { pendingVersionId: null, pendingRecheck: null });
        await this.audit.record(manager, actor, {
          action: 'update',
          entityType: 'quote_locator',
          entityId: commitmentId,
          before: { versionId: locator.versionId, pendingVersionId: locator.pendingVersionId },
          after: { versionId: locator.versionId, pendingVersionId: null },
          summary: `Kept the quote on version ${old.number} of "${document.title}" (version ${target.number} differs)`,
        });
        return;
      }
      const quoteOld = old.text.slice(locator.start, locator.end);
      const suggestion = closestPassage(target.text, quoteOld);
      const start = request.start ?? suggestion?.start;
      const end = request.end ?? suggestion?.end;
      if (start === undefined || end === undefined) {
        throw new ValidationFailedException([{ field: 'start', message: 'is required: the quote has no close match in the new version' }]);
      }
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= target.text.length)) {
        throw new ValidationFailedException([
          { field: 'end', message: `start and end must select text within the version (0–${target.text.length})` },
        ]);
      }
      const place = locate(target.paragraphs, start);
      const quote = target.text.slice(start, end);
      await manager.update(
        QuoteLocatorEntity,
        { commitmentId },
        {
          versionId: target.id,
          start,
          end,
          article: place.article,
          paragraph: place.paragraph,
          pendingVersionId: null,
          pendingRecheck: null,
        },
      );
      await this.commitments.setQuoteWithin(
        manager,
        commitmentId,
        quote,
        locatorText(document.title, target.number, place.article, place.paragraph),
        actor,
        `moved to version ${target.number} of "${document.title}"`,
      );
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'quote_locator',
        entityId: commitmentId,
        before: { versionId: locator.versionId, start: locator.start, end: locator.end },
        after: { versionId: target.id, start, end },
        summary: `Moved the quote to version ${target.number} of "${document.title}"`,
      });
    });
    return this.provenance(commitmentId, { ...actor });
  }

  private async review(
    locator: QuoteLocatorEntity,
    document: SourceDocumentEntity,
    version: SourceVersionEntity,
    refCode: string,
    title: string,
    quote: string,
  ): Promise<QuoteReviewDto | null> {
    if (!locator.pendingVersionId) return null;
    const target = await this.repository.versionById(locator.pendingVersionId);
    if (!target) return null;
    const original = version.text.slice(locator.start, locator.end);
    return {
      commitmentId: locator.commitmentId,
      refCode,
      title,
      recheck: locator.pendingRecheck ?? 'missing',
      quote: quote || original,
      fromVersionNumber: version.number,
      toVersionNumber: target.number,
      toVersionId: target.id,
      suggestion: closestPassage(target.text, original),
    };
  }
}
