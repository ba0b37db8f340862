import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import { ApiProblems } from '../shared/api-problems';
import { FeedQueryDto } from './feed-query.dto';
import { FeedsService } from './feeds.service';

@ApiTags('feeds')
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('deadlines.ics')
  @Access('token')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'inline; filename="pactwatch-deadlines.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'iCalendar feed of deadlines: one all-day event per due date, for any list filter',
    description: 'Subscribe from Outlook, Google or Apple Calendar, e.g. /api/feeds/deadlines.ics?area=energy&token=…',
  })
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) document', schema: { type: 'string' } })
  @ApiProblems(400)
  deadlines(@Query() query: FeedQueryDto, @CurrentActor() actor: Actor): Promise<string> {
    return this.feeds.deadlinesIcs(query, actor);
  }

  @Get('changes.atom')
  @Access('token')
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: 'Atom feed of status changes (the 50 latest), for any list filter' })
  @ApiOkResponse({ description: 'An Atom (RFC 4287) document', schema: { type: 'string' } })
  @ApiProblems(400)
  changes(@Query() query: FeedQueryDto, @CurrentActor() actor: Actor): Promise<string> {
    return this.feeds.changesAtom(query, actor);
  }
}
