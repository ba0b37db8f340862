import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows appear in the dashboard, the lists, the commitment detail or the feeds. */
const TRACKED_TABLES = [
  'agreements',
  'agreement_parties',
  'anchor_events',
  'commitments',
  'commitment_areas',
  'commitment_parties',
  'commitment_assignees',
  'evidence_links',
  'parties',
  'policy_areas',
  'status_updates',
  'users',
  'watches',
  'workspace_settings',
];

/**
 * The data version: one value that changes in the same commit as any change to the tracked tables, so
 * every API replica can tell whether a read it cached is still current with one primary-key lookup.
 *
 * A statement-level trigger on each tracked table notes the first change of a transaction with a row in
 * `data_change_marks`; a deferred constraint trigger on that row sets `data_version` to a new value of
 * `data_version_seq` at commit time. The version therefore changes once per writing transaction, becomes
 * visible exactly when the changes do, and its row lock is taken last, after every other lock of the
 * transaction, so writers cannot deadlock on it. Bulk writes pay one cheap check per statement, not per row.
 * Values come from a sequence, so they never repeat, even if the row is deleted (the next write recreates it).
 */
export class DataVersion1795753295878 implements MigrationInterface {
  name = 'DataVersion1795753295878';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "data_version" (
                "id" smallint NOT NULL DEFAULT 1,
                "version" bigint NOT NULL DEFAULT 0,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "data_version_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "data_version_single_row" CHECK ("id" = 1)
            )
        `);
    await queryRunner.query(`CREATE SEQUENCE "data_version_seq"`);
    await queryRunner.query(`INSERT INTO "data_version" ("id", "version") VALUES (1, nextval('data_version_seq'))`);
    await queryRunner.query(`
            CREATE TABLE "data_change_marks" (
                "transaction_id" xid8 NOT NULL,
                CONSTRAINT "data_change_marks_pkey" PRIMARY KEY ("transaction_id")
            )
        `);
    await queryRunner.query(`
            CREATE FUNCTION "pactwatch_note_data_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('pactwatch.data_change_noted', true) IS DISTINCT FROM 'on' THEN
                    PERFORM set_config('pactwatch.data_change_noted', 'on', true);
                    INSERT INTO "data_change_marks" ("transaction_id") VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION "pactwatch_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "data_version" ("id", "version", "changed_at") VALUES (1, nextval('data_version_seq'), now())
                ON CONFLICT ("id") DO UPDATE SET "version" = EXCLUDED."version", "changed_at" = EXCLUDED."changed_at";
                DELETE FROM "data_change_marks" WHERE "transaction_id" = NEW."transaction_id";
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "data_change_marks_bump" AFTER INSERT ON "data_change_marks"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "pactwatch_bump_data_version"()
        `);
    for (const table of TRACKED_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION "pactwatch_note_data_change"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TRACKED_TABLES].reverse()) await queryRunner.query(`DROP TRIGGER "${table}_data_version" ON "${table}"`);
    await queryRunner.query(`DROP TRIGGER "data_change_marks_bump" ON "data_change_marks"`);
    await queryRunner.query(`DROP FUNCTION "pactwatch_bump_data_version"()`);
    await queryRunner.query(`DROP FUNCTION "pactwatch_note_data_change"()`);
    await queryRunner.query(`DROP TABLE "data_change_marks"`);
    await queryRunner.query(`DROP TABLE "data_version"`);
    await queryRunner.query(`DROP SEQUENCE "data_version_seq"`);
  }
}
