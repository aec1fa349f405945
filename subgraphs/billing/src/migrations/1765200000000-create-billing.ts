import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBilling1765200000000 implements MigrationInterface {
  name = 'CreateBilling1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE billing_customer (
        user_id uuid PRIMARY KEY,
        stripe_customer_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE billing_checkout_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES billing_customer (user_id),
        plan text NOT NULL,
        interval text NOT NULL,
        stripe_session_id text NOT NULL UNIQUE,
        url text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX billing_checkout_session_user ON billing_checkout_session (user_id, plan, interval, created_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE billing_subscription (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES billing_customer (user_id),
        stripe_subscription_id text NOT NULL UNIQUE,
        plan text NOT NULL,
        interval text NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'PAST_DUE', 'LOCKED', 'CANCELED')),
        stripe_status text NOT NULL,
        cancel_at_period_end boolean NOT NULL DEFAULT false,
        currency text NOT NULL,
        current_period_start timestamptz NOT NULL,
        current_period_end timestamptz NOT NULL,
        past_due_since timestamptz,
        canceled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX billing_subscription_user ON billing_subscription (user_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX billing_subscription_grace ON billing_subscription (past_due_since) WHERE status = 'PAST_DUE'`,
    );
    await queryRunner.query(`
      CREATE TABLE billing_subscription_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES billing_subscription (id),
        from_status text,
        to_status text NOT NULL,
        plan text NOT NULL,
        cancel_at_period_end boolean NOT NULL,
        reason text NOT NULL,
        stripe_event_id text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX billing_subscription_history_subscription ON billing_subscription_history (subscription_id, at)`,
    );
    await queryRunner.query(`
      CREATE TABLE billing_invoice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stripe_invoice_id text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES billing_customer (user_id),
        stripe_subscription_id text NOT NULL,
        plan text NOT NULL,
        number text,
        status text NOT NULL,
        amount_due integer NOT NULL CHECK (amount_due >= 0),
        amount_paid integer NOT NULL CHECK (amount_paid >= 0),
        amount_refunded integer NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount_paid),
        currency text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        hosted_invoice_url text,
        payment_intent_id text,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX billing_invoice_user ON billing_invoice (user_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX billing_invoice_payment_intent ON billing_invoice (payment_intent_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE billing_analysis_cost (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL UNIQUE,
        task_id uuid NOT NULL,
        user_id uuid NOT NULL,
        model text NOT NULL,
        input_tokens integer NOT NULL CHECK (input_tokens >= 0),
        output_tokens integer NOT NULL CHECK (output_tokens >= 0),
        cost_cents integer NOT NULL CHECK (cost_cents >= 0),
        covered_cents integer NOT NULL CHECK (covered_cents >= 0 AND covered_cents <= cost_cents),
        currency text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX billing_analysis_cost_user ON billing_analysis_cost (user_id, at)`);
    // Double entry: every transaction is two or more rows summing to zero across accounts; a user's credit is the
    // sum of their USER_CREDITS rows, kept beside it in billing_credit_balance where the CHECK forbids going below 0.
    await queryRunner.query(`
      CREATE TABLE billing_credit_ledger (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        transaction_id uuid NOT NULL,
        user_id uuid NOT NULL,
        account text NOT NULL CHECK (account IN ('USER_CREDITS', 'PLAN_GRANTS', 'ANALYSIS_USAGE', 'GRANT_REVERSALS')),
        amount_cents integer NOT NULL,
        kind text NOT NULL,
        reference text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (reference, account)
      )`);
    await queryRunner.query(
      `CREATE INDEX billing_credit_ledger_user ON billing_credit_ledger (user_id, account, at)`,
    );
    await queryRunner.query(`
      CREATE TABLE billing_credit_balance (
        user_id uuid PRIMARY KEY,
        balance_cents integer NOT NULL CHECK (balance_cents >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE billing_processed_webhook_event (
        stripe_event_id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'billing_processed_webhook_event',
      'billing_credit_balance',
      'billing_credit_ledger',
      'billing_analysis_cost',
      'billing_invoice',
      'billing_subscription_history',
      'billing_subscription',
      'billing_checkout_session',
      'billing_customer',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
