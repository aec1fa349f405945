import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tombstones of deleted records, so a bundle imported later cannot bring a record back that its patient (or their
 * clinician) removed. Keyed like the import's upsert: the record kind and the FHIR id it came from (a hand-entered
 * record is keyed by its own id, which an export writes as the FHIR id).
 */
export class RecordDeletion1764900000000 implements MigrationInterface {
  name = 'RecordDeletion1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE record_deletion (
        patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        record_kind text NOT NULL,
        source_fhir_id text NOT NULL,
        record_id uuid NOT NULL,
        deleted_by uuid,
        deleted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (patient_id, record_kind, source_fhir_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE record_deletion`);
  }
}
