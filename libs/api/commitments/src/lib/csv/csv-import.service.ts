import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditEntry, AuditService } from '@pactwatch/api/audit';
import { AppConfig, DomainException } from '@pactwatch/api/core';
import type { ImportReportDto } from '@pactwatch/shared/contracts';
import { computeDueDate, DeadlineError, DeadlineSpec, DueDateResult } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager } from 'typeorm';
import { recordAnchorDateChange } from '../anchors/anchor-date-history';
import { commitmentSnapshot } from '../commitments/commitment.mapper';
import { AgreementEntity, AnchorEventEntity, CommitmentEntity, PartyEntity, PolicyAreaEntity, StatusUpdateEntity } from '../entities';
import { DuplicateKeyException, TooManyRowsException } from '../shared/errors';
import { WorkspaceCalendar } from '../shared/workspace-calendar';
import { mapUniqueViolations } from '../shared/write-helpers';
import { CommitmentDraft, CsvError, parseCsv } from './csv-format';
import { AgreementPlan, anchorKey, AnchorPlan, ImportPlan, NamedPlan, planImport, Rejected } from './csv-import-plan';
import { ImportSlots, takeUserImportSlot } from './import-limits';

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

class DryRunDone extends Error {
  constructor(readonly imported: number) {
    super('dry run');
  }
}

/**
 * Imports commitments from CSV, all or nothing: every row is checked (against the file and the
 * database) before anything is written, and the writes run in one transaction. A dry run does
 * the whole import and rolls it back, so it also catches what only the database would refuse.
 */
@Injectable()
export class CsvImportService {
  private readonly slots: ImportSlots;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkspaceCalendar,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {
    this.slots = new ImportSlots(config.env.CSV_IMPORTS_PER_INSTANCE);
  }

  /**
   * At most CSV_IMPORTS_PER_INSTANCE imports run in this process, and CSV_IMPORTS_PER_USER per user across every
   * instance (an advisory lock taken first in the import's transaction); past either, 429 and nothing is written.
   */
  async import(text: string, dryRun: boolean, actor: Actor): Promise<ImportReportDto> {
    this.slots.take();
    try {
      return await this.importWithinLimits(text, dryRun, actor);
    } finally {
      this.slots.release();
    }
  }

  private async importWithinLimits(text: string, dryRun: boolean, actor: Actor): Promise<ImportReportDto> {
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
            await takeUserImportSlot(manager, actor.id ?? actor.label, this.config.env.CSV_IMPORTS_PER_USER);
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

  /** Checks the whole file, then writes it: catalogue entries, agreements and anchors first, then the commitments. */
  private async run(
    manager: EntityManager,
    header: string[],
    rows: { row: number; cells: string[] }[],
    today: string,
    actor: Actor,
  ): Promise<number> {
    const plan = await planImport(manager, header, rows);
    const entries: AuditEntry[] = [];
    const partyByCode = await createMissing(manager, plan.parties, 'code', entries, (code, name) =>
      manager.create(PartyEntity, { code, name: name ?? code, kind: 'country' }),
    );
    const areaBySlug = await createMissing(manager, plan.areas, 'slug', entries, (slug, name) =>
      manager.create(PolicyAreaEntity, { slug, name: name ?? slug }),
    );
    const agreementIds = await createAgreements(manager, plan.agreements, partyByCode, entries);
    const anchors = await createAnchors(manager, plan.anchors, agreementIds, actor, entries);
    await createCommitments(manager, plan, { partyByCode, areaBySlug, agreementIds, anchors }, today, actor, entries);
    await this.audit.record(manager, actor, entries);
    return plan.drafts.length;
  }
}

const AUDIT_TYPES = { code: 'party', slug: 'policy_area' } as const;
const AUDIT_NOUNS = { code: 'party', slug: 'policy area' } as const;

/** Creates the parties (by code) or areas (by slug) the file names that do not exist yet; returns all of them by key. */
async function createMissing<T extends PartyEntity | PolicyAreaEntity>(
  manager: EntityManager,
  plan: NamedPlan<T>,
  key: 'code' | 'slug',
  entries: AuditEntry[],
  build: (key: string, name: string | null) => T,
): Promise<Map<string, T>> {
  const keyOf = (row: T) => (row as unknown as Record<'code' | 'slug', string>)[key];
  const byKey = new Map<string, T>(plan.existing.map((row) => [keyOf(row), row]));
  for (const [value, name] of plan.missing) {
    const saved = await manager.save(build(value, name));
    byKey.set(value, saved);
    entries.push({
      action: 'create',
      entityType: AUDIT_TYPES[key],
      entityId: saved.id,
      after: { [key]: value, name: saved.name },
      summary: `Added ${AUDIT_NOUNS[key]} ${value} (CSV import)`,
    });
  }
  return byKey;
}

/** Agreement ids by title: the existing ones, and the new ones created with the parties their rows name. */
async function createAgreements(
  manager: EntityManager,
  plans: Map<string, AgreementPlan>,
  partyByCode: Map<string, PartyEntity>,
  entries: AuditEntry[],
): Promise<Map<string, string>> {
  const agreementIds = new Map<string, string>();
  for (const plan of plans.values()) {
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
  return agreementIds;
}

/** Anchor events by anchorKey, with their dates: the existing ones, and the new ones with their first history entry. */
async function createAnchors(
  manager: EntityManager,
  plans: Map<string, AnchorPlan>,
  agreementIds: Map<string, string>,
  actor: Actor,
  entries: AuditEntry[],
): Promise<Map<string, { id: string; date: string | null }>> {
  const anchors = new Map<string, { id: string; date: string | null }>();
  for (const [key, plan] of plans) {
    if (plan.existing) {
      anchors.set(key, { id: plan.existing.id, date: plan.existing.occurredOn });
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
      await recordAnchorDateChange(manager, {
        anchorEventId: saved.id,
        previousDate: null,
        newDate: saved.occurredOn,
        reason: 'CSV import',
        by: actor,
      });
    }
    anchors.set(key, { id: saved.id, date: saved.occurredOn });
    entries.push({
      action: 'create',
      entityType: 'anchor_event',
      entityId: saved.id,
      after: { name: saved.name, occurredOn: saved.occurredOn },
      summary: `Added anchor event ${saved.name} (CSV import)`,
    });
  }
  return anchors;
}

interface CreatedReferences {
  partyByCode: Map<string, PartyEntity>;
  areaBySlug: Map<string, PolicyAreaEntity>;
  agreementIds: Map<string, string>;
  anchors: Map<string, { id: string; date: string | null }>;
}

/** The commitments with their first status update, then the parent links within the file (a parent may come later in it). */
async function createCommitments(
  manager: EntityManager,
  plan: ImportPlan,
  references: CreatedReferences,
  today: string,
  actor: Actor,
  entries: AuditEntry[],
): Promise<void> {
  const { partyByCode, areaBySlug, agreementIds, anchors } = references;
  const created = new Map<string, CommitmentEntity>();
  for (const draft of plan.drafts) {
    const anchor = draft.anchor ? anchors.get(anchorKey(draft.agreement.title, draft.anchor.name)) : undefined;
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
        parentId: draft.parentRefCode ? (plan.existingIds.get(draft.parentRefCode) ?? null) : null,
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
  for (const draft of plan.drafts) {
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
