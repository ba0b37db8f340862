import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access, IsOmittable, IsSingleLineText } from '@pactwatch/api/core';
import type { RequestUser } from '@pactwatch/api/core';
import { FEED_FILTER_KEYS, FEED_KINDS, TOKEN_LIFETIME_DAYS } from '@pactwatch/shared/contracts';
import type { CreatedFeedTokenDto, CreateFeedTokenRequest, FeedKind, FeedTokenDto, TokenLifetimeDays } from '@pactwatch/shared/contracts';
import { IsIn, IsObject, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { AuthRequest } from '../access/auth-request';
import { actorOf, CurrentUser } from '../access/current-user.decorator';
import { SessionOnly } from '../access/session-only.decorator';
import { ApiTokenIdParams, LIFETIME_MESSAGE } from './api-tokens.controller';
import { FeedTokenService } from './feed-token.service';

export class CreateFeedTokenBody implements CreateFeedTokenRequest {
  @ApiProperty({ example: 'Outlook: energy deadlines' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSingleLineText()
  name!: string;

  @ApiProperty({ enum: FEED_KINDS, description: '`deadlines`: the iCalendar of due dates; `changes`: the Atom feed of status changes' })
  @IsIn(FEED_KINDS, { message: `must be one of ${FEED_KINDS.join(', ')}` })
  feed!: FeedKind;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: `The list filters the feed shows, as in its query string (${FEED_FILTER_KEYS.join(', ')}); omit for everything`,
    example: { area: 'energy', flag: 'overdue,due_soon' },
  })
  @IsOmittable()
  @IsObject({ message: 'must be an object of filter names and values' })
  filter?: Record<string, string>;

  @ApiPropertyOptional({ enum: TOKEN_LIFETIME_DAYS, nullable: true, description: 'Days until the link stops working; omit or null: never' })
  @IsOmittable()
  @ValidateIf((_object, value) => value !== null)
  @IsIn(TOKEN_LIFETIME_DAYS, { message: LIFETIME_MESSAGE })
  expiresInDays?: TokenLifetimeDays | null;
}

/**
 * Feed links: a token for one calendar (iCal) or Atom feed, read-only, for apps that cannot sign in. Listed and
 * revoked apart from API tokens; a feed token works only as `?token=` on its own feed.
 */
@ApiTags('users')
@Controller('me/feed-tokens')
export class FeedTokensController {
  constructor(private readonly tokens: FeedTokenService) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: 'Your feed links (never the token itself)' })
  list(@CurrentUser() user: RequestUser): Promise<FeedTokenDto[]> {
    return this.tokens.list(user.id);
  }

  @Post()
  @Access('viewer')
  @SessionOnly()
  @ApiOperation({ summary: 'Create a feed link for one feed and filter; the response is the only time its token is shown' })
  create(@CurrentUser() user: RequestUser, @Body() body: CreateFeedTokenBody, @Req() request: AuthRequest): Promise<CreatedFeedTokenDto> {
    return this.tokens.create(user, body, actorOf(request));
  }

  @Delete(':id')
  @Access('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a feed link; calendars subscribed to it stop updating with their next fetch' })
  async revoke(@CurrentUser() user: RequestUser, @Param() params: ApiTokenIdParams, @Req() request: AuthRequest): Promise<void> {
    await this.tokens.revoke(user.id, params.id, actorOf(request));
  }
}
