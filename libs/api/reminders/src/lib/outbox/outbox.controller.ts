import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@pactwatch/api/core';
import type { DeliveryDto, DeliveryPreviewDto, Page } from '@pactwatch/shared/contracts';
import { DeliveryIdParams, OutboxQueryParams } from './outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('reminders')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Mail planned and sent, newest first (reminders, digests, account mail)' })
  list(@Query() query: OutboxQueryParams): Promise<Page<DeliveryDto>> {
    return this.outbox.list(query);
  }

  @Get(':id/preview')
  @Access('admin')
  @ApiOperation({ summary: 'One mail as it is (or will be) sent, HTML and plain text, with the tokens in its links hidden' })
  preview(@Param() params: DeliveryIdParams): Promise<DeliveryPreviewDto> {
    return this.outbox.preview(params.id);
  }
}
