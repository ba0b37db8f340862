import { MigrationInterface, QueryRunner } from 'typeorm';

/** Created/updated columns whose database default (PostgreSQL's clock) gives way to the application's injected clock. */
const CLOCK_COLUMNS: [table: string, column: string][] = [
  ['mail_outbox', 'created_at'],
  ['workspace_settings', 'updated_at'],
  ['audit_log', 'at'],
  ['users', 'created_at'],
  ['users', 'updated_at'],
  ['parties', 'created_at'],
  ['parties', 'updated_at'],
  ['agreements', 'created_at'],
  ['agreements', 'updated_at'],
  ['anchor_events', 'created_at'],
  ['anchor_events', 'updated_at'],
  ['anchor_event_changes', 'changed_at'],
  ['policy_areas', 'created_at'],
  ['policy_areas', 'updated_at'],
  ['commitments', 'created_at'],
  ['commitments', 'updated_at'],
  ['status_updates', 'created_at'],
  ['reminder_preferences', 'updated_at'],
];

/**
 * One clock: the created/updated columns lose their `now()` default (the app writes them from its clock). Mail that
 * misses its day is superseded by a catch-up (`stale_at`, `superseded_by`); whether mail is going out is kept in
 * `mail_delivery_status`; unsubscribe links get a key of their own.
 */
export class OneClockCatchUp1796304796425 implements MigrationInterface {
  name = 'OneClockCatchUp1796304796425';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mail_delivery_status" (
                "id" smallint NOT NULL DEFAULT '1',
                "failing_since" TIMESTAMP WITH TIME ZONE,
                "last_failure_at" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "last_success_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "mail_delivery_status_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "stale_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "superseded_by" uuid`);
    await queryRunner.query(`ALTER TABLE "reminder_state" ADD "unsubscribe_key" character varying(128)`);
    for (const [table, column] of CLOCK_COLUMNS) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" DROP DEFAULT`);
    }
    await queryRunner.query(`
            CREATE INDEX "mail_outbox_stale_idx" ON "mail_outbox" ("stale_at")
            WHERE "state" IN ('pending', 'failed')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mail_outbox_stale_idx"`);
    for (const [table, column] of CLOCK_COLUMNS) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET DEFAULT now()`);
    }
    await queryRunner.query(`ALTER TABLE "reminder_state" DROP COLUMN "unsubscribe_key"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "superseded_by"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "stale_at"`);
    await queryRunner.query(`DROP TABLE "mail_delivery_status"`);
  }
}
