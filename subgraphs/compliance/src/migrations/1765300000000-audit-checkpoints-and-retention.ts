import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Role that owns the one function allowed to delete audit rows; nobody logs in as it or is granted it. */
export const AUDIT_PURGER_ROLE = 'holovitals_audit_purger';

/**
 * Signed checkpoints, legal holds, purge manifests, the security alert archive, and the single path that may
 * delete audit rows: `purge_audit_log(horizon, manifest)`, a SECURITY DEFINER function owned by the purger role.
 * The append-only trigger lets a DELETE through only when the current user is that role and the function has
 * flagged the transaction, so the appender role, the application's own role and any stray DELETE stay refused.
 * The function recomputes what is expired and not held and refuses unless that matches the signed manifest.
 */
export class AuditCheckpointsAndRetention1765300000000 implements MigrationInterface {
  name = 'AuditCheckpointsAndRetention1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_checkpoint (
        id bigserial PRIMARY KEY,
        up_to_seq bigint NOT NULL CHECK (up_to_seq >= 0),
        head_hash text NOT NULL,
        row_count bigint NOT NULL,
        created_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX audit_checkpoint_up_to_seq ON audit_checkpoint (up_to_seq)`);
    await queryRunner.query(`
      CREATE TABLE audit_purge_manifest (
        id bigserial PRIMARY KEY,
        horizon timestamptz NOT NULL,
        through_seq bigint NOT NULL,
        boundary_hash text NOT NULL,
        retained jsonb NOT NULL,
        deleted_count bigint NOT NULL,
        alerts_archived bigint NOT NULL,
        checkpoint_id bigint NOT NULL REFERENCES audit_checkpoint (id),
        created_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE legal_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid,
        actor_id text,
        reason text NOT NULL,
        placed_by uuid NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT now(),
        released_by uuid,
        released_at timestamptz,
        CHECK (patient_id IS NOT NULL OR actor_id IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX legal_hold_active ON legal_hold (placed_at DESC) WHERE released_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE security_alert_archive (
        alert_id uuid PRIMARY KEY,
        archived_at timestamptz NOT NULL DEFAULT now(),
        alert jsonb NOT NULL,
        evidence jsonb NOT NULL
      )`);
    // Checkpoints and manifests are evidence too: never changed or removed.
    for (const table of ['audit_checkpoint', 'audit_purge_manifest', 'security_alert_archive']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
    }
    await queryRunner.query(`
      CREATE FUNCTION audit_row_held(row_patient_ids uuid[], row_actor_id text) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT EXISTS (
          SELECT 1 FROM legal_hold h
           WHERE h.released_at IS NULL
             AND (h.patient_id = ANY(row_patient_ids) OR h.actor_id = row_actor_id))
      $$`);
    await queryRunner.query(`
      DO $$ BEGIN
        CREATE ROLE ${AUDIT_PURGER_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await queryRunner.query(`GRANT SELECT, DELETE ON audit_log TO ${AUDIT_PURGER_ROLE}`);
    await queryRunner.query(`GRANT SELECT ON audit_purge_manifest, legal_hold TO ${AUDIT_PURGER_ROLE}`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' AND current_user = '${AUDIT_PURGER_ROLE}'
           AND current_setting('holovitals.audit_purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION purge_audit_log(p_horizon timestamptz, p_manifest bigint) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        m audit_purge_manifest%ROWTYPE;
        through bigint;
        kept bigint[];
        deleted bigint;
      BEGIN
        SELECT * INTO m FROM audit_purge_manifest WHERE id = p_manifest;
        IF NOT FOUND OR m.horizon <> p_horizon THEN
          RAISE EXCEPTION 'purge refused: no manifest % for this horizon', p_manifest;
        END IF;
        IF p_horizon > now() - interval '365 days' THEN
          RAISE EXCEPTION 'purge refused: horizon % keeps less than a year', p_horizon;
        END IF;
        -- The expired prefix of the chain; never behind an earlier purge, even if the retention grew since.
        SELECT greatest(
                 coalesce((SELECT min(seq) - 1 FROM audit_log WHERE occurred_at >= p_horizon),
                          (SELECT max(seq) FROM audit_log), 0),
                 coalesce((SELECT max(through_seq) FROM audit_purge_manifest WHERE id <> p_manifest), 0))
          INTO through;
        SELECT coalesce(array_agg(seq ORDER BY seq), '{}') INTO kept
          FROM audit_log WHERE seq <= through AND audit_row_held(patient_ids, actor_id);
        IF through <> m.through_seq
           OR kept <> ARRAY(SELECT (r->>'seq')::bigint FROM jsonb_array_elements(m.retained) r ORDER BY 1) THEN
          RAISE EXCEPTION 'purge refused: manifest % does not match the expired, unheld entries', p_manifest;
        END IF;
        PERFORM set_config('holovitals.audit_purge', 'on', true);
        DELETE FROM audit_log WHERE seq <= through AND NOT (seq = ANY(kept));
        GET DIAGNOSTICS deleted = ROW_COUNT;
        PERFORM set_config('holovitals.audit_purge', 'off', true);
        IF deleted <> m.deleted_count THEN
          RAISE EXCEPTION 'purge refused: % entries to delete, manifest says %', deleted, m.deleted_count;
        END IF;
        RETURN deleted;
      END $$`);
    await queryRunner.query(
      `ALTER FUNCTION purge_audit_log(timestamptz, bigint) OWNER TO ${AUDIT_PURGER_ROLE}`,
    );
    await queryRunner.query(`ALTER FUNCTION audit_row_held(uuid[], text) OWNER TO ${AUDIT_PURGER_ROLE}`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION purge_audit_log(timestamptz, bigint) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION purge_audit_log(timestamptz, bigint) TO CURRENT_USER`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION purge_audit_log(timestamptz, bigint)`);
    await queryRunner.query(`DROP FUNCTION audit_row_held(uuid[], text)`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`REVOKE ALL ON audit_log FROM ${AUDIT_PURGER_ROLE}`);
    await queryRunner.query(
      `DROP TABLE security_alert_archive, legal_hold, audit_purge_manifest, audit_checkpoint`,
    );
  }
}
