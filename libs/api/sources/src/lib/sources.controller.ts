import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type {
  AcceptResultDto,
  ExtractionCandidateDto,
  QuoteProvenanceDto,
  QuoteReviewDto,
  RecheckResultDto,
  SourceDocumentDto,
  SourceVersionDto,
} from '@pactwatch/shared/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentsService, SourceInput } from './documents/documents.service';
import { receiveUpload } from './intake/upload';
import { ProvenanceService } from './provenance/provenance.service';
import { ReviewService } from './review/review.service';
import {
  AcceptCandidateBody,
  CreateSourceBody,
  NewVersionBody,
  ResolveQuoteReviewBody,
  UpdateCandidateBody,
  UploadQueryDto,
  VersionBody,
  VersionParams,
} from './sources.dto';

const input = (body: { text?: string; url?: string }): SourceInput =>
  body.text !== undefined ? { kind: 'text', text: body.text } : { kind: 'url', url: body.url ?? '' };

@ApiTags('source documents')
@Controller()
export class SourcesController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly review: ReviewService,
    private readonly provenance: ProvenanceService,
  ) {}

  @Get('agreements/:agreementId/sources')
  @Access('viewer')
  @ApiOperation({ summary: "An agreement's source documents, each with its versions (newest first)" })
  list(@Param('agreementId') agreementId: string): Promise<SourceDocumentDto[]> {
    return this.documents.list(agreementId);
  }

  @Post('agreements/:agreementId/sources')
  @Access('analyst')
  @ApiOperation({ summary: 'Add a source document from pasted text or a URL fetched once' })
  create(
    @Param('agreementId') agreementId: string,
    @Body() body: CreateSourceBody,
    @CurrentActor() actor: Actor,
  ): Promise<SourceDocumentDto> {
    return this.documents.create(agreementId, body.title, input(body), actor);
  }

  @Post('agreements/:agreementId/sources/upload')
  @Access('analyst')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Add a source document from an uploaded file (PDF, DOCX, HTML or plain text), field "file"' })
  async upload(
    @Param('agreementId') agreementId: string,
    @Query() query: UploadQueryDto,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<SourceDocumentDto> {
    const { file, title } = await receiveUpload(request, this.documents.sizeLimit);
    return this.documents.create(agreementId, query.title ?? title, { kind: 'file', file }, actor);
  }

  @Get('sources/:documentId')
  @Access('viewer')
  @ApiOperation({ summary: 'One source document with its versions' })
  get(@Param('documentId') documentId: string): Promise<SourceDocumentDto> {
    return this.documents.get(documentId);
  }

  @Post('sources/:documentId/versions')
  @Access('analyst')
  @ApiOperation({ summary: 'Add a version from new text or a URL; every quote tied to the document is re-checked against it' })
  addVersion(
    @Param('documentId') documentId: string,
    @Body() body: NewVersionBody,
    @CurrentActor() actor: Actor,
  ): Promise<{ document: SourceDocumentDto; recheck: RecheckResultDto }> {
    return this.documents.addVersion(documentId, input(body), actor);
  }

  @Post('sources/:documentId/versions/upload')
  @Access('analyst')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Add a version from an uploaded file; every quote tied to the document is re-checked against it' })
  async uploadVersion(
    @Param('documentId') documentId: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<{ document: SourceDocumentDto; recheck: RecheckResultDto }> {
    const { file } = await receiveUpload(request, this.documents.sizeLimit);
    return this.documents.addVersion(documentId, { kind: 'file', file }, actor);
  }

  @Get('sources/:documentId/versions/:number')
  @Access('viewer')
  @ApiOperation({ summary: 'One version with its extracted text and paragraphs' })
  version(@Param() params: VersionParams): Promise<SourceVersionDto> {
    return this.documents.version(params.documentId, params.number);
  }

  @Get('sources/:documentId/versions/:number/original')
  @Access('viewer')
  @ApiOperation({ summary: 'The original bytes of a version, as they were received' })
  async original(@Param() params: VersionParams, @Res() reply: FastifyReply): Promise<void> {
    const original = await this.documents.original(params.documentId, params.number);
    await reply
      .header('content-type', original.mediaType)
      .header('content-length', String(original.size))
      .header('content-disposition', `attachment; filename="${original.fileName.replace(/["\\\r\n]/g, '_')}"`)
      .header('x-content-type-options', 'nosniff')
      .send(original.stream);
  }

  @Get('sources/:documentId/versions/:number/candidates')
  @Access('viewer')
  @ApiOperation({ summary: 'The drafts read from a version, in document order' })
  candidates(@Param() params: VersionParams): Promise<ExtractionCandidateDto[]> {
    return this.review.list(params.documentId, params.number);
  }

  @Post('sources/:documentId/versions/:number/extract')
  @Access('analyst')
  @ApiOperation({ summary: 'Draft commitments from a version (once; later calls return the drafts as they are)' })
  extract(@Param() params: VersionParams, @CurrentActor() actor: Actor): Promise<ExtractionCandidateDto[]> {
    return this.review.extract(params.documentId, params.number, actor);
  }

  @Post('sources/:documentId/versions/:number/accept-remaining')
  @Access('analyst')
  @ApiOperation({ summary: 'Accept every draft of the version still proposed, in one transaction' })
  acceptRemaining(@Param() params: VersionParams, @CurrentActor() actor: Actor): Promise<AcceptResultDto> {
    return this.review.acceptRemaining(params.documentId, params.number, actor);
  }

  @Get('sources/:documentId/quote-reviews')
  @Access('viewer')
  @ApiOperation({ summary: 'Quotes that changed or disappeared in a newer version and wait for a decision' })
  quoteReviews(@Param('documentId') documentId: string): Promise<QuoteReviewDto[]> {
    return this.provenance.reviews(documentId);
  }

  @Patch('candidates/:id')
  @Access('analyst')
  @ApiOperation({ summary: 'Edit a draft (title, quote, deadline, anchor, parties, areas, parent)' })
  updateCandidate(
    @Param('id') id: string,
    @Body() body: UpdateCandidateBody,
    @CurrentActor() actor: Actor,
  ): Promise<ExtractionCandidateDto> {
    return this.review.update(id, body, actor);
  }

  @Post('candidates/:id/accept')
  @Access('analyst')
  @ApiOperation({ summary: 'Accept a draft: creates the commitment (and a new anchor event if it names one) with its quote locator' })
  accept(@Param('id') id: string, @Body() body: AcceptCandidateBody, @CurrentActor() actor: Actor): Promise<AcceptResultDto> {
    return this.review.accept(id, body, actor);
  }

  @Post('candidates/:id/reject')
  @Access('analyst')
  @ApiOperation({ summary: 'Reject a draft' })
  reject(@Param('id') id: string, @Body() body: VersionBody, @CurrentActor() actor: Actor): Promise<ExtractionCandidateDto> {
    return this.review.reject(id, body.version, actor);
  }

  @Get('commitments/:id/provenance')
  @Access('viewer')
  @ApiOperation({ summary: "Where a commitment's quote stands in its source document, checked now" })
  commitmentProvenance(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<QuoteProvenanceDto> {
    return this.provenance.provenance(id, actor);
  }

  @Post('commitments/:id/quote-review')
  @Access('analyst')
  @ApiOperation({ summary: 'Decide on a quote a newer version changed: move it to that version, or keep the old one' })
  resolveQuote(@Param('id') id: string, @Body() body: ResolveQuoteReviewBody, @CurrentActor() actor: Actor): Promise<QuoteProvenanceDto> {
    return this.provenance.resolve(id, body, actor);
  }
}
