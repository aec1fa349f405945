import { createAccessProjectionTables, dropAccessProjectionTables } from '@holovitals/consent-projection';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDocuments1765000000000 implements MigrationInterface {
  name = 'CreateDocuments1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        uploaded_by text NOT NULL,
        filename text NOT NULL,
        media_type text,
        size_bytes integer,
        sha256 text,
        status text NOT NULL,
        failure_reason text,
        scan_result text NOT NULL DEFAULT 'NOT_SCANNED',
        progress integer NOT NULL DEFAULT 0,
        page_count integer NOT NULL DEFAULT 0,
        generation integer NOT NULL DEFAULT 0,
        blob_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        deleted_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX document_patient_created ON document (patient_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE document_page (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        patient_id uuid NOT NULL,
        page_number integer NOT NULL,
        text text NOT NULL,
        source text NOT NULL,
        ocr_confidence double precision,
        width double precision NOT NULL,
        height double precision NOT NULL,
        lines jsonb NOT NULL DEFAULT '[]',
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
        UNIQUE (document_id, page_number)
      )`);
    await queryRunner.query(`CREATE INDEX document_page_search ON document_page USING gin (search_vector)`);
    await queryRunner.query(`CREATE INDEX document_page_patient ON document_page (patient_id)`);
    await queryRunner.query(`
      CREATE TABLE extraction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        patient_id uuid NOT NULL,
        generation integer NOT NULL,
        kind text NOT NULL DEFAULT 'LAB_RESULT',
        code_system text NOT NULL,
        code text NOT NULL,
        display text NOT NULL,
        value double precision,
        value_text text NOT NULL,
        unit text,
        reference_low double precision,
        reference_high double precision,
        reference_text text,
        flag text,
        effective_at timestamptz,
        confidence double precision NOT NULL,
        page_number integer NOT NULL,
        box jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PROPOSED',
        decided_at timestamptz,
        decided_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX extraction_document ON extraction (document_id, page_number, box)`);
    // Who may see a patient's documents: the owner (patient.created) and consented grantees (consent.*).
    await createAccessProjectionTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAccessProjectionTables(queryRunner);
    await queryRunner.query(`DROP TABLE extraction`);
    await queryRunner.query(`DROP TABLE document_page`);
    await queryRunner.query(`DROP TABLE document`);
  }
}
