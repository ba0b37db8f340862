import { EntityManager } from 'typeorm';
import { AnchorDeadlineMove, AnchorEventChangeEntity } from '../entities';

export interface AnchorDateChange {
  anchorEventId: string;
  /** null for the first entry, when the anchor is recorded with its date. */
  previousDate: string | null;
  newDate: string | null;
  reason: string;
  /** Who changed it: a user id (null for imports of demo data) and the name kept with the entry. */
  by: { id: string | null; label: string };
  /** When; the database's clock if not given. */
  at?: Date;
  /** The deadlines the change moved. */
  moves?: AnchorDeadlineMove[];
}

/** Keeps a change of an anchor event's date in its history, which the agreement page shows. */
export async function recordAnchorDateChange(manager: EntityManager, change: AnchorDateChange): Promise<void> {
  await manager.save(
    manager.create(AnchorEventChangeEntity, {
      anchorEventId: change.anchorEventId,
      previousDate: change.previousDate,
      newDate: change.newDate,
      reason: change.reason,
      changedBy: change.by.id,
      changedByLabel: change.by.label,
      moves: change.moves ?? [],
      ...(change.at ? { changedAt: change.at } : {}),
    }),
  );
}
