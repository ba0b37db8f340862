import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '@pactwatch/api/core';
import type { RequestUser } from '@pactwatch/api/core';
import type { ApiTokenDto, CreateApiTokenRequest, CreatedApiTokenDto } from '@pactwatch/shared/contracts';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { AuthRequest } from '../access/auth-request';
import { actorOf, CurrentUser } from '../access/current-user.decorator';
import { SessionOnly } from '../access/session-only.decorator';
import { ApiTokenService } from './api-token.service';

export class CreateApiTokenBody implements CreateApiTokenRequest {
  @ApiProperty({ example: 'Outlook calendar' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}

export class ApiTokenIdParams {
  @ApiProperty({ format: 'uuid', description: 'The token id (not the token itself)' })
  @IsUUID('all', { message: 'must be a token id' })
  id!: string;
}

/** Personal API tokens: `Authorization: Bearer <token>` for scripts, `?token=` for calendar feeds. */
@ApiTags('users')
@Controller('me/tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: 'Your API tokens (never the secret itself)' })
  list(@CurrentUser() user: RequestUser): Promise<ApiTokenDto[]> {
    return this.tokens.list(user.id);
  }

  @Post()
  @Access('viewer')
  @SessionOnly()
  @ApiOperation({ summary: 'Create a token; the response is the only time the token is shown' })
  create(@CurrentUser() user: RequestUser, @Body() body: CreateApiTokenBody, @Req() request: AuthRequest): Promise<CreatedApiTokenDto> {
    return this.tokens.create(user, body.name, actorOf(request));
  }

  @Delete(':id')
  @Access('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token; it stops working with the next request' })
  async revoke(@CurrentUser() user: RequestUser, @Param() params: ApiTokenIdParams, @Req() request: AuthRequest): Promise<void> {
    await this.tokens.revoke(user.id, params.id, actorOf(request));
  }
}
