import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo-tolerant search: a trigram index (pg_trgm, installed by the first migration) on the reference code
 * and title, the expression the search query compares with `<%` (FUZZY_TEXT in commitment-sql.ts). With it
 * a search at 100,000 commitments is a BitmapOr of this index and the full-text one, never a scan of the
 * table. Declared on CommitmentEntity with `synchronize: false` (TypeORM cannot express an operator class
 * on an expression).
 */
export class CommitmentsFuzzySearchIndex1796305035330 implements MigrationInterface {
  name = 'CommitmentsFuzzySearchIndex1796305035330';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "commitments_fuzzy_idx" ON "commitments" USING GIN (("ref_code" || ' ' || "title") gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."commitments_fuzzy_idx"`);
  }
}
