import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { CommitmentDetailDto, StatusUpdateDto } from '@pactwatch/shared/contracts';
import { CommitmentDetailResponse, StatusUpdateResponse } from '../commitments/commitment.responses';
import { ApiProblems } from '../shared/api-problems';
import { CreateStatusUpdateBody, VerifyCommitmentBody } from './status-update.dto';
import { StatusUpdatesService } from './status-updates.service';

@ApiTags('commitments')
@Controller('commitments/:id/status-updates')
export class StatusUpdatesController {
  constructor(private readonly updates: StatusUpdatesService) {}

  @Get()
  @Access('portal')
  @ApiOperation({ summary: 'The status history of a commitment, newest first' })
  @ApiOkResponse({ type: [StatusUpdateResponse] })
  @ApiProblems(404)
  list(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<StatusUpdateDto[]> {
    return this.updates.list(id, actor);
  }

  @Post()
  @Access('analyst')
  @ApiOperation({
    summary: 'Record a status update with evidence (append-only; a correction is a new update with correctsId)',
    description: 'Send the commitment version you saw; a stale one is refused with 409 and the current commitment.',
  })
  @ApiCreatedResponse({ type: CommitmentDetailResponse, description: 'The commitment with its new status and history' })
  @ApiProblems(400, 404, 409)
  create(@Param('id') id: string, @Body() body: CreateStatusUpdateBody, @CurrentActor() actor: Actor): Promise<CommitmentDetailDto> {
    return this.updates.create(id, body, actor);
  }
}

@ApiTags('commitments')
@Controller('commitments/:id/verifications')
export class VerificationsController {
  constructor(private readonly updates: StatusUpdatesService) {}

  @Post()
  @Access('analyst')
  @ApiOperation({
    summary: 'Mark the commitment verified: checked today, nothing changed',
    description:
      'Records a verification entry (kind "verification") with the current status and progress and a note; sets last verified to today.',
  })
  @ApiCreatedResponse({ type: CommitmentDetailResponse })
  @ApiProblems(400, 404, 409)
  verify(@Param('id') id: string, @Body() body: VerifyCommitmentBody, @CurrentActor() actor: Actor): Promise<CommitmentDetailDto> {
    return this.updates.verify(id, body, actor);
  }
}
