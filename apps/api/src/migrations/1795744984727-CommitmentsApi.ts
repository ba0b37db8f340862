import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commitments API: who changed an anchor date (in words), and indexes for the list filters
 * and sorts (stale = last_verified_on, title sort) and for rolling recurring deadlines forward.
 */
export class CommitmentsApi1795744984727 implements MigrationInterface {
  name = 'CommitmentsApi1795744984727';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "anchor_event_changes" ADD "changed_by_label" character varying(320)`);
    await queryRunner.query(`CREATE INDEX "commitments_title_idx" ON "commitments" ("title")`);
    await queryRunner.query(`CREATE INDEX "commitments_last_verified_idx" ON "commitments" ("last_verified_on")`);
    // Partial index (declared with synchronize: false on the entity): the roll-forward looks for passed recurring due dates.
    await queryRunner.query(
      `CREATE INDEX "commitments_recurring_due_idx" ON "commitments" ("due_date") WHERE (deadline ->> 'kind') = 'recurring'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."commitments_recurring_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."commitments_last_verified_idx"`);
    await queryRunner.query(`DROP INDEX "public"."commitments_title_idx"`);
    await queryRunner.query(`ALTER TABLE "anchor_event_changes" DROP COLUMN "changed_by_label"`);
  }
}
