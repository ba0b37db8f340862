import type { FieldError } from '@pactwatch/api/core';
import { computeDueDate, DeadlineError, DeadlineSpec, validateDeadlineSpec } from '@pactwatch/shared/deadlines';
import { EntityManager } from 'typeorm';
import { AnchorEventEntity } from '../entities';
import { isUuid } from '../shared/uuid';

export interface ResolvedDeadline {
  spec: DeadlineSpec;
  anchorEventId: string | null;
  dueDate: string | null;
  anchorPending: boolean;
}

export type DeadlineResolution = { ok: true; deadline: ResolvedDeadline } | { ok: false; errors: FieldError[] };

/** The anchor event a spec counts from, if any. */
export function anchorOf(spec: DeadlineSpec): string | null {
  return spec.kind === 'relative' || spec.kind === 'recurring' ? (spec.anchorEventId ?? null) : null;
}

/**
 * Checks a deadline spec (shape via the shared library, anchor via the database) and computes
 * its due date for `today`. Errors name the field under `field`, e.g. deadline.anchorEventId.
 */
export async function resolveDeadline(
  manager: EntityManager,
  input: unknown,
  today: string,
  field = 'deadline',
): Promise<DeadlineResolution> {
  const name = (path: string) => (path ? `${field}.${path}` : field);
  const checked = validateDeadlineSpec(input);
  if (!checked.ok) return { ok: false, errors: checked.errors.map((error) => ({ field: name(error.path), message: error.message })) };
  const spec = checked.spec;
  const anchorEventId = anchorOf(spec);
  const anchors: Record<string, string | null> = {};
  if (anchorEventId) {
    const anchor = isUuid(anchorEventId) ? await manager.findOneBy(AnchorEventEntity, { id: anchorEventId }) : null;
    if (!anchor) return { ok: false, errors: [{ field: name('anchorEventId'), message: 'names no anchor event' }] };
    anchors[anchorEventId] = anchor.occurredOn;
  }
  try {
    const due = computeDueDate(spec, anchors, today);
    return { ok: true, deadline: { spec, anchorEventId, dueDate: due.dueDate, anchorPending: due.anchorPending } };
  } catch (error) {
    if (error instanceof DeadlineError) return { ok: false, errors: [{ field, message: error.message }] };
    throw error;
  }
}
