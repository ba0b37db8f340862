import { MigrationInterface, QueryRunner } from 'typeorm';

export class SourceDocuments1796304791186 implements MigrationInterface {
  name = 'SourceDocuments1796304791186';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "source_documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agreement_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "kind" character varying(8) NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "source_documents_kind_check" CHECK ("kind" IN ('text', 'file', 'url')),
                CONSTRAINT "PK_6c643fe0251db7573b6dd96d668" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "source_documents_agreement_idx" ON "source_documents" ("agreement_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "source_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "document_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "media_type" character varying(120) NOT NULL,
                "file_name" character varying(300),
                "source_url" character varying(2000),
                "byte_size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "text" text NOT NULL,
                "paragraphs" jsonb NOT NULL DEFAULT '[]',
                "added_by" uuid,
                "added_by_label" character varying(320) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6909c0910bb91385f938c829c54" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "source_versions_document_number_key" ON "source_versions" ("document_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "source_version_chunks" (
                "version_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "data" bytea NOT NULL,
                CONSTRAINT "source_version_chunks_pkey" PRIMARY KEY ("version_id", "seq")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "extraction_candidates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version_id" uuid NOT NULL,
                "ordinal" integer NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'proposed',
                "quote" text NOT NULL,
                "start_offset" integer NOT NULL,
                "end_offset" integer NOT NULL,
                "article" character varying(40),
                "paragraph" integer,
                "title" character varying(300) NOT NULL,
                "responsible_body" character varying(300) NOT NULL DEFAULT '',
                "party_codes" text array NOT NULL DEFAULT '{}',
                "area_slugs" text array NOT NULL DEFAULT '{}',
                "deadline" jsonb NOT NULL,
                "anchor_event_id" uuid,
                "new_anchor_name" character varying(200),
                "anchor_phrase" character varying(200),
                "parent_id" uuid,
                "cue" character varying(80) NOT NULL DEFAULT '',
                "commitment_id" uuid,
                "decided_by" character varying(320),
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "extraction_candidates_status_check" CHECK ("status" IN ('proposed', 'accepted', 'rejected')),
                CONSTRAINT "PK_4011b89bf2f26374b37a2fc55e8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "extraction_candidates_version_idx" ON "extraction_candidates" ("version_id", "ordinal")
        `);
    await queryRunner.query(`
            CREATE TABLE "quote_locators" (
                "commitment_id" uuid NOT NULL,
                "document_id" uuid NOT NULL,
                "version_id" uuid NOT NULL,
                "start_offset" integer NOT NULL,
                "end_offset" integer NOT NULL,
                "article" character varying(40),
                "paragraph" integer,
                "pending_version_id" uuid,
                "pending_recheck" character varying(10),
                "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "quote_locators_pkey" PRIMARY KEY ("commitment_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "quote_locators_document_idx" ON "quote_locators" ("document_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "source_documents"
            ADD CONSTRAINT "source_documents_agreement_fk" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "source_versions"
            ADD CONSTRAINT "source_versions_document_fk" FOREIGN KEY ("document_id") REFERENCES "source_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "source_version_chunks"
            ADD CONSTRAINT "source_version_chunks_version_fk" FOREIGN KEY ("version_id") REFERENCES "source_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates"
            ADD CONSTRAINT "extraction_candidates_version_fk" FOREIGN KEY ("version_id") REFERENCES "source_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates"
            ADD CONSTRAINT "extraction_candidates_anchor_fk" FOREIGN KEY ("anchor_event_id") REFERENCES "anchor_events"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates"
            ADD CONSTRAINT "extraction_candidates_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "commitments"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates"
            ADD CONSTRAINT "extraction_candidates_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "quote_locators"
            ADD CONSTRAINT "quote_locators_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "quote_locators"
            ADD CONSTRAINT "quote_locators_document_fk" FOREIGN KEY ("document_id") REFERENCES "source_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "quote_locators"
            ADD CONSTRAINT "quote_locators_version_fk" FOREIGN KEY ("version_id") REFERENCES "source_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "quote_locators"
            ADD CONSTRAINT "quote_locators_pending_version_fk" FOREIGN KEY ("pending_version_id") REFERENCES "source_versions"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "quote_locators" DROP CONSTRAINT "quote_locators_pending_version_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "quote_locators" DROP CONSTRAINT "quote_locators_version_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "quote_locators" DROP CONSTRAINT "quote_locators_document_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "quote_locators" DROP CONSTRAINT "quote_locators_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates" DROP CONSTRAINT "extraction_candidates_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates" DROP CONSTRAINT "extraction_candidates_parent_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates" DROP CONSTRAINT "extraction_candidates_anchor_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "extraction_candidates" DROP CONSTRAINT "extraction_candidates_version_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "source_version_chunks" DROP CONSTRAINT "source_version_chunks_version_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "source_versions" DROP CONSTRAINT "source_versions_document_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "source_documents" DROP CONSTRAINT "source_documents_agreement_fk"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."quote_locators_document_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "quote_locators"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."extraction_candidates_version_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "extraction_candidates"
        `);
    await queryRunner.query(`
            DROP TABLE "source_version_chunks"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."source_versions_document_number_key"
        `);
    await queryRunner.query(`
            DROP TABLE "source_versions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."source_documents_agreement_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "source_documents"
        `);
  }
}
