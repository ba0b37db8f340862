import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Archiving instead of deleting (commitments.archived_at / archived_by), the kind of a status update (an update,
 * or a verification that found nothing changed) and the deadlines an anchor date change moved.
 *
 * Every live read filters on `archived_at IS NULL`, so the dashboard's covering index becomes partial on it
 * (its counts stay index-only scans); a small partial index lists the archived ones for admins, and another
 * answers "is this status update corrected?" without scanning the history.
 */
export class ArchiveVerifyMoves1796304194595 implements MigrationInterface {
  name = 'ArchiveVerifyMoves1796304194595';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "anchor_event_changes" ADD "moves" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "commitments" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "commitments" ADD "archived_by" uuid`);
    await queryRunner.query(`ALTER TABLE "status_updates" ADD "kind" character varying(16) NOT NULL DEFAULT 'update'`);
    await queryRunner.query(
      `ALTER TABLE "commitments" ADD CONSTRAINT "commitments_archived_by_fk" FOREIGN KEY ("archived_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`DROP INDEX "public"."commitments_flags_idx"`);
    await queryRunner.query(
      `CREATE INDEX "commitments_flags_idx" ON "commitments" ("status", "due_date") INCLUDE ("id", "last_verified_on", "anchor_pending") WHERE "archived_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "commitments_archived_idx" ON "commitments" ("archived_at") WHERE "archived_at" IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "status_updates_corrects_idx" ON "status_updates" ("corrects_id") WHERE "corrects_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."status_updates_corrects_idx"`);
    await queryRunner.query(`DROP INDEX "public"."commitments_archived_idx"`);
    await queryRunner.query(`DROP INDEX "public"."commitments_flags_idx"`);
    await queryRunner.query(
      `CREATE INDEX "commitments_flags_idx" ON "commitments" ("status", "due_date") INCLUDE ("id", "last_verified_on", "anchor_pending")`,
    );
    await queryRunner.query(`ALTER TABLE "commitments" DROP CONSTRAINT "commitments_archived_by_fk"`);
    await queryRunner.query(`ALTER TABLE "status_updates" DROP COLUMN "kind"`);
    await queryRunner.query(`ALTER TABLE "commitments" DROP COLUMN "archived_by"`);
    await queryRunner.query(`ALTER TABLE "commitments" DROP COLUMN "archived_at"`);
    await queryRunner.query(`ALTER TABLE "anchor_event_changes" DROP COLUMN "moves"`);
  }
}
