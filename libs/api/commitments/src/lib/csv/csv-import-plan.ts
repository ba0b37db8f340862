/**
 * The check phase of a CSV import: every row against the file and the database, before anything is
 * written. The result says what exists and what the import must create; any problem rejects the file.
 */
import { EntityManager, In } from 'typeorm';
import { AgreementEntity, AnchorEventEntity, CommitmentEntity, PartyEntity, PolicyAreaEntity } from '../entities';
import { checkHeader, CommitmentDraft, CsvError, cycleErrors, parseRow } from './csv-format';

/** The file is refused: every problem found, by row and column. */
export class Rejected extends Error {
  constructor(readonly errors: CsvError[]) {
    super('rejected');
  }
}

export interface AgreementPlan {
  title: string;
  existing: AgreementEntity | null;
  kind: CommitmentDraft['agreement']['kind'];
  signedOn: string | null;
  firstRow: number;
  partyCodes: Set<string>;
}

export interface AnchorPlan {
  agreementTitle: string;
  name: string;
  date: string | null;
  existing: AnchorEventEntity | null;
  firstRow: number;
}

/** Parties by code or areas by slug: the ones that exist, and the ones to create with the first name given. */
export interface NamedPlan<T> {
  existing: T[];
  missing: Map<string, string | null>;
}

/** What the analyst allows the import to do besides adding commitments. */
export interface ImportPermissions {
  /** Create parties and policy areas the file names that do not exist yet. */
  createMissing: boolean;
  /** Update commitments whose reference codes exist already. */
  updateExisting: boolean;
}

export interface ImportPlan {
  drafts: CommitmentDraft[];
  /** The columns the file has: an update changes only what the file says. */
  present: ReadonlySet<string>;
  /** Existing commitments the file updates, by reference code, with their parties, areas and assignees. */
  updates: Map<string, CommitmentEntity>;
  /** Commitments already in the database that the file names as parents, by reference code. */
  existingIds: Map<string, string>;
  agreements: Map<string, AgreementPlan>;
  /** By anchorKey(agreement title, name). */
  anchors: Map<string, AnchorPlan>;
  parties: NamedPlan<PartyEntity>;
  areas: NamedPlan<PolicyAreaEntity>;
}

/** Checks the whole file; throws Rejected with every problem, or returns what to write. */
export async function planImport(
  manager: EntityManager,
  header: string[],
  rows: { row: number; cells: string[] }[],
  permissions: ImportPermissions = { createMissing: true, updateExisting: false },
): Promise<ImportPlan> {
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

  const { existingIds, updates } = await checkReferences(manager, drafts, firstRowOf, errors, permissions.updateExisting);
  const agreements = await planAgreements(manager, drafts, errors);
  const anchors = await planAnchors(manager, drafts, agreements, errors);
  const parties = await planNamed(
    manager,
    PartyEntity,
    'code',
    drafts.flatMap((d) => d.parties.map((p) => ({ key: p.code, name: p.name }))),
  );
  const areas = await planNamed(
    manager,
    PolicyAreaEntity,
    'slug',
    drafts.flatMap((d) => d.areas.map((a) => ({ key: a.slug, name: a.name }))),
  );
  if (!permissions.createMissing) {
    errors.push(...unknownErrors(drafts, parties.missing, 'parties', (d) => d.parties.map((p) => p.code), 'party code', 'Parties'));
    errors.push(...unknownErrors(drafts, areas.missing, 'areas', (d) => d.areas.map((a) => a.slug), 'policy area', 'Policy areas'));
  }
  if (errors.length > 0) throw new Rejected(errors);
  return { drafts, present: new Set(header), updates, existingIds, agreements, anchors, parties, areas };
}

