import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMonitoring1765300000000 implements MigrationInterface {
  name = 'CreateMonitoring1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE monitoring_service_health (
        id text PRIMARY KEY,
        kind text NOT NULL,
        health_url text NOT NULL,
        status text NOT NULL,
        latency_ms int,
        detail text,
        consecutive_failures int NOT NULL DEFAULT 0,
        checked_at timestamptz,
        changed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE monitoring_health_transition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        detail text,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX monitoring_health_transition_service_at ON monitoring_health_transition (service, at DESC)`,
    );
    // Checks rolled up per process and minute: uptime and check latency without a row per check.
    await queryRunner.query(`
      CREATE TABLE monitoring_health_minute (
        service text NOT NULL,
        minute timestamptz NOT NULL,
        checks int NOT NULL,
        failures int NOT NULL,
        latency_ms_sum bigint NOT NULL,
        latency_ms_max int NOT NULL,
        PRIMARY KEY (service, minute)
      )`);
    await queryRunner.query(`
      CREATE TABLE monitoring_error_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fingerprint text NOT NULL UNIQUE,
        service text NOT NULL,
        origin text NOT NULL,
        error_name text NOT NULL,
        template text NOT NULL,
        stack text,
        count int NOT NULL DEFAULT 0,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX monitoring_error_group_last_seen ON monitoring_error_group (last_seen_at DESC, id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE monitoring_error_event (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES monitoring_error_group (id) ON DELETE CASCADE,
        message text NOT NULL,
        trace_id text,
        operation text,
        path text,
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX monitoring_error_event_group ON monitoring_error_event (group_id, occurred_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX monitoring_error_event_occurred ON monitoring_error_event (occurred_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE monitoring_metric_sample (
        service text NOT NULL,
        name text NOT NULL,
        labels_key text NOT NULL,
        minute timestamptz NOT NULL,
        labels jsonb NOT NULL,
        value double precision NOT NULL,
        PRIMARY KEY (service, name, labels_key, minute)
      )`);
    await queryRunner.query(
      `CREATE INDEX monitoring_metric_sample_name_minute ON monitoring_metric_sample (name, minute)`,
    );
    await queryRunner.query(`
      CREATE TABLE monitoring_alert_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL,
        service text,
        subject text,
        threshold double precision NOT NULL,
        window_seconds int NOT NULL,
        severity text NOT NULL,
        channels jsonb NOT NULL DEFAULT '[]',
        enabled boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE monitoring_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id uuid NOT NULL REFERENCES monitoring_alert_rule (id) ON DELETE CASCADE,
        kind text NOT NULL,
        subject text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL,
        summary text NOT NULL,
        fired_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        notified_at timestamptz,
        notify_attempts int NOT NULL DEFAULT 0,
        notify_error text
      )`);
    // One open alert per rule and subject: a condition that keeps holding does not fire again.
    await queryRunner.query(
      `CREATE UNIQUE INDEX monitoring_alert_open ON monitoring_alert (rule_id, subject) WHERE status <> 'RESOLVED'`,
    );
    await queryRunner.query(`CREATE INDEX monitoring_alert_fired ON monitoring_alert (fired_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'monitoring_alert',
      'monitoring_alert_rule',
      'monitoring_metric_sample',
      'monitoring_error_event',
      'monitoring_error_group',
      'monitoring_health_minute',
      'monitoring_health_transition',
      'monitoring_service_health',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
