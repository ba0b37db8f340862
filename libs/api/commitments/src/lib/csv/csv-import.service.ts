import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditEntry, AuditService } from '@pactwatch/api/audit';
import { DomainException } from '@pactwatch/api/core';
import type { ImportReportDto } from '@pactwatch/shared/contracts';
import { computeDueDate, DeadlineError, DeadlineSpec, DueDateResult } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager, In } from 'typeorm';
import { commitmentSnapshot } from '../commitments/commitment.mapper';
import {
  AgreementEntity,
  AnchorEventChangeEntity,
  AnchorEventEntity,
  CommitmentEntity,
  PartyEntity,
  PolicyAreaEntity,
  StatusUpdateEntity,
} from '../entities';
import { DuplicateKeyException, TooManyRowsException } from '../shared/errors';
import { WorkspaceCalendar } from '../shared/workspace-calendar';
import { mapUniqueViolations } from '../shared/write-helpers';
import { checkHeader, CommitmentDraft, CsvError, cycleErrors, parseCsv, parseRow } from './csv-format';

/** One import takes at most this many rows (the body limit is 5 MB). */
export const MAX_IMPORT_ROWS = 5000;

/** A rejected import: 400, with every bad row and column in `errors` and the full report in `report`. */
export class CsvImportRejectedException extends DomainException {
  constructor(readonly report: ImportReportDto) {
    super('validation_failed', `The file has ${report.errors.length} problem(s); nothing was imported`, {
      errors: report.errors.map((error) => ({
        field: `row ${error.row}${error.column ? `: ${error.column}` : ''}`,
        message: error.message,
      })),
      report,
    });
  }
}

class Rejected extends Error {
  constructor(readonly errors: CsvError[]) {
    super('rejected');
  }
}

class DryRunDone extends Error {
  constructor(readonly imported: number) {
    super('dry run');
  }
}

interface AgreementPlan {
  title: string;
  existing: AgreementEntity | null;
  kind: CommitmentDraft['agreement']['kind'];
  signedOn: string | null;
  firstRow: number;
  partyCodes: Set<string>;
}

interface AnchorPlan {
  agreementTitle: string;
  name: string;
  date: string | null;
  existing: AnchorEventEntity | null;
  firstRow: number;
}

/**
 * Imports commitments from CSV, all or nothing: every row is checked (against the file and the
 * database) before anything is written, and the writes run in one transaction. A dry run does
 * the whole import and rolls it back, so it also catches what only the database would refuse.
 */
