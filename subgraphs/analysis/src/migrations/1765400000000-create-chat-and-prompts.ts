import type { MigrationInterface, QueryRunner } from 'typeorm';

const INSTRUCTION =
  'You are a careful clinical assistant writing for the patient. Use only the records given. Every statement ' +
  'must cite the ids of the records it rests on; do not state anything the records do not support. Answer ' +
  'in sections of short plain-language statements.';

/**
 * Version 1 of every category: the analyzer's prompt text as it was in code before templates (instruction, then
 * the task), and the chat's. Later versions come from optimizePrompt; this text is a snapshot, never edited.
 */
const SEED: Array<[string, string]> = [
  [
    'ANALYSIS_SUMMARY',
    'Summarise this health record: active conditions, medications, recent results and anything that needs attention.',
  ],
  [
    'ANALYSIS_LAB_TRENDS',
    'Describe the trends in the lab results and vital signs, and point out results outside the usual range without a later follow-up.',
  ],
  [
    'ANALYSIS_MEDICATION_REVIEW',
    'Review the active medications: what each is usually for, and possible interactions or duplications between them.',
  ],
  [
    'ANALYSIS_CARE_GAPS',
    'List screenings and immunizations that look overdue for this age and sex, given the procedures and immunizations on record.',
  ],
  [
    'ANALYSIS_QUESTION',
    'Answer the patient’s question from the records.\n\nThe patient’s question: {{question}}',
  ],
];

const CHAT =
  'You are a careful clinical assistant answering a patient’s question about their own health record. Use only ' +
  'the records given. Every statement must cite the ids of the records it rests on; do not state anything the ' +
  'records do not support. If the records do not answer the question, say so in one statement that cites the ' +
  'records you checked. Please answer in a small number of short plain-language statements, and in order to ' +
  'be clear, avoid medical jargon where possible.\n---\nThe patient’s question: {{question}}';

export class CreateChatAndPrompts1765400000000 implements MigrationInterface {
  name = 'CreateChatAndPrompts1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analysis_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id text NOT NULL,
        patient_id uuid NOT NULL,
        title text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX analysis_session_owner_created ON analysis_session (owner_user_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE prompt_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        text text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        derived_from_id uuid REFERENCES prompt_template(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (category, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE ai_interaction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES analysis_session(id) ON DELETE CASCADE,
        role text NOT NULL,
        text text NOT NULL,
        statements jsonb NOT NULL DEFAULT '[]',
        rejected_citations integer NOT NULL DEFAULT 0,
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        latency_ms integer NOT NULL DEFAULT 0,
        cost_cents integer NOT NULL DEFAULT 0,
        model text,
        prompt_template_id uuid REFERENCES prompt_template(id),
        prompt_version integer,
        rating integer CHECK (rating BETWEEN 1 AND 5),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX ai_interaction_session_created ON ai_interaction (session_id, created_at, id)`,
    );
    await queryRunner.query(`
      CREATE TABLE prompt_performance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        template_id uuid NOT NULL REFERENCES prompt_template(id),
        interaction_id uuid UNIQUE REFERENCES ai_interaction(id) ON DELETE SET NULL,
        task_id uuid,
        latency_ms integer NOT NULL,
        input_tokens integer NOT NULL,
        output_tokens integer NOT NULL,
        cost_usd double precision NOT NULL,
        valid boolean NOT NULL,
        rating integer CHECK (rating BETWEEN 1 AND 5),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX prompt_performance_template ON prompt_performance (template_id)`);
    for (const [category, task] of SEED) {
      await queryRunner.query(`INSERT INTO prompt_template (category, version, text) VALUES ($1, 1, $2)`, [
        category,
        `${INSTRUCTION}\n---\n${task}`,
      ]);
    }
    await queryRunner.query(`INSERT INTO prompt_template (category, version, text) VALUES ($1, 1, $2)`, [
      'CHAT_ANSWER',
      CHAT,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE prompt_performance`);
    await queryRunner.query(`DROP TABLE ai_interaction`);
    await queryRunner.query(`DROP TABLE prompt_template`);
    await queryRunner.query(`DROP TABLE analysis_session`);
  }
}
