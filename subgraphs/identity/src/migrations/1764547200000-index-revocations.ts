import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The revocation cache keeper asks every few seconds for rows revoked since its last pass. */
export class IndexRevocations1764547200000 implements MigrationInterface {
  name = 'IndexRevocations1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX session_revoked_at ON session (revoked_at) WHERE revoked_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX service_client_revoked_at ON service_client (revoked_at) WHERE revoked_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX service_client_revoked_at`);
    await queryRunner.query(`DROP INDEX session_revoked_at`);
  }
}
