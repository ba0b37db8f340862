import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access, type RequestUser } from '@pactwatch/api/core';
import type { WatchDto } from '@pactwatch/shared/contracts';
import { Me } from '../current-user';
import { CreateWatchBody, WatchIdParams } from './watches.dto';
import { WatchesService } from './watches.service';

@ApiTags('reminders')
@Controller('watches')
export class WatchesController {
  constructor(private readonly watches: WatchesService) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: 'What I watch' })
  list(@Me() me: RequestUser): Promise<WatchDto[]> {
    return this.watches.list(me.id);
  }

  @Post()
  @Access('viewer')
  @ApiOperation({ summary: 'Watch a commitment, an agreement or a policy area (idempotent)' })
  create(@Me() me: RequestUser, @CurrentActor() actor: Actor, @Body() body: CreateWatchBody): Promise<WatchDto> {
    return this.watches.create({ ...actor, id: me.id }, body.targetType, body.targetId);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('viewer')
  @ApiOperation({ summary: 'Stop watching' })
  remove(@Me() me: RequestUser, @CurrentActor() actor: Actor, @Param() params: WatchIdParams): Promise<void> {
    return this.watches.remove({ ...actor, id: me.id }, params.id);
  }
}
