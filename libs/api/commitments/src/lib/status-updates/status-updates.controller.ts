import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { CommitmentDetailDto, StatusUpdateDto } from '@pactwatch/shared/contracts';
import { CommitmentDetailResponse, StatusUpdateResponse } from '../commitments/commitment.responses';
import { ApiProblems } from '../shared/api-problems';
import { CreateStatusUpdateBody } from './status-update.dto';
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
  list(@Param('id') id: string): Promise<StatusUpdateDto[]> {
    return this.updates.list(id);
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
