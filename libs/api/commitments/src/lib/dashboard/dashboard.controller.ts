import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { DashboardSummaryDto } from '@pactwatch/shared/contracts';
import { AsOfQueryDto } from '../commitments/commitment-query.dto';
import { ApiProblems } from '../shared/api-problems';
import { DashboardSummaryResponse } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @Access('portal')
  @ApiOperation({
    summary:
      'The overview: counts by status, flag, area and party; next deadlines; overdue items; recent changes (with asOf: as it stood then)',
  })
  @ApiOkResponse({ type: DashboardSummaryResponse })
  @ApiProblems(400)
  summary(@Query() query: AsOfQueryDto, @CurrentActor() actor: Actor): Promise<DashboardSummaryDto> {
    return this.dashboard.summary(query.asOf, actor.id !== null);
  }
}
