import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@pactwatch/api/core';
import type { CommitmentSummaryDto, Page } from '@pactwatch/shared/contracts';
import { CommitmentsService } from './commitments.service';

@ApiTags('commitments')
@Controller('commitments')
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Get()
  @Access('portal')
  @ApiOperation({ summary: 'List commitments with their computed due dates and schedule flags' })
  list(): Promise<Page<CommitmentSummaryDto>> {
    return this.commitments.list();
  }
}
