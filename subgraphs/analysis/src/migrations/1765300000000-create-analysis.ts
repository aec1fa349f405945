import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAnalysis1765300000000 implements MigrationInterface {
  name = 'CreateAnalysis1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE context_entry (
        id uuid PRIMARY KEY,
        patient_id uuid NOT NULL,
        owner_user_id text NOT NULL,
        ciphertext text NOT NULL,
        record_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX context_entry_expires ON context_entry (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE analysis_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        priority text NOT NULL,
        status text NOT NULL,
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        attempts integer NOT NULL DEFAULT 0,
        analyzer text NOT NULL,
        estimated_cost double precision NOT NULL,
        actual_cost double precision,
        failure_reason text,
        owner_user_id text NOT NULL,
        patient_id uuid NOT NULL,
        question text,
        context_entry_id uuid REFERENCES context_entry(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX analysis_task_owner_created ON analysis_task (owner_user_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX analysis_task_status ON analysis_task (status)`);
    await queryRunner.query(`
      CREATE TABLE analysis_result (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL UNIQUE REFERENCES analysis_task(id) ON DELETE CASCADE,
        patient_id uuid NOT NULL,
        analyzer text NOT NULL,
        sections jsonb NOT NULL,
        health_score integer,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE analysis_result`);
    await queryRunner.query(`DROP TABLE analysis_task`);
    await queryRunner.query(`DROP TABLE context_entry`);
  }
}
