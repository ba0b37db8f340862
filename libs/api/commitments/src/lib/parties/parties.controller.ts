import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { PartyDto } from '@pactwatch/shared/contracts';
import { ApiProblems } from '../shared/api-problems';
import { VersionQueryDto } from '../shared/write-helpers';
import { CreatePartyBody, PartyResponse, UpdatePartyBody } from './party.dto';
import { PartiesService } from './parties.service';

@ApiTags('parties')
@Controller('parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Get()
  @Access('portal')
  @ApiOperation({ summary: 'All parties (countries and organisations), by code' })
  @ApiOkResponse({ type: [PartyResponse] })
  list(): Promise<PartyDto[]> {
    return this.parties.list();
  }

  @Get(':id')
  @Access('portal')
  @ApiOperation({ summary: 'One party' })
  @ApiOkResponse({ type: PartyResponse })
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<PartyDto> {
    return this.parties.get(id);
  }

  @Post()
  @Access('analyst')
  @ApiOperation({ summary: 'Add a party' })
  @ApiCreatedResponse({ type: PartyResponse })
  @ApiProblems(400, 409)
  create(@Body() body: CreatePartyBody, @CurrentActor() actor: Actor): Promise<PartyDto> {
    return this.parties.create(body, actor);
  }

  @Patch(':id')
  @Access('analyst')
  @ApiOperation({ summary: 'Change a party (send the version you started from)' })
  @ApiOkResponse({ type: PartyResponse })
  @ApiProblems(400, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdatePartyBody, @CurrentActor() actor: Actor): Promise<PartyDto> {
    return this.parties.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('analyst')
  @ApiOperation({ summary: 'Delete a party that no agreement or commitment uses' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@Param('id') id: string, @Query() query: VersionQueryDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.parties.remove(id, query.version, actor);
  }
}
