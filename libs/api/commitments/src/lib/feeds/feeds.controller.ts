import { Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access, Feed } from '@pactwatch/api/core';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../shared/api-problems';
import { CALENDAR_FEED_LIMIT, etagMatches } from './feed-model';
import { FeedQueryDto } from './feed-query.dto';
import { FeedsService } from './feeds.service';

@ApiTags('feeds')
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('deadlines.ics')
  @Access('token')
  @Feed('deadlines')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'inline; filename="pactwatch-deadlines.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'iCalendar feed of deadlines: one all-day event per due date, for any list filter',
    description:
      'Subscribe from Outlook, Google or Apple Calendar, e.g. /api/feeds/deadlines.ics?area=energy&token=…. ' +
      'It holds every open commitment with a due date, overdue ones included, however far ahead (with status=…, those ' +
      `statuses instead; dueFrom/dueTo narrow it). At most ${CALENDAR_FEED_LIMIT} events: past that, the deadlines nearest to today. ` +
      'Send the ETag back in If-None-Match to get 304 while nothing changed.',
  })
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) document', schema: { type: 'string' } })
  @ApiResponse({ status: 304, description: 'Not modified: the ETag sent in If-None-Match is still current' })
  @ApiProblems(400)
  async deadlines(
    @Query() query: FeedQueryDto,
    @CurrentActor() actor: Actor,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const calendar = await this.feeds.deadlines(query, actor);
    void reply.header('etag', calendar.etag).header('cache-control', 'private, no-cache');
    if (!etagMatches(ifNoneMatch, calendar.etag)) return calendar.body();
    void reply.status(304);
    return '';
  }

  @Get('changes.atom')
  @Access('token')
  @Feed('changes')
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: 'Atom feed of status changes (the 50 latest), for any list filter' })
  @ApiOkResponse({ description: 'An Atom (RFC 4287) document', schema: { type: 'string' } })
  @ApiProblems(400)
  changes(@Query() query: FeedQueryDto, @CurrentActor() actor: Actor): Promise<string> {
    return this.feeds.changesAtom(query, actor);
  }
}
