import { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole domain: workspace settings, users, agreements, anchor events, commitments, history, audit. */
export class Initial1795743390622 implements MigrationInterface {
  name = 'Initial1795743390622';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const database = await currentDatabase(queryRunner);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
            CREATE TABLE "workspace_settings" (
                "id" smallint NOT NULL DEFAULT '1',
                "time_zone" character varying(64) NOT NULL DEFAULT 'UTC',
                "stale_after_days" integer NOT NULL DEFAULT '90',
                "public_portal" boolean NOT NULL DEFAULT false,
                "workspace_name" character varying(120) NOT NULL DEFAULT 'Pactwatch',
                "version" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b99609772017c1ec22c40c1ddb4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_id" uuid,
                "actor_label" character varying(320) NOT NULL,
                "action" character varying(16) NOT NULL,
                "entity_type" character varying(40) NOT NULL,
                "entity_id" character varying(64) NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "summary" character varying(300),
                "request_id" character varying(64),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_actor_idx" ON "audit_log" ("actor_id", "at")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_entity_idx" ON "audit_log" ("entity_type", "entity_id", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(320) NOT NULL,
                "email_normalized" character varying(320) NOT NULL,
                "display_name" character varying(200) NOT NULL,
                "role" character varying(16) NOT NULL DEFAULT 'viewer',
                "password_hash" character varying(255),
                "time_zone" character varying(64) NOT NULL DEFAULT 'UTC',
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_key" ON "users" ("email_normalized")
        `);
    await queryRunner.query(`
            CREATE TABLE "parties" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(16) NOT NULL,
                "name" character varying(200) NOT NULL,
                "kind" character varying(16) NOT NULL DEFAULT 'country',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_da698299dca60d55f0050dde935" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "parties_code_key" ON "parties" ("code")
        `);
    await queryRunner.query(`
            CREATE TABLE "agreements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" character varying(300) NOT NULL,
                "kind" character varying(32) NOT NULL,
                "signed_on" date,
                "source_url" character varying(2000),
                "summary" text NOT NULL DEFAULT '',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "agreements_signed_on_idx" ON "agreements" ("signed_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "anchor_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agreement_id" uuid,
                "name" character varying(200) NOT NULL,
                "occurred_on" date,
                "note" text NOT NULL DEFAULT '',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8e816e8eace61a4d82a9a85e546" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "anchor_events_agreement_idx" ON "anchor_events" ("agreement_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "anchor_event_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "anchor_event_id" uuid NOT NULL,
                "previous_date" date,
                "new_date" date,
                "reason" text NOT NULL DEFAULT '',
                "changed_by" uuid,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_13c464e06367996e40421c9e751" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "anchor_event_changes_event_idx" ON "anchor_event_changes" ("anchor_event_id", "changed_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "policy_areas" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" character varying(64) NOT NULL,
                "name" character varying(120) NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5460b7f0f0f30be8940aae15e38" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "policy_areas_slug_key" ON "policy_areas" ("slug")
        `);
    await queryRunner.query(
      `
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES ($1, $2, $3, $4, $5, $6)
        `,
      [
        database,
        'public',
        'commitments',
        'GENERATED_COLUMN',
        'search',
        "setweight(to_tsvector('english', coalesce(\"ref_code\", '') || ' ' || coalesce(\"title\", '')), 'A') || setweight(to_tsvector('english', coalesce(\"description\", '')), 'B') || setweight(to_tsvector('english', coalesce(\"source_quote\", '')), 'C')",
      ],
    );
    await queryRunner.query(`
            CREATE TABLE "commitments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ref_code" character varying(64) NOT NULL,
                "title" character varying(300) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "agreement_id" uuid NOT NULL,
                "parent_id" uuid,
                "source_quote" text NOT NULL DEFAULT '',
                "source_locator" character varying(300) NOT NULL DEFAULT '',
                "source_url" character varying(2000),
                "responsible_body" character varying(300) NOT NULL DEFAULT '',
                "owner_id" uuid,
                "deadline" jsonb NOT NULL DEFAULT '{"kind": "none"}',
                "anchor_event_id" uuid,
                "due_date" date,
                "anchor_pending" boolean NOT NULL DEFAULT false,
                "status" character varying(24) NOT NULL DEFAULT 'not_started',
                "progress" smallint NOT NULL DEFAULT '0',
                "last_verified_on" date,
                "is_example" boolean NOT NULL DEFAULT false,
                "search" tsvector GENERATED ALWAYS AS (
                    setweight(
                        to_tsvector(
                            'english',
                            coalesce("ref_code", '') || ' ' || coalesce("title", '')
                        ),
                        'A'
                    ) || setweight(
                        to_tsvector('english', coalesce("description", '')),
                        'B'
                    ) || setweight(
                        to_tsvector('english', coalesce("source_quote", '')),
                        'C'
                    )
                ) STORED NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "commitments_progress_range" CHECK (
                    "progress" BETWEEN 0 AND 100
                ),
                CONSTRAINT "PK_82060edcfe810ce82b7565521af" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "commitments_updated_idx" ON "commitments" ("updated_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "commitments_owner_idx" ON "commitments" ("owner_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "commitments_due_idx" ON "commitments" ("due_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "commitments_status_due_idx" ON "commitments" ("status", "due_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "commitments_anchor_idx" ON "commitments" ("anchor_event_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "commitments_parent_idx" ON "commitments" ("parent_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "commitments_agreement_idx" ON "commitments" ("agreement_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "commitments_ref_code_key" ON "commitments" ("ref_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "status_updates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "commitment_id" uuid NOT NULL,
                "author_id" uuid,
                "author_label" character varying(320) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "effective_on" date NOT NULL,
                "status_before" character varying(24),
                "status_after" character varying(24) NOT NULL,
                "progress_before" smallint,
                "progress_after" smallint NOT NULL,
                "note" text NOT NULL DEFAULT '',
                "corrects_id" uuid,
                CONSTRAINT "PK_a4dc636b9a35229ec5cee2b1dfb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "status_updates_created_idx" ON "status_updates" ("created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "status_updates_effective_idx" ON "status_updates" ("commitment_id", "effective_on", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "status_updates_commitment_idx" ON "status_updates" ("commitment_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "evidence_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "status_update_id" uuid NOT NULL,
                "url" character varying(2000) NOT NULL,
                "title" character varying(300) NOT NULL,
                "kind" character varying(32) NOT NULL DEFAULT 'other',
                "published_on" date,
                CONSTRAINT "PK_bd4215122443d5258d9445bb062" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "evidence_links_update_idx" ON "evidence_links" ("status_update_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "agreement_parties" (
                "agreement_id" uuid NOT NULL,
                "party_id" uuid NOT NULL,
                CONSTRAINT "PK_e7e5f51910b08d6be4ee10b7124" PRIMARY KEY ("agreement_id", "party_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4d0cf7ca4e34453f04cbf52287" ON "agreement_parties" ("agreement_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_237513faa22b94dc3582022606" ON "agreement_parties" ("party_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "commitment_parties" (
                "commitment_id" uuid NOT NULL,
                "party_id" uuid NOT NULL,
                CONSTRAINT "PK_c96d2d70b833e6f16cbac12ce43" PRIMARY KEY ("commitment_id", "party_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5e172b3c9ed66d6dc195ea499e" ON "commitment_parties" ("commitment_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_1e499314e318908187efa723f5" ON "commitment_parties" ("party_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "commitment_areas" (
                "commitment_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                CONSTRAINT "PK_99f582f43c098cb2879d4499b6c" PRIMARY KEY ("commitment_id", "area_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b1d2c1e960172939829d73b562" ON "commitment_areas" ("commitment_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2bebaae226b0cd9b0206736e68" ON "commitment_areas" ("area_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "commitment_assignees" (
                "commitment_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "PK_47906039adaa9dfb997caad2678" PRIMARY KEY ("commitment_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bc52bde91b6bd3711074434601" ON "commitment_assignees" ("commitment_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0d9729b448d06e6163c521e75d" ON "commitment_assignees" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "anchor_events"
            ADD CONSTRAINT "anchor_events_agreement_fk" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "anchor_event_changes"
            ADD CONSTRAINT "anchor_event_changes_event_fk" FOREIGN KEY ("anchor_event_id") REFERENCES "anchor_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments"
            ADD CONSTRAINT "commitments_agreement_fk" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments"
            ADD CONSTRAINT "commitments_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "commitments"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments"
            ADD CONSTRAINT "commitments_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments"
            ADD CONSTRAINT "commitments_anchor_event_fk" FOREIGN KEY ("anchor_event_id") REFERENCES "anchor_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "status_updates"
            ADD CONSTRAINT "status_updates_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "status_updates"
            ADD CONSTRAINT "status_updates_corrects_fk" FOREIGN KEY ("corrects_id") REFERENCES "status_updates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_links"
            ADD CONSTRAINT "evidence_links_update_fk" FOREIGN KEY ("status_update_id") REFERENCES "status_updates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties"
            ADD CONSTRAINT "agreement_parties_agreement_fk" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties"
            ADD CONSTRAINT "agreement_parties_party_fk" FOREIGN KEY ("party_id") REFERENCES "parties"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_parties"
            ADD CONSTRAINT "commitment_parties_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_parties"
            ADD CONSTRAINT "commitment_parties_party_fk" FOREIGN KEY ("party_id") REFERENCES "parties"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_areas"
            ADD CONSTRAINT "commitment_areas_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_areas"
            ADD CONSTRAINT "commitment_areas_area_fk" FOREIGN KEY ("area_id") REFERENCES "policy_areas"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_assignees"
            ADD CONSTRAINT "commitment_assignees_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_assignees"
            ADD CONSTRAINT "commitment_assignees_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`CREATE INDEX "commitments_search_idx" ON "commitments" USING GIN ("search")`);
    await queryRunner.query(`CREATE INDEX "commitments_responsible_body_idx" ON "commitments" USING GIN ("responsible_body" gin_trgm_ops)`);
    await queryRunner.query(`INSERT INTO "workspace_settings" ("id", "version") VALUES (1, 1)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const database = await currentDatabase(queryRunner);
    await queryRunner.query(`DROP INDEX IF EXISTS "commitments_search_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "commitments_responsible_body_idx"`);
    await queryRunner.query(`
            ALTER TABLE "commitment_assignees" DROP CONSTRAINT "commitment_assignees_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_assignees" DROP CONSTRAINT "commitment_assignees_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_areas" DROP CONSTRAINT "commitment_areas_area_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_areas" DROP CONSTRAINT "commitment_areas_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_parties" DROP CONSTRAINT "commitment_parties_party_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitment_parties" DROP CONSTRAINT "commitment_parties_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties" DROP CONSTRAINT "agreement_parties_party_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreement_parties" DROP CONSTRAINT "agreement_parties_agreement_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_links" DROP CONSTRAINT "evidence_links_update_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "status_updates" DROP CONSTRAINT "status_updates_corrects_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "status_updates" DROP CONSTRAINT "status_updates_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments" DROP CONSTRAINT "commitments_anchor_event_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments" DROP CONSTRAINT "commitments_owner_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments" DROP CONSTRAINT "commitments_parent_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "commitments" DROP CONSTRAINT "commitments_agreement_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "anchor_event_changes" DROP CONSTRAINT "anchor_event_changes_event_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "anchor_events" DROP CONSTRAINT "anchor_events_agreement_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0d9729b448d06e6163c521e75d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bc52bde91b6bd3711074434601"
        `);
    await queryRunner.query(`
            DROP TABLE "commitment_assignees"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2bebaae226b0cd9b0206736e68"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b1d2c1e960172939829d73b562"
        `);
    await queryRunner.query(`
            DROP TABLE "commitment_areas"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1e499314e318908187efa723f5"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5e172b3c9ed66d6dc195ea499e"
        `);
    await queryRunner.query(`
            DROP TABLE "commitment_parties"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_237513faa22b94dc3582022606"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4d0cf7ca4e34453f04cbf52287"
        `);
    await queryRunner.query(`
            DROP TABLE "agreement_parties"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."evidence_links_update_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "evidence_links"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."status_updates_commitment_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."status_updates_effective_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."status_updates_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "status_updates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_ref_code_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_agreement_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_parent_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_anchor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_status_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_owner_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."commitments_updated_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "commitments"
        `);
    await queryRunner.query(
      `
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `,
      ['GENERATED_COLUMN', 'search', database, 'public', 'commitments'],
    );
    await queryRunner.query(`
            DROP INDEX "public"."policy_areas_slug_key"
        `);
    await queryRunner.query(`
            DROP TABLE "policy_areas"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."anchor_event_changes_event_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "anchor_event_changes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."anchor_events_agreement_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "anchor_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."agreements_signed_on_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "agreements"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."parties_code_key"
        `);
    await queryRunner.query(`
            DROP TABLE "parties"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_email_key"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_entity_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_actor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
    await queryRunner.query(`
            DROP TABLE "workspace_settings"
        `);
  }
}

async function currentDatabase(queryRunner: QueryRunner): Promise<string> {
  const [row] = await queryRunner.query(`SELECT current_database() AS name`);
  return row.name;
}
