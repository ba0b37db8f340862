import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A narrow covering index for the dashboard's counts and the flag filters (npm run bench, bench/report.md).
 * Every flag predicate reads only status, due_date, last_verified_on and anchor_pending, and the area and
 * party breakdowns need only (id, status): with this index those queries become index-only scans over a
 * few MB instead of sequential scans over the wide commitments heap (which carries the search vector).
 * Declared on CommitmentEntity with `synchronize: false` (TypeORM cannot express INCLUDE).
 */
export class DashboardCountsIndex1795746166967 implements MigrationInterface {
  name = 'DashboardCountsIndex1795746166967';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "commitments_flags_idx" ON "commitments" ("status", "due_date") INCLUDE ("id", "last_verified_on", "anchor_pending")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."commitments_flags_idx"`);
  }
}
