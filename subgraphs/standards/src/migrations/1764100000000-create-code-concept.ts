import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCodeConcept1764100000000 implements MigrationInterface {
  name = 'CreateCodeConcept1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE code_concept (
        system text NOT NULL,
        code text NOT NULL,
        display text NOT NULL,
        synonyms text[] NOT NULL DEFAULT '{}',
        properties jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'deprecated')),
        search_text text NOT NULL DEFAULT '',
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system, code)
      )`);
    // array_to_string is only STABLE, so search_text cannot be a generated column: a trigger keeps it in step.
    await queryRunner.query(`
      CREATE FUNCTION code_concept_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := NEW.display || ' ' || array_to_string(NEW.synonyms, ' ');
        NEW.updated_at := now();
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER code_concept_search_text BEFORE INSERT OR UPDATE ON code_concept
      FOR EACH ROW EXECUTE FUNCTION code_concept_search_text()`);
    await queryRunner.query(
      `CREATE INDEX code_concept_code_lower ON code_concept (lower(code) text_pattern_ops)`,
    );
    await queryRunner.query(`CREATE INDEX code_concept_display_lower ON code_concept (lower(display))`);
    // fastupdate off: a pending list left by a bulk import made prefix searches 100× slower until the next vacuum.
    await queryRunner.query(
      `CREATE INDEX code_concept_search_vector ON code_concept USING gin (search_vector) WITH (fastupdate = off)`,
    );
    // Typo tolerance works on words, not whole displays: trigram-matching a word list is fast, whereas
    // word_similarity over every display of a large release rechecks thousands of rows per query.
    await queryRunner.query(`CREATE TABLE code_concept_word (word text PRIMARY KEY)`);
    await queryRunner.query(
      `CREATE INDEX code_concept_word_trgm ON code_concept_word USING gin (word gin_trgm_ops) WITH (fastupdate = off)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION code_concept_collect_words() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO code_concept_word (word)
        SELECT DISTINCT lexeme FROM new_rows, unnest(tsvector_to_array(new_rows.search_vector)) AS lexeme
        WHERE length(lexeme) >= 3 AND lexeme !~ '^[0-9]+$'
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    // A trigger with a transition table may have only one event, hence two.
    for (const event of ['INSERT', 'UPDATE']) {
      await queryRunner.query(`
        CREATE TRIGGER code_concept_words_${event.toLowerCase()} AFTER ${event} ON code_concept
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION code_concept_collect_words()`);
    }
    await queryRunner.query(`
      CREATE TABLE terminology_import_checkpoint (
        source text PRIMARY KEY,
        system text NOT NULL,
        records_done bigint NOT NULL DEFAULT 0,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE terminology_import_checkpoint`);
    await queryRunner.query(`DROP TABLE code_concept`);
    await queryRunner.query(`DROP TABLE code_concept_word`);
    await queryRunner.query(`DROP FUNCTION code_concept_collect_words()`);
    await queryRunner.query(`DROP FUNCTION code_concept_search_text()`);
  }
}
