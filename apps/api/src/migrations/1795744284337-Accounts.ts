import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts: sessions, API tokens, emailed reset/invitation links, rate-limit counters and the mail outbox. */
export class Accounts1795744284337 implements MigrationInterface {
  name = 'Accounts1795744284337';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mail_outbox" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "recipient" character varying(320) NOT NULL,
                "subject" character varying(300) NOT NULL,
                "text" text NOT NULL,
                "html" text NOT NULL,
                "state" character varying(16) NOT NULL DEFAULT 'pending',
                "dedupe_key" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "mail_outbox_state_idx" ON "mail_outbox" ("state", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "mail_outbox_dedupe_key" ON "mail_outbox" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "account_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "purpose" character varying(16) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_e03b1e79173941b176b58836ecd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "account_links_user_idx" ON "account_links" ("user_id", "purpose")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "account_links_token_hash_key" ON "account_links" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "api_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "prefix" character varying(16) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "api_tokens_user_idx" ON "api_tokens" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "rate_limit_hits" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bucket" character varying(160) NOT NULL,
                "hit_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_08be639360a0628bcd172fb544c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_limit_hits_at_idx" ON "rate_limit_hits" ("hit_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_limit_hits_bucket_idx" ON "rate_limit_hits" ("bucket", "hit_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character varying(64) NOT NULL,
                "user_id" uuid NOT NULL,
                "csrf_token" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ip" character varying(64),
                "user_agent" character varying(300),
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_idle_expiry_idx" ON "sessions" ("idle_expires_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "account_links"
            ADD CONSTRAINT "account_links_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD CONSTRAINT "api_tokens_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "sessions_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "account_links" DROP CONSTRAINT "account_links_user_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_token_hash_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_user_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_idle_expiry_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_limit_hits_bucket_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_limit_hits_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_limit_hits"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."api_tokens_token_hash_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."api_tokens_user_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "api_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."account_links_token_hash_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."account_links_user_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "account_links"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."mail_outbox_dedupe_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."mail_outbox_state_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "mail_outbox"
        `);
  }
}
