import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@pactwatch/api/audit';
import { AppConfig, Clock, WorkspaceSettingsService } from '@pactwatch/api/core';
import { ImplementationStatus, STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommitmentFiltersDto } from '../commitments/commitment-query.dto';
import { CommitmentQueryService, ReadContext, readDayKey } from '../commitments/commitment-query.service';
import { commitmentSource, filterConditions, ResolvedFilter } from '../commitments/commitment-sql';
import { DataVersionService } from '../shared/data-version.service';
import { cacheKey, ReadCache } from '../shared/read-cache';
import { SqlParams } from '../shared/sql';
import { renderAtom } from './atom';
import { calendarFilter, DeadlineEventRow, deadlineEventsStatement, renderCalendar, toDeadlineEvent } from './feed-model';

export const CHANGES_FEED_LIMIT = 50;

/** Calendar (iCalendar) and news-reader (Atom) feeds of the commitments a filter selects. */
@Injectable()
export class FeedsService {
  /** Rendered calendars for the current data version. */
  private readonly calendars = new ReadCache<string>(8);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CommitmentQueryService,
    private readonly settings: WorkspaceSettingsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly versions: DataVersionService,
  ) {}

  /**
   * The deadlines calendar of a filter: its entity tag, and its body, rendered only when the client's copy is
   * not current. Bodies are kept per filter and workspace day while the data version holds.
   */
  async deadlines(filters: CommitmentFiltersDto, actor: Actor): Promise<{ etag: string; body: () => Promise<string> }> {
    const context = await this.queries.context();
    const filter = calendarFilter(this.queries.resolveFilter(filters, actor));
    const key = `${readDayKey(context)} ${this.config.publicUrl} ${cacheKey(filter)}`;
    return {
      etag: `W/"${createHash('sha256').update(`${context.version} ${key}`).digest('base64url')}"`,
      body: () => this.versions.cached(this.calendars, key, context.version, () => this.renderCalendar(filter, context)),
    };
  }

  private async renderCalendar(filter: ResolvedFilter, context: ReadContext): Promise<string> {
    const rows = await this.queries.run<DeadlineEventRow>(deadlineEventsStatement(filter, context));
    return renderCalendar(
      rows.map((row) => toDeadlineEvent(row, this.config.publicUrl)),
      { name: `${context.day.workspaceName} deadlines`, url: this.config.publicUrl, stamp: this.clock.now() },
    );
  }

  /** The latest status updates of the commitments the filter selects, newest first. */
  async changesAtom(filters: CommitmentFiltersDto, actor: Actor): Promise<string> {
    const context = await this.queries.context();
    const filter = this.queries.resolveFilter(filters, actor);
    const params = new SqlParams();
    const source = commitmentSource(params, null);
    const where = filterConditions(filter, source, params, context.flagDay);
    const rows: {
      id: string;
      created_at: Date;
      effective_on: string;
      status_before: ImplementationStatus | null;
      status_after: ImplementationStatus;
      progress_after: number;
      note: string;
      author_label: string;
      corrects_id: string | null;
      ref_code: string;
      title: string;
    }[] = await this.dataSource.query(
      `SELECT su.id, su.created_at, su.effective_on::text AS effective_on, su.status_before, su.status_after, su.progress_after,
              su.note, su.author_label, su.corrects_id, c.ref_code, c.title
       FROM status_updates su JOIN ${source.from} ON c.id = su.commitment_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY su.created_at DESC, su.id DESC
       LIMIT ${params.add(CHANGES_FEED_LIMIT, 'int')}`,
      params.values,
    );
    const { workspaceName } = await this.settings.get();
    const base = this.config.publicUrl;
    const self = `${base}/api/feeds/changes.atom`;
    return renderAtom(
      {
        id: self,
        title: `${workspaceName}: status changes`,
        subtitle: 'Status updates of tracked commitments, newest first',
        link: base,
        self,
        updated: rows.length > 0 ? new Date(rows[0].created_at) : this.clock.now(),
        generator: 'Pactwatch',
      },
      rows.map((row) => {
        const change =
          row.status_before && row.status_before !== row.status_after
            ? `${STATUS_LABELS[row.status_before]} → ${STATUS_LABELS[row.status_after]}`
            : STATUS_LABELS[row.status_after];
        return {
          id: `urn:uuid:${row.id}`,
          title: `${row.ref_code}: ${change} (${row.progress_after}%)${row.corrects_id ? ' — correction' : ''}`,
          link: this.link(row.ref_code),
          updated: new Date(row.created_at),
          summary: `${row.title}. Effective ${row.effective_on}.${row.note ? ` ${row.note}` : ''}`,
          author: row.author_label,
        };
      }),
    );
  }

  private link(refCode: string): string {
    return `${this.config.publicUrl}/commitments/${encodeURIComponent(refCode)}`;
  }
}
