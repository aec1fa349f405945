import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments as Stripe reports them (payment_intent.succeeded / payment_failed), per user. */
export class CreatePaymentIntents1765420000000 implements MigrationInterface {
  name = 'CreatePaymentIntents1765420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE billing_payment_intent (
        stripe_payment_intent_id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES billing_customer (user_id),
        amount integer NOT NULL CHECK (amount >= 0),
        amount_received integer NOT NULL CHECK (amount_received >= 0),
        currency text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX billing_payment_intent_user ON billing_payment_intent (user_id, created_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE billing_payment_intent`);
  }
}