@Injectable()
export class CsvImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkspaceCalendar,
    private readonly audit: AuditService,
  ) {}

  async import(text: string, dryRun: boolean, actor: Actor): Promise<ImportReportDto> {
    const { today } = await this.calendar.day();
    const parsed = parseCsv(text);
    const rows = parsed.rows.length;
    if (rows > MAX_IMPORT_ROWS) throw new TooManyRowsException(rows, MAX_IMPORT_ROWS);
    const report = (imported: number, errors: CsvError[] = []): ImportReportDto => ({
      dryRun,
      imported,
      rows,
      errors: [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)),
    });
    try {
      if (parsed.errors.length > 0) throw new Rejected(parsed.errors);
      const imported = await mapUniqueViolations(
        () =>
          this.dataSource.transaction(async (manager) => {
            const count = await this.run(manager, parsed.header, parsed.rows, today, actor);
            if (dryRun) throw new DryRunDone(count);
            return count;
          }),
        { commitments_ref_code_key: () => new DuplicateKeyException('commitment', 'ref_code', 'in the file') },
      );
      return report(imported);
    } catch (error) {
      if (error instanceof DryRunDone) return report(error.imported);
      if (error instanceof Rejected) {
        if (dryRun) return report(0, error.errors);
        throw new CsvImportRejectedException(report(0, error.errors));
      }
      throw error;
    }
  }

  private async run(
    manager: EntityManager,
    header: string[],
    rows: { row: number; cells: string[] }[],
    today: string,
    actor: Actor,
  ): Promise<number> {
    const errors: CsvError[] = checkHeader(header);
    if (errors.length > 0) throw new Rejected(errors);
    const drafts: CommitmentDraft[] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, cells } of rows) {
      const result = parseRow(header, cells, row);
      errors.push(...result.errors);
      if (result.draft) drafts.push(result.draft);
      // Reference codes must be unique in the file, whatever else is wrong with the row.
      const first = result.refCode ? firstRowOf.get(result.refCode) : undefined;
      if (first !== undefined) errors.push({ row, column: 'ref_code', message: `repeats row ${first}` });
      else if (result.refCode) firstRowOf.set(result.refCode, row);
    }
    if (rows.length === 0) errors.push({ row: 2, column: '', message: 'the file has no rows to import' });

    // Reference codes new to the database; parents in the file or the database.
    const byRef = new Map<string, CommitmentDraft>();
    for (const draft of drafts) if (firstRowOf.get(draft.refCode) === draft.row) byRef.set(draft.refCode, draft);
    // A code with NUL (already reported for its row) cannot be sent to PostgreSQL.
    const refCodes = [...firstRowOf.keys()].filter((code) => !code.includes('\u0000'));
    const parentCodes = [...new Set(drafts.map((d) => d.parentRefCode).filter((code): code is string => Boolean(code)))];
    const known = await manager.find(CommitmentEntity, {
      where: { refCode: In([...refCodes, ...parentCodes]) },
      select: { id: true, refCode: true },
    });
    const existingIds = new Map(known.map((c) => [c.refCode, c.id]));
    for (const [refCode, row] of firstRowOf) {
      if (existingIds.has(refCode)) errors.push({ row, column: 'ref_code', message: 'already exists; import adds new commitments only' });
    }
    for (const draft of drafts) {
      if (draft.parentRefCode && !firstRowOf.has(draft.parentRefCode) && !existingIds.has(draft.parentRefCode)) {
        errors.push({
          row: draft.row,
          column: 'parent_ref_code',
          message: `names no commitment in the file or the database: ${draft.parentRefCode}`,
        });
      }
    }
    errors.push(...cycleErrors(drafts, byRef));

    const agreements = await this.planAgreements(manager, drafts, errors);
    const anchors = await this.planAnchors(manager, drafts, agreements, errors);
    const parties = await this.planNamed(
      manager,
      PartyEntity,
      'code',
      drafts.flatMap((d) => d.parties.map((p) => ({ key: p.code, name: p.name }))),
    );
    const areas = await this.planNamed(
      manager,
      PolicyAreaEntity,
      'slug',
      drafts.flatMap((d) => d.areas.map((a) => ({ key: a.slug, name: a.name }))),
    );
    if (errors.length > 0) throw new Rejected(errors);

    // Everything checks out: write it all.
    const entries: AuditEntry[] = [];
    const partyByCode = new Map<string, PartyEntity>(parties.existing.map((p) => [p.code, p]));
    for (const [code, name] of parties.missing) {
      const saved = await manager.save(manager.create(PartyEntity, { code, name: name ?? code, kind: 'country' }));
      partyByCode.set(code, saved);
      entries.push({
        action: 'create',
        entityType: 'party',
        entityId: saved.id,
        after: { code, name: saved.name },
        summary: `Added party ${code} (CSV import)`,
      });
    }
    const areaBySlug = new Map<string, PolicyAreaEntity>(areas.existing.map((a) => [a.slug, a]));
    for (const [slug, name] of areas.missing) {
      const saved = await manager.save(manager.create(PolicyAreaEntity, { slug, name: name ?? slug }));
      areaBySlug.set(slug, saved);
      entries.push({
        action: 'create',
        entityType: 'policy_area',
        entityId: saved.id,
        after: { slug, name: saved.name },
        summary: `Added policy area ${slug} (CSV import)`,
      });
    }
    const agreementIds = new Map<string, string>();
    for (const plan of agreements.values()) {
      if (plan.existing) {
        agreementIds.set(plan.title, plan.existing.id);
        continue;
      }
      const saved = await manager.save(
        manager.create(AgreementEntity, {
          title: plan.title,
          kind: plan.kind ?? 'other',
          signedOn: plan.signedOn,
          sourceUrl: null,
          summary: '',
          parties: [...plan.partyCodes].map((code) => partyByCode.get(code)).filter((p): p is PartyEntity => Boolean(p)),
        }),
      );
      agreementIds.set(plan.title, saved.id);
      entries.push({
        action: 'create',
        entityType: 'agreement',
        entityId: saved.id,
        after: { title: saved.title, kind: saved.kind, signedOn: saved.signedOn },
        summary: `Added agreement ${saved.title} (CSV import)`,
      });
    }
    const anchorIds = new Map<string, { id: string; date: string | null }>();
    for (const [key, plan] of anchors) {
      if (plan.existing) {
        anchorIds.set(key, { id: plan.existing.id, date: plan.existing.occurredOn });
        continue;
      }
      const saved = await manager.save(
        manager.create(AnchorEventEntity, {
          agreementId: agreementIds.get(plan.agreementTitle) ?? null,
          name: plan.name,
          occurredOn: plan.date,
          note: '',
        }),
      );
      if (saved.occurredOn) {
        await manager.save(
          manager.create(AnchorEventChangeEntity, {
            anchorEventId: saved.id,
            previousDate: null,
            newDate: saved.occurredOn,
            reason: 'CSV import',
            changedBy: actor.id,
            changedByLabel: actor.label,
          }),
        );
      }
      anchorIds.set(key, { id: saved.id, date: saved.occurredOn });
      entries.push({
        action: 'create',
        entityType: 'anchor_event',
        entityId: saved.id,
        after: { name: saved.name, occurredOn: saved.occurredOn },
        summary: `Added anchor event ${saved.name} (CSV import)`,
      });
    }

    const created = new Map<string, CommitmentEntity>();
    for (const draft of drafts) {
      const anchor = draft.anchor ? anchorIds.get(anchorKey(draft.agreement.title, draft.anchor.name)) : undefined;
      const spec: DeadlineSpec =
        anchor && (draft.deadline.kind === 'relative' || draft.deadline.kind === 'recurring')
          ? { ...draft.deadline, anchorEventId: anchor.id }
          : draft.deadline;
      const due = dueDateOf(draft, spec, anchor ? { [anchor.id]: anchor.date } : {}, today);
      const saved = await manager.save(
        manager.create(CommitmentEntity, {
          refCode: draft.refCode,
          title: draft.title,
          description: draft.description,
          agreementId: agreementIds.get(draft.agreement.title) as string,
          parentId: draft.parentRefCode ? (existingIds.get(draft.parentRefCode) ?? null) : null,
          sourceQuote: draft.sourceQuote,
          sourceLocator: draft.sourceLocator,
          sourceUrl: draft.sourceUrl,
          responsibleBody: draft.responsibleBody,
          ownerId: null,
          deadline: spec,
          anchorEventId: anchor?.id ?? null,
          dueDate: due.dueDate,
          anchorPending: due.anchorPending,
          status: draft.status,
          progress: draft.progress,
          lastVerifiedOn: draft.lastVerifiedOn,
          isExample: draft.isExample,
          parties: draft.parties.map((p) => partyByCode.get(p.code)).filter((p): p is PartyEntity => Boolean(p)),
          areas: draft.areas.map((a) => areaBySlug.get(a.slug)).filter((a): a is PolicyAreaEntity => Boolean(a)),
          assignees: [],
        }),
      );
      created.set(draft.refCode, saved);
      await manager.save(
        manager.create(StatusUpdateEntity, {
          commitmentId: saved.id,
          authorId: actor.id,
          authorLabel: actor.label,
          effectiveOn: today,
          statusBefore: null,
          statusAfter: draft.status,
          progressBefore: null,
          progressAfter: draft.progress,
          note: 'Imported from CSV.',
          correctsId: null,
          evidence: [],
        }),
      );
    }
    for (const draft of drafts) {
      const parent = draft.parentRefCode ? created.get(draft.parentRefCode) : undefined;
      const self = created.get(draft.refCode) as CommitmentEntity;
      if (parent) {
        await manager.update(CommitmentEntity, { id: self.id }, { parentId: parent.id });
        self.parentId = parent.id;
      }
      entries.push({
        action: 'create',
        entityType: 'commitment',
        entityId: self.id,
        after: commitmentSnapshot(self),
        summary: `Imported ${self.refCode} from CSV`,
      });
    }
    await this.audit.record(manager, actor, entries);
    return drafts.length;
  }

  /** Agreements by title: existing ones are reused (kind and date must agree); new ones are created once. */
  private async planAgreements(manager: EntityManager, drafts: CommitmentDraft[], errors: CsvError[]): Promise<Map<string, AgreementPlan>> {
    const titles = [...new Set(drafts.map((d) => d.agreement.title))];
    const existing = titles.length > 0 ? await manager.findBy(AgreementEntity, { title: In(titles) }) : [];
    const plans = new Map<string, AgreementPlan>();
    for (const draft of drafts) {
      const { title, kind, signedOn } = draft.agreement;
      let plan = plans.get(title);
      if (!plan) {
        const matches = existing.filter((a) => a.title === title);
        if (matches.length > 1) {
          errors.push({
            row: draft.row,
            column: 'agreement',
            message: `matches ${matches.length} agreements with this title; rename one to import`,
          });
          continue;
        }
        const found = matches[0] ?? null;
        plan = {
          title,
          existing: found,
          kind: found?.kind ?? kind,
          signedOn: found ? found.signedOn : signedOn,
          firstRow: draft.row,
          partyCodes: new Set(),
        };
        plans.set(title, plan);
      }
      const where = plan.existing ? 'the existing agreement' : `row ${plan.firstRow}`;
      if (kind && plan.kind && kind !== plan.kind)
        errors.push({ row: draft.row, column: 'agreement_kind', message: `differs from ${where} (${plan.kind})` });
      if (signedOn && plan.signedOn !== signedOn) {
        errors.push({ row: draft.row, column: 'agreement_signed_on', message: `differs from ${where} (${plan.signedOn ?? 'no date'})` });
      }
      plan.kind = plan.kind ?? kind;
      for (const party of draft.parties) plan.partyCodes.add(party.code);
    }
    return plans;
  }

  /** Anchor events by name within their agreement: existing ones are reused (the date must agree), new ones created once. */
  private async planAnchors(
    manager: EntityManager,
    drafts: CommitmentDraft[],
    agreements: Map<string, AgreementPlan>,
    errors: CsvError[],
  ): Promise<Map<string, AnchorPlan>> {
    const existingAgreementIds = [...agreements.values()].flatMap((plan) => (plan.existing ? [plan.existing.id] : []));
    const existing =
      existingAgreementIds.length > 0 ? await manager.findBy(AnchorEventEntity, { agreementId: In(existingAgreementIds) }) : [];
    const plans = new Map<string, AnchorPlan>();
    for (const draft of drafts) {
      if (!draft.anchor) continue;
      const key = anchorKey(draft.agreement.title, draft.anchor.name);
      let plan = plans.get(key);
      if (!plan) {
        const agreementId = agreements.get(draft.agreement.title)?.existing?.id;
        const matches = agreementId ? existing.filter((a) => a.agreementId === agreementId && a.name === draft.anchor?.name) : [];
        if (matches.length > 1) {
          errors.push({
            row: draft.row,
            column: 'anchor_event',
            message: `matches ${matches.length} anchor events of this agreement; rename one to import`,
          });
          continue;
        }
        const found = matches[0] ?? null;
        plan = {
          agreementTitle: draft.agreement.title,
          name: draft.anchor.name,
          date: found ? found.occurredOn : draft.anchor.date,
          existing: found,
          firstRow: draft.row,
        };
        plans.set(key, plan);
      }
      if (plan.date !== draft.anchor.date) {
        const where = plan.existing ? 'the existing anchor event; change its date there' : `row ${plan.firstRow}`;
        errors.push({ row: draft.row, column: 'anchor_event_date', message: `differs from ${where} (${plan.date ?? 'pending'})` });
      }
    }
    return plans;
  }

  /** Parties by code or areas by slug: which exist, and which to create (with the first name given). */
  private async planNamed<T extends PartyEntity | PolicyAreaEntity>(
    manager: EntityManager,
    target: new () => T,
    key: 'code' | 'slug',
    wanted: { key: string; name: string | null }[],
  ): Promise<{ existing: T[]; missing: Map<string, string | null> }> {
    const keys = [...new Set(wanted.map((w) => w.key))];
    const existing = keys.length > 0 ? ((await manager.getRepository(target).findBy({ [key]: In(keys) } as never)) as T[]) : [];
    const have = new Set(existing.map((row) => (row as unknown as Record<string, string>)[key]));
    const missing = new Map<string, string | null>();
    for (const item of wanted) {
      if (have.has(item.key)) continue;
      if (!missing.has(item.key) || (missing.get(item.key) === null && item.name)) missing.set(item.key, item.name);
    }
    return { existing, missing };
  }
}

function anchorKey(agreementTitle: string, name: string): string {
  return `${agreementTitle}\u0000${name}`;
}

/** The row's due date; dates whose arithmetic leaves the calendar (e.g. an anchor in 9999) refuse the file, naming the column. */
function dueDateOf(draft: CommitmentDraft, spec: DeadlineSpec, anchors: Record<string, string | null>, today: string): DueDateResult {
  try {
    return computeDueDate(spec, anchors, today);
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    const column = draft.anchor ? 'anchor_event_date' : spec.kind === 'recurring' ? 'deadline_start' : 'deadline_date';
    throw new Rejected([{ row: draft.row, column, message: error.message }]);
  }
}