/** One error per row that names a party (or area) the catalogue does not have. */
function unknownErrors(
  drafts: CommitmentDraft[],
  missing: Map<string, string | null>,
  column: 'parties' | 'areas',
  keysOf: (draft: CommitmentDraft) => string[],
  noun: string,
  page: string,
): CsvError[] {
  if (missing.size === 0) return [];
  return drafts.flatMap((draft) => {
    const unknown = keysOf(draft).filter((key) => missing.has(key));
    return unknown.length === 0
      ? []
      : [
          {
            row: draft.row,
            column,
            message: `unknown ${noun}${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Add ${unknown.length > 1 ? 'them' : 'it'} under ${page} first, or allow the import to create missing parties and areas`,
          },
        ];
  });
}

/**
 * Reference codes must be new to the database, or name commitments to update when updates are allowed (never archived
 * ones); parents must be in the file or the database, without cycles.
 */
async function checkReferences(
  manager: EntityManager,
  drafts: CommitmentDraft[],
  firstRowOf: Map<string, number>,
  errors: CsvError[],
  updateExisting: boolean,
): Promise<{ existingIds: Map<string, string>; updates: Map<string, CommitmentEntity> }> {
  const byRef = new Map<string, CommitmentDraft>();
  for (const draft of drafts) if (firstRowOf.get(draft.refCode) === draft.row) byRef.set(draft.refCode, draft);
  // A code with NUL (already reported for its row) cannot be sent to PostgreSQL.
  const refCodes = [...firstRowOf.keys()].filter((code) => !code.includes('\u0000'));
  const parentCodes = [...new Set(drafts.map((d) => d.parentRefCode).filter((code): code is string => Boolean(code)))];
  const known = await manager.find(CommitmentEntity, {
    where: { refCode: In([...refCodes, ...parentCodes]) },
    select: { id: true, refCode: true, archivedAt: true },
  });
  const archived = new Set(known.filter((c) => c.archivedAt).map((c) => c.refCode));
  const existingIds = new Map(known.filter((c) => !c.archivedAt).map((c) => [c.refCode, c.id]));
  const toUpdate: string[] = [];
  for (const [refCode, row] of firstRowOf) {
    if (archived.has(refCode)) {
      errors.push({ row, column: 'ref_code', message: 'names an archived commitment; an admin can restore it first' });
    } else if (existingIds.has(refCode)) {
      if (updateExisting) toUpdate.push(refCode);
      else errors.push({ row, column: 'ref_code', message: 'already exists; allow updates of existing commitments to update it' });
    }
  }
  // Locked for the rest of the import, so an edit in between cannot be overwritten unseen.
  if (toUpdate.length)
    await manager.query(`SELECT id FROM commitments WHERE ref_code = ANY($1::text[]) ORDER BY id FOR UPDATE`, [toUpdate]);
  const rows = toUpdate.length
    ? await manager.find(CommitmentEntity, { where: { refCode: In(toUpdate) }, relations: { parties: true, areas: true, assignees: true } })
    : [];
  const updates = new Map(rows.map((row) => [row.refCode, row]));
  for (const draft of drafts) {
    if (draft.parentRefCode && !firstRowOf.has(draft.parentRefCode) && !existingIds.has(draft.parentRefCode)) {
      errors.push({
        row: draft.row,
        column: 'parent_ref_code',
        message: archived.has(draft.parentRefCode)
          ? `names an archived commitment: ${draft.parentRefCode}`
          : `names no commitment in the file or the database: ${draft.parentRefCode}`,
      });
    }
  }
  errors.push(...cycleErrors(drafts, byRef));
  return { existingIds, updates };
}

/** Agreements by title: existing ones are reused (kind and date must agree); new ones are created once. */
async function planAgreements(manager: EntityManager, drafts: CommitmentDraft[], errors: CsvError[]): Promise<Map<string, AgreementPlan>> {
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
async function planAnchors(
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
async function planNamed<T extends PartyEntity | PolicyAreaEntity>(
  manager: EntityManager,
  target: new () => T,
  key: 'code' | 'slug',
  wanted: { key: string; name: string | null }[],
): Promise<NamedPlan<T>> {
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

/** Anchor events are told apart by agreement and name. */
export function anchorKey(agreementTitle: string, name: string): string {
  return `${agreementTitle}\u0000${name}`;
}
