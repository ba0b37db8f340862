import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import type { AuditQuery } from '@pactwatch/shared/contracts';
import { AdminApi, SessionStore, toProblem, toQueryRecord } from '@pactwatch/web/data-access';
import { EmptyState, ErrorState, LoadingState, SimplePager } from '@pactwatch/web/ui';
import { formatDay, formatInstant, isIsoDateString } from '@pactwatch/web/util';
import { catchError, of } from 'rxjs';

const ENTITY_TYPES = [
  'commitment',
  'status_update',
  'agreement',
  'anchor_event',
  'party',
  'policy_area',
  'user',
  'api_token',
  'settings',
  'watch',
];

interface MovedDeadline {
  refCode: string;
  dueDateBefore: string | null;
  dueDateAfter: string | null;
}

/** An anchor date change keeps why it happened and which deadlines moved (in `after`). */
function dateChange(
  after: Record<string, unknown> | null,
): { reason: string; moved: { refCode: string; before: string; after: string }[] } | null {
  if (!after || !Array.isArray(after['movedDeadlines'])) return null;
  const moved = (after['movedDeadlines'] as MovedDeadline[]).map((m) => ({
    refCode: m.refCode,
    before: m.dueDateBefore ? formatDay(m.dueDateBefore) : 'pending',
    after: m.dueDateAfter ? formatDay(m.dueDateAfter) : 'pending',
  }));
  return { reason: typeof after['reason'] === 'string' ? after['reason'] : '', moved };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The audit log; every filter is in the URL so a view can be shared with another admin. */
@Component({
  selector: 'pw-audit-page',
  imports: [MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatButton, MatIcon, LoadingState, ErrorState, EmptyState, SimplePager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './admin.scss',
})
export class AuditPage {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(SessionStore);

  private readonly params = toSignal(this.route.queryParams, { initialValue: {} as Record<string, unknown> });
  protected readonly query = computed<AuditQuery>(() => {
    const p = this.params();
    const page = Number(p['page']);
    return {
      user: text(p['user']),
      entityType: text(p['entityType']),
      entityId: text(p['entityId']),
      from: isIsoDateString(p['from']) ? (p['from'] as string) : undefined,
      to: isIsoDateString(p['to']) ? (p['to'] as string) : undefined,
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    };
  });

  protected readonly users = toSignal(this.api.users().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly entityTypes = ENTITY_TYPES;
  protected readonly log = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.audit(params) });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly logValue = computed(() => (this.log.hasValue() ? this.log.value() : undefined));
  protected readonly problem = computed(() => (this.log.error() ? toProblem(this.log.error()) : null));
  protected readonly rows = computed(() =>
    (this.logValue()?.items ?? []).map((e) => ({
      ...e,
      when: formatInstant(e.at, this.session.timeZone()),
      dateChange: dateChange(e.after),
      beforeJson: e.before ? JSON.stringify(e.before, null, 2) : null,
      afterJson: e.after ? JSON.stringify(e.after, null, 2) : null,
    })),
  );
  protected readonly pages = computed(() => {
    const page = this.logValue();
    return page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  });
  protected readonly page = computed(() => this.query().page ?? 1);

  protected set(change: Partial<AuditQuery>): void {
    const next = { ...this.query(), ...change, page: 'page' in change ? change.page : undefined };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toQueryRecord(next) });
  }

  protected clear(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }
}
