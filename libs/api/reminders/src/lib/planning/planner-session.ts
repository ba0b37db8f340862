import { DataSource } from 'typeorm';

/**
 * A planning pass is a background job: it may read more than an API request and must not be cut short by the
 * API's per-query timeout, yet it must not hang forever either. It runs on one connection of its own with this
 * statement timeout (PostgreSQL side, and the same limit for the driver's wait).
 */
export const PLANNER_STATEMENT_TIMEOUT_MS = 5 * 60_000;

/** Runs SQL for the planner: plain rows back, whatever the statement. */
export interface PlannerSql {
  query<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
}

interface PgClient {
  query(config: { text: string; values?: readonly unknown[]; query_timeout?: number }): Promise<{ rows: unknown[] }>;
}

/**
 * The planner's pooled connection for a whole pass: it holds the cluster-wide planner lock (a session-level
 * advisory lock, so one pass runs at a time across instances) and the planner's statement timeout, and gives
 * both up before it goes back to the pool.
 */
export class PlannerSession implements PlannerSql {
  private constructor(
    private readonly client: PgClient,
    private readonly release: () => Promise<void>,
    private readonly lockKey: number,
    private readonly timeoutMs: number,
  ) {}

  /** A session holding the lock `lockKey`, or null when another one holds it. */
  static async open(dataSource: DataSource, lockKey: number, timeoutMs = PLANNER_STATEMENT_TIMEOUT_MS): Promise<PlannerSession | null> {
    const runner = dataSource.createQueryRunner();
    const session = new PlannerSession((await runner.connect()) as PgClient, () => runner.release(), lockKey, timeoutMs);
    try {
      const [{ locked }] = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [lockKey]);
      if (!locked) {
        await runner.release();
        return null;
      }
      await session.query(`SELECT set_config('statement_timeout', $1, false)`, [String(timeoutMs)]);
      return session;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  async query<T>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    // The driver's own wait is a little longer than PostgreSQL's limit, so the server reports the timeout.
    const result = await this.client.query({ text, values, query_timeout: this.timeoutMs + 5_000 });
    return result.rows as T[];
  }

  /** Runs `work` in one transaction on this connection: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (sql: PlannerSql) => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const result = await work(this);
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.query('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    try {
      await this.query('RESET statement_timeout');
      await this.query('SELECT pg_advisory_unlock($1)', [this.lockKey]);
    } finally {
      await this.release();
    }
  }
}
