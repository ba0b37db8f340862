import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planning marks: what the reminder planner last saw of each commitment in its window and of each recipient,
 * and a pass counter, so that a pass re-checks only what changed (see reminder-marks.entity.ts).
 */
export class ReminderPlanningMarks1795755540732 implements MigrationInterface {
  name = 'ReminderPlanningMarks1795755540732';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reminder_commitment_marks" (
                "commitment_id" uuid NOT NULL,
                "fingerprint" character varying(32) NOT NULL,
                "pass" integer NOT NULL,
                CONSTRAINT "reminder_commitment_marks_pkey" PRIMARY KEY ("commitment_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reminder_recipient_marks" (
                "user_id" uuid NOT NULL,
                "fingerprint" character varying(32) NOT NULL,
                "local_day" date NOT NULL,
                "pass" integer NOT NULL,
                CONSTRAINT "reminder_recipient_marks_pkey" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_state"
            ADD "pass" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_commitment_marks"
            ADD CONSTRAINT "reminder_commitment_marks_commitment_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_recipient_marks"
            ADD CONSTRAINT "reminder_recipient_marks_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reminder_recipient_marks" DROP CONSTRAINT "reminder_recipient_marks_user_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_commitment_marks" DROP CONSTRAINT "reminder_commitment_marks_commitment_fk"
        `);
    await queryRunner.query(`
            ALTER TABLE "reminder_state" DROP COLUMN "pass"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_recipient_marks"
        `);
    await queryRunner.query(`
            DROP TABLE "reminder_commitment_marks"
        `);
  }
}
