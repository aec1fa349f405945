import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateProcessedEvent1764000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // The primary key is the idempotency guard: a second insert for the same group and event does nothing.
    await queryRunner.query(`
      CREATE TABLE processed_event (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_event`);
  }
}
