import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per job whose effect was committed: a retried job finds it and does not repeat the effect. */
export class JobEffect1764561000000 implements MigrationInterface {
  name = 'JobEffect1764561000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE job_effect (
      queue text NOT NULL,
      job_id text NOT NULL,
      performed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (queue, job_id)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE job_effect');
  }
}
