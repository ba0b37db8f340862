import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@pactwatch/api/core';
import type { AuditEntryDto, Page } from '@pactwatch/shared/contracts';
import { AuditPageResponse, AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'The audit log, newest first: who changed what, when, with the values before and after' })
  @ApiOkResponse({ type: AuditPageResponse })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    return this.audit.list(query);
  }
}
