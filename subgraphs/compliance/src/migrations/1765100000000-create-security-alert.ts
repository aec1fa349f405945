import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security alerts, the RBAC decision log, and the indexes the failed sign-in rules count with (partial: only
 * refused sign-ins, so ingestion of ordinary entries pays nothing for them). The many-patients rule probes the
 * existing actor index.
 */
export class CreateSecurityAlert1765100000000 implements MigrationInterface {
  name = 'CreateSecurityAlert1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE security_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
        subject text NOT NULL,
        actor_id text,
        patient_id uuid,
        details text NOT NULL,
        event_ids uuid[] NOT NULL DEFAULT '{}',
        raised_at timestamptz NOT NULL,
        raised_by uuid,
        acknowledged_by uuid,
        acknowledged_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX security_alert_raised ON security_alert (raised_at DESC, id DESC)`);
    await queryRunner.query(
      `CREATE INDEX security_alert_open ON security_alert (kind, subject, raised_at) WHERE status <> 'RESOLVED'`,
    );
    await queryRunner.query(
      `CREATE INDEX audit_log_failed_login_ip ON audit_log (client_ip, occurred_at)
       WHERE action = 'login' AND outcome = 'DENIED'`,
    );
    await queryRunner.query(
      `CREATE INDEX audit_log_failed_login_account ON audit_log ((entity_ids[1]), occurred_at)
       WHERE action = 'login' AND outcome = 'DENIED'`,
    );
    await queryRunner.query(`
      CREATE TABLE rbac_access_log (
        seq bigint PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        decision text NOT NULL CHECK (decision IN ('ALLOW', 'DENY')),
        actor_id text,
        actor_roles text[] NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        patient_ids uuid[] NOT NULL,
        service text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX rbac_access_log_occurred ON rbac_access_log (occurred_at)`);
    await queryRunner.query(`CREATE INDEX rbac_access_log_actor ON rbac_access_log (actor_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rbac_access_log`);
    await queryRunner.query(`DROP INDEX audit_log_failed_login_account`);
    await queryRunner.query(`DROP INDEX audit_log_failed_login_ip`);
    await queryRunner.query(`DROP TABLE security_alert`);
  }
}
