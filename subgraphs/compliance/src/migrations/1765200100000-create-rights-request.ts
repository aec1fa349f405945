import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Patient rights requests and the deadline notices already sent for them (one per request, stage and due date,
 * so a repeated or concurrent deadline job sends each notice once and an extension starts the stages again).
 */
export class CreateRightsRequest1765200100000 implements MigrationInterface {
  name = 'CreateRightsRequest1765200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rights_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requester_user_id uuid NOT NULL,
        patient_id uuid,
        kind text NOT NULL,
        details text NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'EXTENDED', 'COMPLETED', 'DENIED')),
        filed_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        extended_at timestamptz,
        extension_reason text,
        closed_at timestamptz,
        closed_by uuid,
        resolution text
      )`);
    await queryRunner.query(
      `CREATE INDEX rights_request_requester ON rights_request (requester_user_id, filed_at)`,
    );
    await queryRunner.query(`CREATE INDEX rights_request_status_due ON rights_request (status, due_at, id)`);
    await queryRunner.query(`
      CREATE TABLE rights_deadline_notice (
        request_id uuid NOT NULL REFERENCES rights_request (id),
        stage text NOT NULL,
        due_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, stage, due_at)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rights_deadline_notice`);
    await queryRunner.query(`DROP TABLE rights_request`);
  }
}
