import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { ArchivedCommitmentDto, CommitmentDetailDto, CommitmentSummaryDto, Page } from '@pactwatch/shared/contracts';
import { ApiProblems } from '../shared/api-problems';
import { VersionQueryDto } from '../shared/write-helpers';
import { AsOfQueryDto, CommitmentListQueryDto } from './commitment-query.dto';
import { CreateCommitmentBody, UpdateCommitmentBody } from './commitment.requests';
import { ArchivedCommitmentResponse, CommitmentDetailResponse, CommitmentPageResponse } from './commitment.responses';
import { CommitmentsService } from './commitments.service';

@ApiTags('commitments')
@Controller('commitments')
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Get()
  @Access('portal')
  @ApiOperation({
    summary: 'List commitments: every filter combinable, sorted, paged, with a total',
    description:
      'Lists are comma-separated. Flags are computed for today in the workspace time zone (or for asOf). ' +
      'With asOf, statuses are rebuilt from the status history and only commitments that existed then are listed.',
  })
  @ApiOkResponse({ type: CommitmentPageResponse })
  @ApiProblems(400)
  list(@Query() query: CommitmentListQueryDto, @CurrentActor() actor: Actor): Promise<Page<CommitmentSummaryDto>> {
    return this.commitments.list(query, actor);
  }

  @Get(':id')
  @Access('portal')
  @ApiOperation({ summary: 'One commitment in full, by id or reference code (with asOf: as it stood then)' })
  @ApiOkResponse({ type: CommitmentDetailResponse })
  @ApiProblems(400, 404)
  get(@Param('id') id: string, @Query() query: AsOfQueryDto, @CurrentActor() actor: Actor): Promise<CommitmentDetailDto> {
    return this.commitments.get(id, query.asOf, actor);
  }

  @Post()
  @Access('analyst')
  @ApiOperation({ summary: 'Record a commitment; its due date is computed from the deadline spec' })
  @ApiCreatedResponse({ type: CommitmentDetailResponse })
  @ApiProblems(400, 409)
  create(@Body() body: CreateCommitmentBody, @CurrentActor() actor: Actor): Promise<CommitmentDetailDto> {
    return this.commitments.create(body, actor);
  }

  @Patch(':id')
  @Access('analyst')
  @ApiOperation({
    summary: 'Change a commitment (status and progress change through status updates)',
    description: 'Send the version you started editing from; a stale one is refused with 409 and the current commitment in `current`.',
  })
  @ApiOkResponse({ type: CommitmentDetailResponse })
  @ApiProblems(400, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdateCommitmentBody, @CurrentActor() actor: Actor): Promise<CommitmentDetailDto> {
    return this.commitments.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('analyst')
  @ApiOperation({
    summary: 'Archive a commitment (a soft delete)',
    description:
      'It leaves every list, count, feed, export and reminder; its history is kept and an admin can restore it ' +
      '(POST /api/archived-commitments/{id}/restore) or delete it for good (DELETE /api/archived-commitments/{id}).',
  })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  archive(@Param('id') id: string, @Query() query: VersionQueryDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.commitments.archive(id, query.version, actor);
  }
}

@ApiTags('commitments')
@Controller('archived-commitments')
export class ArchivedCommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Archived commitments, newest first' })
  @ApiOkResponse({ type: [ArchivedCommitmentResponse] })
  list(): Promise<ArchivedCommitmentDto[]> {
    return this.commitments.archived();
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Restore an archived commitment (its due date is recomputed)' })
  @ApiOkResponse({ type: CommitmentDetailResponse })
  @ApiProblems(404, 409)
  restore(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CommitmentDetailDto> {
    return this.commitments.restore(id, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('admin')
  @ApiOperation({ summary: 'Delete an archived commitment for good; the audit entry keeps all of it, history included' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  purge(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.commitments.purge(id, actor);
  }
}
