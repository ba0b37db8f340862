import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditEntry, AuditService } from '@pactwatch/api/audit';
import { AppConfig, DomainException } from '@pactwatch/api/core';
import type { ImportReportDto, ImportRowResultDto } from '@pactwatch/shared/contracts';
import { computeDueDate, DeadlineError, DeadlineSpec, DueDateResult } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager } from 'typeorm';
import { recordAnchorDateChange } from '../anchors/anchor-date-history';
import { commitmentSnapshot } from '../commitments/commitment.mapper';
import { AgreementEntity, AnchorEventEntity, CommitmentEntity, PartyEntity, PolicyAreaEntity, StatusUpdateEntity } from '../entities';
import { DuplicateKeyException, TooManyRowsException } from '../shared/errors';
import { WorkspaceCalendar } from '../shared/workspace-calendar';
import { mapUniqueViolations } from '../shared/write-helpers';
import { CommitmentDraft, CsvError, parseCsv } from './csv-format';
import { AgreementPlan, anchorKey, AnchorPlan, ImportPermissions, ImportPlan, NamedPlan, planImport, Rejected } from './csv-import-plan';
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

/** What an import did (or, in a dry run, would do). */
interface ImportOutcome {
  results: ImportRowResultDto[];
  createdParties: string[];
  createdAreas: string[];
}

