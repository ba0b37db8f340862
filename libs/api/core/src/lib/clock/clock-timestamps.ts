import {
  Column,
  type ColumnOptions,
  DataSource,
  type EntitySubscriberInterface,
  EventSubscriber,
  type InsertEvent,
  type UpdateEvent,
} from 'typeorm';
import { Clock, SystemClock } from './clock';

/**
 * One clock for every time the domain reasons about. Created and updated columns take the application's injected
 * clock (the one the reminder rules, the outbox and "today" use), not PostgreSQL's `now()`: when the two disagree,
 * history, audit entries and notices still agree with the app's day. These decorators declare such a column with no
 * database default; the subscriber below fills it from the clock registered for the DataSource.
 *
 * PostgreSQL's own time is kept only where the database's time is the point: the data-version trigger's
 * `changed_at` (when the database itself last changed, read by nothing in the domain).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const STAMPED = new Map<Function, { created: string[]; updated: string[] }>();
const CLOCKS = new WeakMap<DataSource, Clock>();
const LAST_STAMP = new WeakMap<DataSource, number>();
const SYSTEM_CLOCK = new SystemClock();

/**
 * The clock's time for a new stamp, never earlier than or equal to the previous stamp of this DataSource: writes
 * stay in the order they were made even when the clock stands still (a test's manual clock, or two writes in the
 * same millisecond), as they did with the database's clock. It departs from the clock by a millisecond per write
 * at most while the clock stands still.
 */
function nextStamp(dataSource: DataSource): Date {
  const now = timestampClock(dataSource).now().getTime();
  const stamp = Math.max(now, (LAST_STAMP.get(dataSource) ?? 0) + 1);
  LAST_STAMP.set(dataSource, stamp);
  return new Date(stamp);
}

type StampOptions = Pick<ColumnOptions, 'name' | 'comment'>;

function stamp(kind: 'created' | 'updated', options: StampOptions): PropertyDecorator {
  return (target, property) => {
    Column({ type: 'timestamptz', ...options })(target, property);
    const entry = STAMPED.get(target.constructor) ?? { created: [], updated: [] };
    entry[kind].push(String(property));
    STAMPED.set(target.constructor, entry);
  };
}

/** When the row was made, from the injected clock (set on insert unless the writer gives a value). */
export function CreatedAtColumn(options: StampOptions = {}): PropertyDecorator {
  return stamp('created', options);
}

/** When the row last changed, from the injected clock (set on every insert and update through TypeORM). */
export function UpdatedAtColumn(options: StampOptions = {}): PropertyDecorator {
  return stamp('updated', options);
}

/** Makes `clock` the one that fills created/updated columns written through this DataSource. */
export function useClockForTimestamps(dataSource: DataSource, clock: Clock): void {
  CLOCKS.set(dataSource, clock);
}

/** The clock registered for a DataSource (the system clock for scripts that register none). */
export function timestampClock(dataSource: DataSource): Clock {
  return CLOCKS.get(dataSource) ?? SYSTEM_CLOCK;
}

@EventSubscriber()
export class ClockTimestampsSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<Record<string, unknown>>): void {
    const columns = STAMPED.get(event.metadata.target as object as () => void);
    if (!columns || !event.entity) return;
    const entity = event.entity;
    const missing = [...columns.created, ...columns.updated].filter((property) => entity[property] == null);
    if (missing.length === 0) return;
    const now = nextStamp(event.connection);
    for (const property of missing) entity[property] = now;
  }

  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    const columns = STAMPED.get(event.metadata.target as object as () => void);
    if (!columns || !event.entity) return;
    if (columns.updated.length === 0) return;
    const now = nextStamp(event.connection);
    for (const property of columns.updated) (event.entity as Record<string, unknown>)[property] = now;
  }
}
