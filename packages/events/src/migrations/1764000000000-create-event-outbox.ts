import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateEventOutbox1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // `position` orders the relay by insertion; the uuid stays the identity consumers dedupe on.
    await queryRunner.query(`
      CREATE TABLE event_outbox (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY,
        type text NOT NULL,
        source text NOT NULL,
        occurred_at timestamptz NOT NULL,
        trace_id text,
        payload jsonb NOT NULL,
        published_at timestamptz
      )
    `);
    // Partial index: the relay only ever scans unpublished rows, which stay few however large the table grows.
    await queryRunner.query(
      `CREATE INDEX event_outbox_unpublished_idx ON event_outbox (position) WHERE published_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE event_outbox`);
  }
}
