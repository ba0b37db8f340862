import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access, IsOmittable, IsSingleLineText } from '@pactwatch/api/core';
import type { RequestUser } from '@pactwatch/api/core';
import { API_TOKEN_SCOPES, TOKEN_LIFETIME_DAYS } from '@pactwatch/shared/contracts';
import type { ApiTokenDto, ApiTokenScope, CreateApiTokenRequest, CreatedApiTokenDto, TokenLifetimeDays } from '@pactwatch/shared/contracts';
import { IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { AuthRequest } from '../access/auth-request';
import { actorOf, CurrentUser } from '../access/current-user.decorator';
import { SessionOnly } from '../access/session-only.decorator';
import { ApiTokenService } from './api-token.service';

export const LIFETIME_MESSAGE = `must be one of ${TOKEN_LIFETIME_DAYS.join(', ')} (days), or null for a token that does not expire`;

export class CreateApiTokenBody implements CreateApiTokenRequest {
  @ApiProperty({ example: 'Nightly export script' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSingleLineText()
  name!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, description: '`read`: GET requests only; `read-write`: also writes, as your role allows' })
  @IsIn(API_TOKEN_SCOPES, { message: `must be one of ${API_TOKEN_SCOPES.join(', ')}` })
  scope!: ApiTokenScope;

  @ApiPropertyOptional({ enum: TOKEN_LIFETIME_DAYS, nullable: true, description: 'Days until the token expires; omit or null: never' })
  @IsOmittable()
  @ValidateIf((_object, value) => value !== null)
  @IsIn(TOKEN_LIFETIME_DAYS, { message: LIFETIME_MESSAGE })
  expiresInDays?: TokenLifetimeDays | null;
}

export class ApiTokenIdParams {
  @ApiProperty({ format: 'uuid', description: 'The token id (not the token itself)' })
  @IsUUID('all', { message: 'must be a token id' })
  id!: string;
}

/** Personal API tokens, for scripts: `Authorization: Bearer <token>`. Calendar apps use feed links instead. */
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
  @ApiOperation({ summary: 'Create a token (read or read-write, optionally expiring); the response is the only time the token is shown' })
  create(@CurrentUser() user: RequestUser, @Body() body: CreateApiTokenBody, @Req() request: AuthRequest): Promise<CreatedApiTokenDto> {
    return this.tokens.create(user, body, actorOf(request));
  }

  @Delete(':id')
  @Access('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token; it stops working with the next request' })
  async revoke(@CurrentUser() user: RequestUser, @Param() params: ApiTokenIdParams, @Req() request: AuthRequest): Promise<void> {
    await this.tokens.revoke(user.id, params.id, actorOf(request));
  }
}
