import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { AnchorEventDetailDto, AnchorEventDto, AnchorImpactDto } from '@pactwatch/shared/contracts';
import { ApiProblems } from '../shared/api-problems';
import { VersionQueryDto } from '../shared/write-helpers';
import {
  AnchorEventDetailResponse,
  AnchorEventResponse,
  AnchorImpactQueryDto,
  AnchorImpactResponse,
  AnchorListQueryDto,
  CreateAnchorEventBody,
  UpdateAnchorEventBody,
} from './anchor-event.dto';
import { AnchorEventsService } from './anchor-events.service';

@ApiTags('anchor-events')
@Controller('anchor-events')
export class AnchorEventsController {
  constructor(private readonly anchors: AnchorEventsService) {}

  @Get()
  @Access('portal')
  @ApiOperation({ summary: 'Anchor events (deadlines count from them), optionally of one agreement' })
  @ApiOkResponse({ type: [AnchorEventResponse] })
  @ApiProblems(400)
  list(@Query() query: AnchorListQueryDto): Promise<AnchorEventDto[]> {
    return this.anchors.list(query.agreementId);
  }

  @Get(':id')
  @Access('portal')
  @ApiOperation({ summary: 'One anchor event with the history of its date' })
  @ApiOkResponse({ type: AnchorEventDetailResponse })
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<AnchorEventDetailDto> {
    return this.anchors.get(id);
  }

  @Get(':id/impact')
  @Access('portal')
  @ApiOperation({ summary: 'Preview: which deadlines would move if the anchor’s date became `date` (or "pending"). Changes nothing.' })
  @ApiOkResponse({ type: AnchorImpactResponse })
  @ApiProblems(400, 404)
  impact(@Param('id') id: string, @Query() query: AnchorImpactQueryDto): Promise<AnchorImpactDto> {
    return this.anchors.impact(id, query.date);
  }

  @Post()
  @Access('analyst')
  @ApiOperation({ summary: 'Add an anchor event (no date: pending)' })
  @ApiCreatedResponse({ type: AnchorEventDetailResponse })
  @ApiProblems(400)
  create(@Body() body: CreateAnchorEventBody, @CurrentActor() actor: Actor): Promise<AnchorEventDetailDto> {
    return this.anchors.create(body, actor);
  }

  @Patch(':id')
  @Access('analyst')
  @ApiOperation({
    summary: 'Change an anchor event; a new date (or null: pending) moves every dependent deadline in the same transaction',
  })
  @ApiOkResponse({ type: AnchorEventDetailResponse })
  @ApiProblems(400, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdateAnchorEventBody, @CurrentActor() actor: Actor): Promise<AnchorEventDetailDto> {
    return this.anchors.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('analyst')
  @ApiOperation({ summary: 'Delete an anchor event no deadline counts from' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@Param('id') id: string, @Query() query: VersionQueryDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.anchors.remove(id, query.version, actor);
  }
}
