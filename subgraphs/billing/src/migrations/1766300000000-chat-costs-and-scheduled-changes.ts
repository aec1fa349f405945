import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Chat turns' costs kept apart from analyses', and a plan change waiting for the end of the period. */
export class ChatCostsAndScheduledChanges1766300000000 implements MigrationInterface {
  name = 'ChatCostsAndScheduledChanges1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE billing_chat_cost (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL UNIQUE,
        interaction_id uuid NOT NULL,
        user_id uuid NOT NULL,
        model text NOT NULL,
        input_tokens integer NOT NULL CHECK (input_tokens >= 0),
        output_tokens integer NOT NULL CHECK (output_tokens >= 0),
        cost_cents integer NOT NULL CHECK (cost_cents >= 0),
        covered_cents integer NOT NULL CHECK (covered_cents >= 0 AND covered_cents <= cost_cents),
        currency text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX billing_chat_cost_user ON billing_chat_cost (user_id, at)`);
    await queryRunner.query(`
      ALTER TABLE billing_subscription
        ADD COLUMN scheduled_plan text,
        ADD COLUMN scheduled_interval text,
        ADD CONSTRAINT billing_subscription_scheduled_pair
          CHECK ((scheduled_plan IS NULL) = (scheduled_interval IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE billing_subscription
        DROP CONSTRAINT billing_subscription_scheduled_pair,
        DROP COLUMN scheduled_interval,
        DROP COLUMN scheduled_plan`);
    await queryRunner.query(`DROP TABLE billing_chat_cost`);
  }
}
