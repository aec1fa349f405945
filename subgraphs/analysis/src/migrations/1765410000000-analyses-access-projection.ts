import { createAccessProjectionTables, dropAccessProjectionTables } from '@holovitals/consent-projection';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** patient_owner and consent_projection, so READ_ANALYSES grants are checked here without calling another subgraph. */
export class AnalysesAccessProjection1765410000000 implements MigrationInterface {
  name = 'AnalysesAccessProjection1765410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAccessProjectionTables(queryRunner);
    await queryRunner.query(
      `CREATE INDEX analysis_task_patient_created ON analysis_task (patient_id, created_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX analysis_task_patient_created`);
    await dropAccessProjectionTables(queryRunner);
  }
}
