import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { PolicyAreaDto } from '@pactwatch/shared/contracts';
import { ApiProblems } from '../shared/api-problems';
import { VersionQueryDto } from '../shared/write-helpers';
import { CreatePolicyAreaBody, PolicyAreaResponse, UpdatePolicyAreaBody } from './area.dto';
import { AreasService } from './areas.service';

@ApiTags('areas')
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @Access('portal')
  @ApiOperation({ summary: 'All policy areas, by name' })
  @ApiOkResponse({ type: [PolicyAreaResponse] })
  list(): Promise<PolicyAreaDto[]> {
    return this.areas.list();
  }

  @Get(':id')
  @Access('portal')
  @ApiOperation({ summary: 'One policy area' })
  @ApiOkResponse({ type: PolicyAreaResponse })
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<PolicyAreaDto> {
    return this.areas.get(id);
  }

  @Post()
  @Access('analyst')
  @ApiOperation({ summary: 'Add a policy area' })
  @ApiCreatedResponse({ type: PolicyAreaResponse })
  @ApiProblems(400, 409)
  create(@Body() body: CreatePolicyAreaBody, @CurrentActor() actor: Actor): Promise<PolicyAreaDto> {
    return this.areas.create(body, actor);
  }

  @Patch(':id')
  @Access('analyst')
  @ApiOperation({ summary: 'Rename a policy area (send the version you started from)' })
  @ApiOkResponse({ type: PolicyAreaResponse })
  @ApiProblems(400, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdatePolicyAreaBody, @CurrentActor() actor: Actor): Promise<PolicyAreaDto> {
    return this.areas.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('analyst')
  @ApiOperation({ summary: 'Delete a policy area no commitment is tagged with' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@Param('id') id: string, @Query() query: VersionQueryDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.areas.remove(id, query.version, actor);
  }
}
