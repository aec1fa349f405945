import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Role the ingestion switches to before appending: it may SELECT and INSERT audit rows, nothing else. */
export const AUDIT_APPENDER_ROLE = 'holovitals_audit_appender';

/**
 * The audit log: append-only twice over. A trigger refuses UPDATE, DELETE and TRUNCATE for every role, and
 * rows are written under a role that holds only SELECT and INSERT. Roles are cluster-wide, so the role is
 * created once and shared by every compliance database on the server.
 */
export class CreateAuditLog1764600000000 implements MigrationInterface {
  name = 'CreateAuditLog1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        event_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id text,
        actor_roles text[] NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_ids text[] NOT NULL,
        patient_ids uuid[] NOT NULL,
        outcome text NOT NULL,
        trace_id text,
        client_ip text,
        service text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX audit_log_event_id ON audit_log (event_id)`);
    await queryRunner.query(`CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at)`);
    await queryRunner.query(`CREATE INDEX audit_log_actor_id ON audit_log (actor_id)`);
    await queryRunner.query(
      `CREATE INDEX audit_log_patient_ids ON audit_log USING gin (patient_ids) WHERE cardinality(patient_ids) > 0`,
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`
      DO $$ BEGIN
        CREATE ROLE ${AUDIT_APPENDER_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON audit_log FROM PUBLIC`);
    await queryRunner.query(`GRANT SELECT, INSERT ON audit_log TO ${AUDIT_APPENDER_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
  }
}
