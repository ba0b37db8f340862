import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@pactwatch/api/audit';
import { COMMITMENT_CSV_COLUMNS } from '@pactwatch/shared/contracts';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { CommitmentExportQueryDto } from '../commitments/commitment-query.dto';
import { CommitmentQueryService } from '../commitments/commitment-query.service';
import { effectiveSort } from '../commitments/commitment-sql';
import { CsvExtra, CsvRecord, neutraliseRecord, toCsvRecord } from './csv-format';

/** At most this many rows in one export. */
export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 1000;

export interface CsvFile {
  filename: string;
  body: string;
}

/** The CSV of any filtered list: the same filters and sort as GET /api/commitments, every page. */
@Injectable()
export class CsvExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CommitmentQueryService,
  ) {}

  async export(query: CommitmentExportQueryDto, actor: Actor): Promise<CsvFile> {
    const { asOf, sort, ...filters } = query;
    const context = await this.queries.context(asOf);
    const filter = this.queries.resolveFilter(filters, actor);
    const rows = await this.queries.rows(filter, effectiveSort(sort, filter.q), context, MAX_EXPORT_ROWS);
    const records: CsvRecord[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const summaries = await this.queries.summaries(batch, context);
      const extras = await this.extras(batch.map((row) => row.id));
      for (const summary of summaries) records.push(neutraliseRecord(toCsvRecord(summary, extras.get(summary.id) as CsvExtra)));
    }
    const body = stringify(records, { header: true, columns: [...COMMITMENT_CSV_COLUMNS], bom: false });
    return { filename: `pactwatch-commitments-${asOf ?? context.day.today}.csv`, body };
  }

  private async extras(ids: string[]): Promise<Map<string, CsvExtra>> {
    const rows: {
      id: string;
      description: string;
      source_quote: string;
      source_locator: string;
      source_url: string | null;
      parent_ref_code: string | null;
      anchor_name: string | null;
      anchor_date: string | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.description, c.source_quote, c.source_locator, c.source_url, p.ref_code AS parent_ref_code,
              a.name AS anchor_name, a.occurred_on::text AS anchor_date
       FROM commitments c
       LEFT JOIN commitments p ON p.id = c.parent_id
       LEFT JOIN anchor_events a ON a.id = c.anchor_event_id
       WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          description: row.description,
          sourceQuote: row.source_quote,
          sourceLocator: row.source_locator,
          sourceUrl: row.source_url,
          parentRefCode: row.parent_ref_code,
          anchorName: row.anchor_name,
          anchorDate: row.anchor_date,
        },
      ]),
    );
  }
}
