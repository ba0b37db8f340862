import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pactwatch/api/audit';
import { Access } from '@pactwatch/api/core';
import { COMMITMENT_CSV_COLUMNS, ImportReportDto } from '@pactwatch/shared/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommitmentExportQueryDto } from '../commitments/commitment-query.dto';
import { ApiProblems } from '../shared/api-problems';
import { csvTextOf, IMPORT_MEDIA_TYPES } from './csv-body-parser';
import { CsvExportService } from './csv-export.service';
import { CsvImportService } from './csv-import.service';
import { ImportQueryDto, ImportReportResponse } from './csv.dto';

@ApiTags('commitments')
@Controller('commitments')
export class CsvController {
  constructor(
    private readonly exporter: CsvExportService,
    private readonly importer: CsvImportService,
  ) {}

  @Get('export.csv')
  @Access('portal')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'CSV of any filtered list (the list filters, sort and asOf; every page)',
    description: `Columns: ${COMMITMENT_CSV_COLUMNS.join(', ')}`,
  })
  @ApiOkResponse({ description: 'text/csv, one row per commitment', schema: { type: 'string' } })
  @ApiProblems(400)
  async export(
    @Query() query: CommitmentExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.exporter.export(query, actor);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }

  @Post('import.csv')
  @HttpCode(200)
  @Access('analyst')
  @ApiConsumes(...IMPORT_MEDIA_TYPES)
  @ApiBody({
    description:
      `A UTF-8 CSV with a header row, as the body (text/csv) or as the one file of a form upload (multipart/form-data). ` +
      `Columns: ${COMMITMENT_CSV_COLUMNS.join(', ')}`,
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary: 'Import commitments from CSV, all or nothing (dryRun=true: check only)',
    description:
      'Any bad row imports nothing: the answer is 400 naming every bad row and column (with dryRun, 200 and the same report). ' +
      'One leading apostrophe is taken off every cell: the export writes one before any value a spreadsheet could run as a formula ' +
      "(starting with = + - @, a tab or CR) and before any value that starts with ', so an export imports exactly.",
  })
  @ApiOkResponse({ type: ImportReportResponse })
  @ApiProblems(400, 409, 413, 415, 429)
  async import(
    @Req() request: FastifyRequest,
    @Body() body: unknown,
    @Query() query: ImportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ImportReportDto> {
    return this.importer.import(await csvTextOf(request, body), query.dryRun ?? false, actor);
  }
}
