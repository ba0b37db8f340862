import { Body, Controller, Get, Patch, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access, IsOmittable, IsSingleLineText } from '@pactwatch/api/core';
import type { UpdateWorkspaceSettingsRequest, WorkspaceSettingsDto } from '@pactwatch/shared/contracts';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { AuthRequest } from '../access/auth-request';
import { actorOf } from '../access/current-user.decorator';
import { IsTimeZone } from '../users/users.dto';
import { SettingsService } from './settings.service';

export class UpdateSettingsBody implements UpdateWorkspaceSettingsRequest {
  @ApiPropertyOptional({ example: 'Asia/Baku' })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Days without verification before a commitment is flagged stale' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(3650)
  staleAfterDays?: number;

  @ApiPropertyOptional({ description: 'Let anonymous visitors read the dashboard and the read endpoints' })
  @IsOmittable()
  @IsBoolean()
  publicPortal?: boolean;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsSingleLineText()
  workspaceName?: string;

  @ApiProperty({ description: 'The version you started editing from' })
  @IsInt()
  @Min(0)
  version!: number;
}

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Access('portal')
  @ApiOperation({ summary: 'Workspace settings: time zone, staleness window, public portal, name' })
  get(): Promise<WorkspaceSettingsDto> {
    return this.settings.get();
  }

  @Patch()
  @Access('admin')
  @ApiOperation({ summary: 'Change workspace settings (send the version you edited; 409 if someone changed them meanwhile)' })
  update(@Body() body: UpdateSettingsBody, @Req() request: AuthRequest): Promise<WorkspaceSettingsDto> {
    return this.settings.update(body, actorOf(request));
  }
}
