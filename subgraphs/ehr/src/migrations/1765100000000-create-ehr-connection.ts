import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEhrConnection1765100000000 implements MigrationInterface {
  name = 'CreateEhrConnection1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ehr_authorization_request (
        state text PRIMARY KEY,
        user_id uuid NOT NULL,
        provider_id uuid NOT NULL REFERENCES ehr_provider (id) ON DELETE CASCADE,
        redirect_uri text NOT NULL,
        sealed_state text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE ehr_connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        provider_id uuid NOT NULL REFERENCES ehr_provider (id),
        status text NOT NULL,
        fhir_patient_id text,
        scopes_granted text[] NOT NULL DEFAULT '{}',
        sealed_state text NOT NULL,
        token_expires_at timestamptz,
        last_sync_at timestamptz,
        sync_cursor timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, provider_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE ehr_sync_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid NOT NULL REFERENCES ehr_connection (id) ON DELETE CASCADE,
        mode text NOT NULL,
        status text NOT NULL,
        since timestamptz,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        resource_count int NOT NULL DEFAULT 0,
        http_requests int NOT NULL DEFAULT 0,
        counts jsonb NOT NULL DEFAULT '{}',
        errors text[] NOT NULL DEFAULT '{}',
        blob_key text
      )`);
    await queryRunner.query(
      `CREATE INDEX ehr_sync_run_connection ON ehr_sync_run (connection_id, started_at DESC, id DESC)`,
    );
    // At most one open run per connection: an on-demand sync while one is queued or running joins it.
    await queryRunner.query(
      `CREATE UNIQUE INDEX ehr_sync_run_open ON ehr_sync_run (connection_id) WHERE status IN ('QUEUED', 'RUNNING')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ehr_sync_run`);
    await queryRunner.query(`DROP TABLE ehr_connection`);
    await queryRunner.query(`DROP TABLE ehr_authorization_request`);
  }
}
