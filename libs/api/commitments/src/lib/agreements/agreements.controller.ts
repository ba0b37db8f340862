import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { AgreementDto, AgreementSummaryDto } from '@pactwatch/shared/contracts';
import { AgreementSummaryResponse } from '../commitments/commitment.responses';
import { ApiProblems } from '../shared/api-problems';
import { VersionQueryDto } from '../shared/write-helpers';
import { AgreementResponse, CreateAgreementBody, UpdateAgreementBody } from './agreement.dto';
import { AgreementsService } from './agreements.service';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @Access('portal')
  @ApiOperation({ summary: 'All agreements, newest first, with parties, anchor events, commitment count and progress' })
  @ApiOkResponse({ type: [AgreementResponse] })
  list(): Promise<AgreementDto[]> {
    return this.agreements.list();
  }

  @Get('summaries')
  @Access('portal')
  @ApiOperation({ summary: 'Every agreement as id, title, kind and signing date, newest first: what a filter or a picker needs' })
  @ApiOkResponse({ type: [AgreementSummaryResponse] })
  summaries(): Promise<AgreementSummaryDto[]> {
    return this.agreements.summaries();
  }

  @Get(':id')
  @Access('portal')
  @ApiOperation({ summary: 'One agreement' })
  @ApiOkResponse({ type: AgreementResponse })
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<AgreementDto> {
    return this.agreements.get(id);
  }

  @Post()
  @Access('analyst')
  @ApiOperation({ summary: 'Record an agreement' })
  @ApiCreatedResponse({ type: AgreementResponse })
  @ApiProblems(400)
  create(@Body() body: CreateAgreementBody, @CurrentActor() actor: Actor): Promise<AgreementDto> {
    return this.agreements.create(body, actor);
  }

  @Patch(':id')
  @Access('analyst')
  @ApiOperation({ summary: 'Change an agreement (send the version you started from)' })
  @ApiOkResponse({ type: AgreementResponse })
  @ApiProblems(400, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdateAgreementBody, @CurrentActor() actor: Actor): Promise<AgreementDto> {
    return this.agreements.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('analyst')
  @ApiOperation({ summary: 'Delete an agreement that has no commitments (its anchor events stay, unattached)' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@Param('id') id: string, @Query() query: VersionQueryDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.agreements.remove(id, query.version, actor);
  }
}
