import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed tokens, and scopes and expiry for API tokens.
 * - The calendar page used to make an ordinary API token for each feed link (named "Calendar feed (<day>)").
 *   Those become feed tokens of the deadlines feed, with the same hash, so calendars already subscribed keep
 *   working, but the token no longer works anywhere else. Their filter is unknown (it lives in the URL), so it
 *   is stored as null: such a legacy link reads the deadlines feed with the filter in its URL.
 * - Every other API token was made on the account page, for a script, by its owner: it becomes `read-write`,
 *   so those scripts keep working (user management and token creation are refused to every token anyway).
 */
export class FeedTokensAndTokenScopes1796304278484 implements MigrationInterface {
  name = 'FeedTokensAndTokenScopes1796304278484';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "feed_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "feed" character varying(16) NOT NULL,
                "filter" jsonb,
                "prefix" character varying(16) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_4f2cb26346ee81a66e8d8bfa375" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "feed_tokens_user_idx" ON "feed_tokens" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "feed_tokens_token_hash_key" ON "feed_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD "scope" character varying(16)
        `);
    await queryRunner.query(`
            INSERT INTO "feed_tokens" ("user_id", "name", "feed", "filter", "prefix", "token_hash", "created_at", "last_used_at", "revoked_at")
            SELECT "user_id", "name", 'deadlines', NULL, "prefix", "token_hash", "created_at", "last_used_at", "revoked_at"
              FROM "api_tokens" WHERE "name" LIKE 'Calendar feed (%'
        `);
    await queryRunner.query(`
            DELETE FROM "api_tokens" WHERE "name" LIKE 'Calendar feed (%'
        `);
    await queryRunner.query(`
            UPDATE "api_tokens" SET "scope" = 'read-write'
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens" ALTER COLUMN "scope" SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD "expires_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "feed_tokens"
            ADD CONSTRAINT "feed_tokens_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "feed_tokens" DROP CONSTRAINT "feed_tokens_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP COLUMN "expires_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP COLUMN "scope"
        `);
    // Legacy calendar links go back to being the API tokens they were; links made since are dropped
    // (an API token would read far more than the one feed they were made for).
    await queryRunner.query(`
            INSERT INTO "api_tokens" ("user_id", "name", "prefix", "token_hash", "created_at", "last_used_at", "revoked_at")
            SELECT "user_id", "name", "prefix", "token_hash", "created_at", "last_used_at", "revoked_at"
              FROM "feed_tokens" WHERE "filter" IS NULL
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feed_tokens_token_hash_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feed_tokens_user_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "feed_tokens"
        `);
  }
}
