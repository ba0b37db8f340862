import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access, type RequestUser } from '@pactwatch/api/core';
import type { ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import { Me } from '../current-user';
import { UpdateReminderPreferencesBody } from './preferences.dto';
import { ReminderPreferencesService } from './preferences.service';

@ApiTags('reminders')
@Controller('me/reminder-preferences')
export class ReminderPreferencesController {
  constructor(private readonly preferences: ReminderPreferencesService) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: 'My reminder preferences (defaults until I change them)' })
  get(@Me() me: RequestUser): Promise<ReminderPreferencesDto> {
    return this.preferences.get(me.id);
  }

  @Put()
  @Access('viewer')
  @ApiOperation({ summary: 'Change my reminder preferences (fields left out stay as they are)' })
  update(
    @Me() me: RequestUser,
    @CurrentActor() actor: Actor,
    @Body() body: UpdateReminderPreferencesBody,
  ): Promise<ReminderPreferencesDto> {
    return this.preferences.update(actor, me.id, body);
  }
}
