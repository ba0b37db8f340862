import type { CommitmentDetailDto, DeadlineSpec, UpdateCommitmentRequest } from '@pactwatch/shared/contracts';
import { formatDay } from '@pactwatch/web/util';

/** The fields of a commitment the edit form changes. */
export interface CommitmentEditValue {
  title: string;
  description: string;
  responsibleBody: string;
  sourceQuote: string;
  sourceLocator: string;
  sourceUrl: string;
  partyCodes: string[];
  areaSlugs: string[];
  deadline: DeadlineSpec;
}

export type EditField = keyof CommitmentEditValue;

export const EDIT_FIELDS: EditField[] = [
  'title',
  'description',
  'responsibleBody',
  'sourceQuote',
  'sourceLocator',
  'sourceUrl',
  'partyCodes',
  'areaSlugs',
  'deadline',
];

export const EDIT_FIELD_LABELS: Record<EditField, string> = {
  title: 'Title',
  description: 'Description',
  responsibleBody: 'Responsible body',
  sourceQuote: 'Verbatim quote',
  sourceLocator: 'Where in the source',
  sourceUrl: 'Source URL',
  partyCodes: 'Parties',
  areaSlugs: 'Policy areas',
  deadline: 'Deadline',
};

export function editValueOf(commitment: CommitmentDetailDto): CommitmentEditValue {
  return {
    title: commitment.title,
    description: commitment.description ?? '',
    responsibleBody: commitment.responsibleBody ?? '',
    sourceQuote: commitment.sourceQuote ?? '',
    sourceLocator: commitment.sourceLocator ?? '',
    sourceUrl: commitment.sourceUrl ?? '',
    partyCodes: commitment.parties.map((p) => p.code).sort(),
    areaSlugs: commitment.areas.map((a) => a.slug).sort(),
    deadline: commitment.deadline,
  };
}

function normalise(field: EditField, value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify([...value].sort());
  if (field === 'deadline') return JSON.stringify(sortKeys(value as DeadlineSpec));
  return JSON.stringify(typeof value === 'string' ? value.trim() : value);
}

function sortKeys(spec: DeadlineSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec).sort()) {
    const v = (spec as unknown as Record<string, unknown>)[key];
    if (v !== undefined && v !== null && v !== '') out[key] = v;
  }
  return out;
}

export function sameValue(field: EditField, a: unknown, b: unknown): boolean {
  return normalise(field, a) === normalise(field, b);
}

/** Fields whose value differs between two versions. */
export function changedFields(a: CommitmentEditValue, b: CommitmentEditValue): EditField[] {
  return EDIT_FIELDS.filter((field) => !sameValue(field, a[field], b[field]));
}

/** A PATCH with only what the analyst changed since `base`, and the version they started from. */
export function toUpdateRequest(base: CommitmentEditValue, value: CommitmentEditValue, version: number): UpdateCommitmentRequest {
  const request: UpdateCommitmentRequest = { version };
  for (const field of changedFields(base, value)) {
    switch (field) {
      case 'sourceUrl':
        request.sourceUrl = value.sourceUrl.trim() || null;
        break;
      case 'partyCodes':
      case 'areaSlugs':
        request[field] = [...value[field]];
        break;
      case 'deadline':
        request.deadline = value.deadline;
        break;
      default:
        request[field] = value[field].trim();
    }
  }
  return request;
}

export interface FieldChange {
  field: EditField;
  label: string;
  /** What the analyst started from. */
  base: string;
  /** What is saved now, after the other person's edit. */
  theirs: string;
  /** What the analyst typed. */
  mine: string;
  changedByThem: boolean;
  changedByMe: boolean;
}

export interface Rebased {
  /** The analyst's edit applied on top of the current version. */
  merged: CommitmentEditValue;
  changes: FieldChange[];
  /** Fields both people changed, to different values: the analyst's value wins, but they should look. */
  overlapping: EditField[];
}

/**
 * After a 409: keep every field the analyst changed, take everything else from the current
 * version. Nothing the analyst typed is dropped.
 */
export function rebase(base: CommitmentEditValue, mine: CommitmentEditValue, current: CommitmentEditValue): Rebased {
  const merged = { ...current } as CommitmentEditValue;
  const changes: FieldChange[] = [];
  const overlapping: EditField[] = [];
  for (const field of EDIT_FIELDS) {
    const changedByMe = !sameValue(field, base[field], mine[field]);
    const changedByThem = !sameValue(field, base[field], current[field]);
    if (changedByMe) (merged as unknown as Record<string, unknown>)[field] = mine[field];
    if (changedByMe && changedByThem && !sameValue(field, mine[field], current[field])) overlapping.push(field);
    if (changedByMe || changedByThem) {
      changes.push({
        field,
        label: EDIT_FIELD_LABELS[field],
        base: display(field, base[field]),
        theirs: display(field, current[field]),
        mine: display(field, mine[field]),
        changedByThem,
        changedByMe,
      });
    }
  }
  return { merged, changes, overlapping };
}

export function display(field: EditField, value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (field === 'deadline') return describeSpec(value as DeadlineSpec);
  const text = String(value ?? '').trim();
  if (!text) return '(empty)';
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** A short description of a spec for the conflict table (the API's deadlineText needs the anchors). */
export function describeSpec(spec: DeadlineSpec): string {
  switch (spec.kind) {
    case 'none':
      return 'No deadline';
    case 'absolute':
      return `By ${safeDay(spec.date)} (precision: ${spec.precision})`;
    case 'relative':
      return `${spec.duration} after anchor event`;
    case 'recurring':
      return `Every ${spec.interval} from ${spec.start ? safeDay(spec.start) : 'anchor event'}`;
  }
}

function safeDay(date: string): string {
  try {
    return formatDay(date);
  } catch {
    return date;
  }
}
