import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { CommitmentDetailDto, CommitmentSummaryDto, Page } from '@pactwatch/shared/contracts';
import { ApiProblems } from '../shared/api-problems';
import { VersionQueryDto } from '../shared/write-helpers';
import { AsOfQueryDto, CommitmentListQueryDto } from './commitment-query.dto';
import { CreateCommitmentBody, UpdateCommitmentBody } from './commitment.requests';
import { CommitmentDetailResponse, CommitmentPageResponse } from './commitment.responses';
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
  @ApiOperation({ summary: 'Delete a commitment and its history (the audit log keeps what it was); sub-commitments become top-level' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@Param('id') id: string, @Query() query: VersionQueryDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.commitments.remove(id, query.version, actor);
  }
}