class DryRunDone extends Error {
  constructor(readonly outcome: ImportOutcome) {
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
  async import(
    text: string,
    dryRun: boolean,
    actor: Actor,
    permissions: ImportPermissions = { createMissing: false, updateExisting: false },
  ): Promise<ImportReportDto> {
    this.slots.take();
    try {
      return await this.importWithinLimits(text, dryRun, actor, permissions);
    } finally {
      this.slots.release();
    }
  }

  private async importWithinLimits(text: string, dryRun: boolean, actor: Actor, permissions: ImportPermissions): Promise<ImportReportDto> {
    const { today } = await this.calendar.day();
    const parsed = parseCsv(text);
    const rows = parsed.rows.length;
    if (rows > MAX_IMPORT_ROWS) throw new TooManyRowsException(rows, MAX_IMPORT_ROWS);
    const report = (done: ImportOutcome | null, errors: CsvError[] = []): ImportReportDto => {
      const results = done?.results ?? [];
      const count = (action: ImportRowResultDto['action']) => results.filter((result) => result.action === action).length;
      return {
        dryRun,
        imported: count('create') + count('update'),
        rows,
        errors: [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)),
        created: count('create'),
        updated: count('update'),
        unchanged: count('unchanged'),
        createdParties: done?.createdParties ?? [],
        createdAreas: done?.createdAreas ?? [],
        results,
      };
    };
    try {
      if (parsed.errors.length > 0) throw new Rejected(parsed.errors);
      const imported = await mapUniqueViolations(
        () =>
          this.dataSource.transaction(async (manager) => {
            await takeUserImportSlot(manager, actor.id ?? actor.label, this.config.env.CSV_IMPORTS_PER_USER);
            const outcome = await this.run(manager, parsed.header, parsed.rows, today, actor, permissions);
            if (dryRun) throw new DryRunDone(outcome);
            return outcome;
          }),
        { commitments_ref_code_key: () => new DuplicateKeyException('commitment', 'ref_code', 'in the file') },
      );
      return report(imported);
    } catch (error) {
      if (error instanceof DryRunDone) return report(error.outcome);
      if (error instanceof Rejected) {
        if (dryRun) return report(null, error.errors);
        throw new CsvImportRejectedException(report(null, error.errors));
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
    permissions: ImportPermissions,
  ): Promise<ImportOutcome> {
    const plan = await planImport(manager, header, rows, permissions);
    const entries: AuditEntry[] = [];
    const partyByCode = await createMissing(manager, plan.parties, 'code', entries, (code, name) =>
      manager.create(PartyEntity, { code, name: name ?? code, kind: 'country' }),
    );
    const areaBySlug = await createMissing(manager, plan.areas, 'slug', entries, (slug, name) =>
      manager.create(PolicyAreaEntity, { slug, name: name ?? slug }),
    );
    const agreementIds = await createAgreements(manager, plan.agreements, partyByCode, entries);
    const anchors = await createAnchors(manager, plan.anchors, agreementIds, actor, entries);
    const results = await writeCommitments(manager, plan, { partyByCode, areaBySlug, agreementIds, anchors }, today, actor, entries);
    await this.audit.record(manager, actor, entries);
    return { results, createdParties: [...plan.parties.missing.keys()].sort(), createdAreas: [...plan.areas.missing.keys()].sort() };
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

/**
 * The new commitments with their first status update, the updates of existing ones, then the parent links within
 * the file (a parent may come later in it). Returns what happened to each row, in file order.
 */
async function writeCommitments(
  manager: EntityManager,
  plan: ImportPlan,
  references: CreatedReferences,
  today: string,
  actor: Actor,
  entries: AuditEntry[],
): Promise<ImportRowResultDto[]> {
  const { partyByCode, areaBySlug, agreementIds, anchors } = references;
  const written = new Map<string, CommitmentEntity>();
  const results: ImportRowResultDto[] = [];
  for (const draft of plan.drafts) {
    const anchor = draft.anchor ? anchors.get(anchorKey(draft.agreement.title, draft.anchor.name)) : undefined;
    const spec: DeadlineSpec =
      anchor && (draft.deadline.kind === 'relative' || draft.deadline.kind === 'recurring')
        ? { ...draft.deadline, anchorEventId: anchor.id }
        : draft.deadline;
    const due = dueDateOf(draft, spec, anchor ? { [anchor.id]: anchor.date } : {}, today);
    const parties = draft.parties.map((p) => partyByCode.get(p.code)).filter((p): p is PartyEntity => Boolean(p));
    const areas = draft.areas.map((a) => areaBySlug.get(a.slug)).filter((a): a is PolicyAreaEntity => Boolean(a));
    const existing = plan.updates.get(draft.refCode);
    if (existing) {
      const values: UpdatedValues = {
        agreementId: agreementIds.get(draft.agreement.title) as string,
        parentId: draft.parentRefCode ? (plan.existingIds.get(draft.parentRefCode) ?? null) : null,
        deadline: { spec, anchorEventId: anchor?.id ?? null, dueDate: due.dueDate, anchorPending: due.anchorPending },
        parties,
        areas,
      };
      const result = await updateCommitment(manager, existing, draft, values, plan.present, today, actor, entries);
      written.set(draft.refCode, existing);
      results.push(result);
      continue;
    }
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
        // Checked when the file says so, else on the day of the import: a new row is not stale on day one.
        lastVerifiedOn: draft.neverVerified ? null : (draft.lastVerifiedOn ?? today),
        isExample: draft.isExample,
        parties,
        areas,
        assignees: [],
      }),
    );
    written.set(draft.refCode, saved);
    results.push({ row: draft.row, refCode: draft.refCode, action: 'create', changes: [] });
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
    entries.push({
      action: 'create',
      entityType: 'commitment',
      entityId: saved.id,
      after: null,
      summary: `Imported ${saved.refCode} from CSV`,
    });
  }
  for (const draft of plan.drafts) {
    const parent = draft.parentRefCode ? written.get(draft.parentRefCode) : undefined;
    const self = written.get(draft.refCode) as CommitmentEntity;
    if (parent && self.parentId !== parent.id) {
      await manager.update(CommitmentEntity, { id: self.id }, { parentId: parent.id });
      self.parentId = parent.id;
      const result = results.find((item) => item.refCode === draft.refCode);
      if (result?.action === 'unchanged') Object.assign(result, { action: 'update', changes: ['parent_ref_code'] });
    }
  }
  // The creates' audit entries carry the commitment as written, parent links included.
  for (const entry of entries) {
    if (entry.entityType !== 'commitment' || entry.action !== 'create' || entry.after !== null) continue;
    const self = [...written.values()].find((row) => row.id === entry.entityId) as CommitmentEntity;
    entry.after = commitmentSnapshot(self);
  }
  if (plan.updates.size > 0)
    await refuseCycles(
      manager,
      [...plan.updates.values()].map((row) => row.id),
      plan,
    );
  return results;
}

interface UpdatedValues {
  agreementId: string;
  parentId: string | null;
  deadline: { spec: DeadlineSpec; anchorEventId: string | null; dueDate: string | null; anchorPending: boolean };
  parties: PartyEntity[];
  areas: PolicyAreaEntity[];
}

const DEADLINE_COLUMNS = [
  'deadline_kind',
  'deadline_date',
  'deadline_precision',
  'deadline_duration',
  'deadline_interval',
  'deadline_start',
  'anchor_event',
];

/**
 * Updates an existing commitment with what the row says, column by column (a column the file does not have is left
 * alone). A new status or progress is a status update effective today, so the history stays append-only.
 */
async function updateCommitment(
  manager: EntityManager,
  row: CommitmentEntity,
  draft: CommitmentDraft,
  values: UpdatedValues,
  present: ReadonlySet<string>,
  today: string,
  actor: Actor,
  entries: AuditEntry[],
): Promise<ImportRowResultDto> {
  const before = commitmentSnapshot(row);
  const columns: Partial<CommitmentEntity> = {};
  const changes: string[] = [];
  const set = <K extends keyof CommitmentEntity>(column: string, key: K, value: CommitmentEntity[K]) => {
    if (!present.has(column) || JSON.stringify(row[key]) === JSON.stringify(value)) return;
    columns[key] = value;
    if (!changes.includes(column)) changes.push(column);
  };
  set('title', 'title', draft.title);
  set('description', 'description', draft.description);
  set('agreement', 'agreementId', values.agreementId);
  set('parent_ref_code', 'parentId', values.parentId);
  set('responsible_body', 'responsibleBody', draft.responsibleBody);
  set('source_quote', 'sourceQuote', draft.sourceQuote);
  set('source_locator', 'sourceLocator', draft.sourceLocator);
  set('source_url', 'sourceUrl', draft.sourceUrl);
  set('is_example', 'isExample', draft.isExample);
  if (DEADLINE_COLUMNS.some((column) => present.has(column))) {
    const { spec, anchorEventId, dueDate, anchorPending } = values.deadline;
    if (JSON.stringify(spec) !== JSON.stringify(row.deadline) || anchorEventId !== row.anchorEventId) {
      Object.assign(columns, { deadline: spec, anchorEventId, dueDate, anchorPending });
      changes.push('deadline');
    }
  }
  const relationChanges = [
    present.has('parties') ? diff('parties', row.parties, values.parties) : null,
    present.has('areas') ? diff('areas', row.areas, values.areas) : null,
  ].filter((change): change is NonNullable<typeof change> => change !== null && (change.add.length > 0 || change.remove.length > 0));
  for (const change of relationChanges) changes.push(change.relation);

  const status = present.has('status') ? draft.status : row.status;
  const progress = present.has('progress') ? draft.progress : row.progress;
  const statusChanged = status !== row.status || progress !== row.progress;
  if (status !== row.status) changes.push('status');
  if (progress !== row.progress) changes.push('progress');
  const verified = draft.lastVerifiedOn ?? (statusChanged ? today : null);
  if (verified && verified !== row.lastVerifiedOn && (present.has('last_verified_on') || statusChanged)) {
    columns.lastVerifiedOn = verified;
    if (present.has('last_verified_on') && draft.lastVerifiedOn) changes.push('last_verified_on');
  }
  if (changes.length === 0) return { row: draft.row, refCode: draft.refCode, action: 'unchanged', changes };

  for (const change of relationChanges) {
    await manager.createQueryBuilder().relation(CommitmentEntity, change.relation).of(row.id).addAndRemove(change.add, change.remove);
  }
  if (statusChanged) {
    await manager.save(
      manager.create(StatusUpdateEntity, {
        commitmentId: row.id,
        authorId: actor.id,
        authorLabel: actor.label,
        effectiveOn: today,
        kind: 'update',
        statusBefore: row.status,
        statusAfter: status,
        progressBefore: row.progress,
        progressAfter: progress,
        note: `Updated from CSV (row ${draft.row}).`,
        correctsId: null,
        evidence: [],
      }),
    );
    Object.assign(columns, { status, progress });
  }
  // One UPDATE, which also moves the version and updated_at (even when only relations changed).
  await manager.createQueryBuilder().update(CommitmentEntity).set(columns).where('id = :id', { id: row.id }).execute();
  const after = await manager.findOneOrFail(CommitmentEntity, {
    where: { id: row.id },
    relations: { parties: true, areas: true, assignees: true },
  });
  Object.assign(row, { parentId: after.parentId });
  entries.push({
    action: 'update',
    entityType: 'commitment',
    entityId: row.id,
    before,
    after: commitmentSnapshot(after),
    summary: `Updated ${row.refCode} from CSV: ${changes.join(', ')}`,
  });
  return { row: draft.row, refCode: draft.refCode, action: 'update', changes };
}

function diff(relation: 'parties' | 'areas', current: { id: string }[], next: { id: string }[]) {
  const have = new Set(current.map((item) => item.id));
  const want = new Set(next.map((item) => item.id));
  return { relation, add: [...want].filter((id) => !have.has(id)), remove: [...have].filter((id) => !want.has(id)) };
}

/** An updated parent link must not make the tree go round in a circle through commitments outside the file. */
async function refuseCycles(manager: EntityManager, ids: string[], plan: ImportPlan): Promise<void> {
  const rows: { id: string }[] = await manager.query(
    `WITH RECURSIVE up (start, id, parent_id, depth) AS (
       SELECT id, id, parent_id, 1 FROM commitments WHERE id = ANY($1::uuid[])
       UNION ALL
       SELECT u.start, c.id, c.parent_id, u.depth + 1 FROM commitments c JOIN up u ON c.id = u.parent_id WHERE u.depth < 64
     )
     SELECT DISTINCT start AS id FROM up WHERE parent_id = start`,
    [ids],
  );
  if (rows.length === 0) return;
  const looping = new Set(rows.map((row) => row.id));
  throw new Rejected(
    [...plan.updates.values()]
      .filter((row) => looping.has(row.id))
      .map((row) => ({
        row: plan.drafts.find((draft) => draft.refCode === row.refCode)?.row ?? 0,
        column: 'parent_ref_code',
        message: 'makes the commitment tree go round in a circle',
      })),
  );
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
