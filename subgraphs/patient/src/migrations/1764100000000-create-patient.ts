import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_COLUMNS = `
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  source_fhir_id text,
  content_hash text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

const CODE_COLUMNS = `
  code_system text,
  code text,
  display text`;

/** Each record table with its own columns and the date its lists sort by. */
const RECORD_TABLES: { table: string; columns: string; sortColumn: string }[] = [
  {
    table: 'medication',
    columns: `${CODE_COLUMNS}, source_type text NOT NULL, status text NOT NULL, intent text, dosage text,
      started_at timestamptz, ended_at timestamptz`,
    sortColumn: 'started_at',
  },
  {
    table: 'allergy',
    columns: `${CODE_COLUMNS}, clinical_status text, verification_status text, type text, category text,
      criticality text, reaction text, onset_at timestamptz, recorded_at timestamptz`,
    sortColumn: 'recorded_at',
  },
  {
    table: 'condition',
    columns: `${CODE_COLUMNS}, clinical_status text, verification_status text, category text, onset_at timestamptz,
      abatement_at timestamptz, recorded_at timestamptz`,
    sortColumn: 'onset_at',
  },
  {
    table: 'observation',
    columns: `status text NOT NULL, category text, code_system text NOT NULL, code text NOT NULL, display text NOT NULL,
      value double precision, unit text, value_string text, reference_low double precision,
      reference_high double precision, effective_at timestamptz, components jsonb NOT NULL DEFAULT '[]'`,
    sortColumn: 'effective_at',
  },
  {
    table: 'immunization',
    columns: `${CODE_COLUMNS}, status text NOT NULL, occurrence_at timestamptz, primary_source boolean, lot_number text`,
    sortColumn: 'occurrence_at',
  },
  {
    table: 'procedure',
    columns: `${CODE_COLUMNS}, status text NOT NULL, performed_start timestamptz, performed_end timestamptz`,
    sortColumn: 'performed_start',
  },
  {
    table: 'family_history',
    columns: `status text NOT NULL, relationship_code text, relationship_display text, sex text,
      recorded_at timestamptz, conditions jsonb NOT NULL DEFAULT '[]'`,
    sortColumn: 'recorded_at',
  },
];

export class CreatePatient1764100000000 implements MigrationInterface {
  name = 'CreatePatient1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE patient (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id uuid UNIQUE,
        source_fhir_id text,
        content_hash text,
        given_name text,
        family_name text,
        gender text,
        birth_date date,
        deceased_at timestamptz,
        phone text,
        email text,
        address_line text,
        city text,
        state text,
        postal_code text,
        country text,
        marital_status text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX patient_created_at ON patient (created_at, id)`);
    for (const { table, columns, sortColumn } of RECORD_TABLES) {
      await queryRunner.query(`CREATE TABLE ${table} (${RECORD_COLUMNS}, ${columns})`);
      // The upsert's conflict target: one row per source resource and patient (hand-entered rows have NULL).
      await queryRunner.query(`CREATE UNIQUE INDEX ${table}_source ON ${table} (patient_id, source_fhir_id)`);
      await queryRunner.query(
        `CREATE INDEX ${table}_patient_date ON ${table} (patient_id, ${sortColumn} DESC NULLS LAST, id)`,
      );
    }
    await queryRunner.query(`CREATE INDEX observation_patient_code ON observation (patient_id, code)`);
    await queryRunner.query(`
      CREATE TABLE fhir_resource (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        resource_type text NOT NULL,
        fhir_id text NOT NULL,
        source_system text,
        version_id text,
        last_updated timestamptz,
        content_hash text NOT NULL,
        resource jsonb NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (patient_id, resource_type, fhir_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE consent_projection (
        consent_id uuid PRIMARY KEY,
        patient_id uuid NOT NULL,
        grantee_user_id uuid NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        expires_at timestamptz,
        revoked_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX consent_projection_grantee ON consent_projection (grantee_user_id, patient_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consent_projection`);
    await queryRunner.query(`DROP TABLE fhir_resource`);
    for (const { table } of [...RECORD_TABLES].reverse()) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP TABLE patient`);
  }
}
