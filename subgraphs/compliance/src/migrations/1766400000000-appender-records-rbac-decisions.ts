import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_APPENDER_ROLE } from './1764600000000-create-audit-log';

/**
 * Ingestion writes each entry's RBAC decision in the statement that appends the entry, so the append-only role
 * may insert decisions too. It gains INSERT only: decisions stay out of its reach for UPDATE and DELETE, and
 * audit_log's own rights and triggers are unchanged.
 */
export class AppenderRecordsRbacDecisions1766400000000 implements MigrationInterface {
  name = 'AppenderRecordsRbacDecisions1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT INSERT ON rbac_access_log TO ${AUDIT_APPENDER_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE INSERT ON rbac_access_log FROM ${AUDIT_APPENDER_ROLE}`);
  }
}
