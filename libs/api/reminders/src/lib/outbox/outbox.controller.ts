import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import type { DeliveryDto, DeliveryPreviewDto, MailStatusDto, Page } from '@pactwatch/shared/contracts';
import { DeliveryIdParams, OutboxQueryParams } from './outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('reminders')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Mail planned and sent, newest first (reminders, digests, catch-ups, account mail)' })
  list(@Query() query: OutboxQueryParams): Promise<Page<DeliveryDto>> {
    return this.outbox.list(query);
  }

  @Get('status')
  @Access('admin')
  @ApiOperation({ summary: 'Whether mail is going out: since when it has been failing, the last error, what waits' })
  status(): Promise<MailStatusDto> {
    return this.outbox.status();
  }

  @Get(':id/preview')
  @Access('admin')
  @ApiOperation({ summary: 'One mail as it is (or will be) sent, HTML and plain text, with the tokens in its links hidden' })
  preview(@Param() params: DeliveryIdParams): Promise<DeliveryPreviewDto> {
    return this.outbox.preview(params.id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Send a dead or failed mail again now, with a fresh count of attempts (409 for any other state)' })
  retry(@Param() params: DeliveryIdParams, @CurrentActor() actor: Actor): Promise<DeliveryDto> {
    return this.outbox.retry(actor, params.id);
  }
}
