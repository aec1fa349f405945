import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_TABLES = [
  'medication',
  'allergy',
  'condition',
  'observation',
  'immunization',
  'procedure',
  'family_history',
];

/**
 * Synced records are identified by the EHR they came from as well as their FHIR id, so a hospital's ids never
 * collide with the patient's own records or another hospital's. `synced_from` is the EHR's FHIR base URL, '' for
 * the patient's own (hand-entered or imported) records, so the unique keys stay plain column lists.
 * `edited_at` marks a synced record its patient changed, which a later sync must not silently overwrite; an
 * incoming version that differs waits in `record_conflict` until the patient picks one.
 */
export class SyncedRecordIdentity1765300000000 implements MigrationInterface {
  name = 'SyncedRecordIdentity1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) {
      await queryRunner.query(
        `ALTER TABLE ${table} ADD COLUMN synced_from text NOT NULL DEFAULT '', ADD COLUMN edited_at timestamptz`,
      );
      await queryRunner.query(`DROP INDEX ${table}_source`);
      await queryRunner.query(
        `CREATE UNIQUE INDEX ${table}_source ON ${table} (patient_id, synced_from, source_fhir_id)`,
      );
    }
    await queryRunner.query(`ALTER TABLE fhir_resource ADD COLUMN synced_from text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `ALTER TABLE fhir_resource DROP CONSTRAINT fhir_resource_patient_id_resource_type_fhir_id_key`,
    );
    await queryRunner.query(
      `ALTER TABLE fhir_resource ADD CONSTRAINT fhir_resource_identity
         UNIQUE (patient_id, synced_from, resource_type, fhir_id)`,
    );
    // A deleted synced record's tombstone names its EHR too, so it holds back that EHR's resource only.
    await queryRunner.query(`ALTER TABLE record_deletion ADD COLUMN synced_from text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE record_deletion DROP CONSTRAINT record_deletion_pkey`);
    await queryRunner.query(
      `ALTER TABLE record_deletion ADD PRIMARY KEY (patient_id, synced_from, record_kind, source_fhir_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE record_conflict (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        record_kind text NOT NULL,
        record_id uuid NOT NULL,
        synced_from text NOT NULL,
        resource_type text NOT NULL,
        fhir_id text NOT NULL,
        incoming_resource jsonb NOT NULL,
        incoming_hash text NOT NULL,
        incoming_last_updated timestamptz,
        detected_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolution text,
        resolved_by uuid
      )`);
    // One open conflict per record: a newer incoming version replaces the one waiting.
    await queryRunner.query(
      `CREATE UNIQUE INDEX record_conflict_open ON record_conflict (record_kind, record_id) WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX record_conflict_patient ON record_conflict (patient_id, detected_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE record_conflict`);
    await queryRunner.query(`DELETE FROM record_deletion WHERE synced_from <> ''`);
    await queryRunner.query(`ALTER TABLE record_deletion DROP CONSTRAINT record_deletion_pkey`);
    await queryRunner.query(
      `ALTER TABLE record_deletion ADD PRIMARY KEY (patient_id, record_kind, source_fhir_id)`,
    );
    await queryRunner.query(`ALTER TABLE record_deletion DROP COLUMN synced_from`);
    await queryRunner.query(`ALTER TABLE fhir_resource DROP CONSTRAINT fhir_resource_identity`);
    await queryRunner.query(
      `ALTER TABLE fhir_resource ADD CONSTRAINT fhir_resource_patient_id_resource_type_fhir_id_key
         UNIQUE (patient_id, resource_type, fhir_id)`,
    );
    await queryRunner.query(`ALTER TABLE fhir_resource DROP COLUMN synced_from`);
    for (const table of RECORD_TABLES) {
      await queryRunner.query(`DROP INDEX ${table}_source`);
      await queryRunner.query(`CREATE UNIQUE INDEX ${table}_source ON ${table} (patient_id, source_fhir_id)`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN synced_from, DROP COLUMN edited_at`);
    }
  }
}
