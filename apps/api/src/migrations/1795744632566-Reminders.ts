import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders: watches, preferences, the reminder ledger and planner state; the delivery columns of mail_outbox. */
export class Reminders1795744632566 implements MigrationInterface {
  name = 'Reminders1795744632566';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reminder_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "item_key" character varying(200) NOT NULL,
                "user_id" uuid NOT NULL,
                "kind" character varying(16) NOT NULL,
                "commitment_id" uuid NOT NULL,
                "reason" character varying(40) NOT NULL,
                "due_date" date,
                "status_update_id" uuid,
                "delivery_id" uuid,
                "snapshot" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_824c3f43cc29d8e816504c7e7a8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reminder_items_queued_idx" ON "reminder_items" ("user_id")
            WHERE "delivery_id" IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "reminder_items_commitment_idx" ON "reminder_items" ("commitment_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "reminder_items_delivery_idx" ON "reminder_items" ("delivery_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "reminder_items_item_key" ON "reminder_items" ("item_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_preferences" (
                "user_id" uuid NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "lead_days" smallint array NOT NULL DEFAULT '{30,7,1}',
                "on_due_day" boolean NOT NULL DEFAULT true,
                "overdue_repeat_days" smallint DEFAULT '7',
                "digest" character varying(16) NOT NULL DEFAULT 'daily',
                "send_hour" smallint NOT NULL DEFAULT '8',
                "time_zone" character varying(64),
                "paused_until" date,
                "status_change_notices" character varying(16) NOT NULL DEFAULT 'immediate',
                "unsubscribed_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a2eeb77999349c8777d23b05ccd" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_state" (
                "id" smallint NOT NULL DEFAULT '1',
                "status_cursor" TIMESTAMP WITH TIME ZONE,
                "token_secret" character varying(128),
                "last_run_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_9c4566c3b253a09134447379bfe" PRIMARY KEY ("id")
            )
        `);
    // The planner's single bookkeeping row.
    await queryRunner.query(`INSERT INTO "reminder_state" ("id") VALUES (1)`);
    await queryRunner.query(`
            CREATE TABLE "watches" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "target_type" character varying(16) NOT NULL,
                "target_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "watches_target_type_check" CHECK (
                    "target_type" IN ('commitment', 'agreement', 'area')
                ),
                CONSTRAINT "PK_c5e1fa5d29486c3bdada54343b3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "watches_target_idx" ON "watches" ("target_type", "target_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "watches_user_target_key" ON "watches" ("user_id", "target_type", "target_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "kind" character varying(16) NOT NULL DEFAULT 'message'
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "recipient_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "reason" character varying(40) NOT NULL DEFAULT ''
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "items" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "local_date" date
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "unsubscribe_url" character varying(2000)
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "attempts" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "last_error" text
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "message_id" character varying(300)
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "sent_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "claimed_by" character varying(120)
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD "claimed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "mail_outbox_recipient_idx" ON "mail_outbox" ("recipient_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "mail_outbox_claim_idx" ON "mail_outbox" ("next_attempt_at")
            WHERE "state" IN ('pending', 'failed')
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items"
            ADD CONSTRAINT "reminder_items_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items"
            ADD CONSTRAINT "reminder_items_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items"
            ADD CONSTRAINT "reminder_items_status_update_fk" FOREIGN KEY ("status_update_id") REFERENCES "status_updates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items"
            ADD CONSTRAINT "reminder_items_delivery_fk" FOREIGN KEY ("delivery_id") REFERENCES "mail_outbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_preferences"
            ADD CONSTRAINT "reminder_preferences_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "watches"
            ADD CONSTRAINT "watches_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "watches" DROP CONSTRAINT "watches_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_preferences" DROP CONSTRAINT "reminder_preferences_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items" DROP CONSTRAINT "reminder_items_delivery_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items" DROP CONSTRAINT "reminder_items_status_update_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items" DROP CONSTRAINT "reminder_items_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_items" DROP CONSTRAINT "reminder_items_user_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."mail_outbox_claim_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."mail_outbox_recipient_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "claimed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "claimed_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "sent_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "message_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "last_error"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "next_attempt_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "attempts"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "unsubscribe_url"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "local_date"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "items"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "recipient_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP COLUMN "kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."watches_user_target_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."watches_target_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "watches"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_state"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_preferences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reminder_items_item_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reminder_items_delivery_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reminder_items_commitment_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reminder_items_queued_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_items"
        `);
  }
}
