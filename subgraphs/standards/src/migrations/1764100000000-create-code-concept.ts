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
    await queryRunner.query(
      `CREATE INDEX code_concept_search_vector ON code_concept USING gin (search_vector)`,
    );
    await queryRunner.query(
      `CREATE INDEX code_concept_search_trgm ON code_concept USING gin (search_text gin_trgm_ops)`,
    );
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
    await queryRunner.query(`DROP FUNCTION code_concept_search_text()`);
  }
}
