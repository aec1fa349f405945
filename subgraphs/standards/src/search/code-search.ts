import type { DataSource } from 'typeorm';
import type { CodeSystem } from '../vocabulary/code-system';
import type { ConceptStatus } from '../vocabulary/concept-record';
import { runPreparedStatement } from './prepared-statement';
import { checkedResultCount, searchTerms } from './search-text';

export enum MatchKind {
  EXACT_CODE = 'EXACT_CODE',
  CODE_PREFIX = 'CODE_PREFIX',
  FULL_TEXT = 'FULL_TEXT',
  SIMILAR_TEXT = 'SIMILAR_TEXT',
}

export interface CodeMatchRow {
  system: CodeSystem;
  code: string;
  display: string;
  synonyms: string[];
  properties: Record<string, unknown>;
  status: ConceptStatus;
  kind: MatchKind;
  /** 0..1 within the kind; kinds rank EXACT_CODE > CODE_PREFIX > FULL_TEXT > SIMILAR_TEXT. */
  score: number;
}

const COLUMNS = 'c.system, c.code, c.display, c.synonyms, c.properties, c.status';

/**
 * A one-word query such as "serum" matches tens of thousands of LOINC rows; ranking is bounded to this many
 * candidates (an exact display match is found by its own index branch whatever the cap).
 */
const MAX_RANKED_CANDIDATES = 5000;

/*
 * Exact and prefix code matches use the lower(code) index, an exact display the lower(display) index; full text
 * uses the GIN tsvector index with prefix terms.
 * Each branch ranks narrow (system, code, score) rows and is limited before the union; only the page's rows are
 * joined back for their display, synonyms and properties.
 */
const RANKED_SQL = `
  WITH q AS (
    SELECT to_tsquery('simple', $4) AS tsq WHERE $4::text IS NOT NULL
  ), exact AS (
    SELECT system, code, 'EXACT_CODE' AS kind, 1.0::float8 AS score, 0 AS tier
    FROM code_concept WHERE lower(code) = $1 AND ($3::text IS NULL OR system = $3)
    LIMIT $5
  ), prefix AS (
    SELECT system, code, 'CODE_PREFIX' AS kind, length($1)::float8 / length(code) AS score, 1 AS tier
    FROM code_concept WHERE lower(code) LIKE $2 AND lower(code) <> $1 AND ($3::text IS NULL OR system = $3)
    ORDER BY length(code), code LIMIT $5
  ), display_match AS (
    SELECT system, code, 'FULL_TEXT' AS kind, 1.0::float8 AS score, 2 AS tier
    FROM code_concept WHERE lower(display) = $1 AND ($3::text IS NULL OR system = $3)
    LIMIT $5
  ), text_match AS (
    SELECT system, code, 'FULL_TEXT' AS kind, (rank / (1 + rank))::float8 AS score, 2 AS tier
    FROM (
      SELECT c.system, c.code, ts_rank_cd(c.search_vector, q.tsq) AS rank, length(c.display) AS display_length
      FROM code_concept c, q
      WHERE c.search_vector @@ q.tsq AND ($3::text IS NULL OR c.system = $3)
      LIMIT ${MAX_RANKED_CANDIDATES}
    ) matched
    ORDER BY rank DESC, display_length
    LIMIT $5
  ), best AS (
    SELECT DISTINCT ON (system, code) * FROM (
      SELECT * FROM exact UNION ALL SELECT * FROM prefix UNION ALL SELECT * FROM display_match
      UNION ALL SELECT * FROM text_match
    ) ranked
    ORDER BY system, code, tier, score DESC
  )
  SELECT ${COLUMNS}, best.kind, best.score
  FROM best JOIN code_concept c ON c.system = best.system AND c.code = best.code`;

/** Up to this many known words are tried in place of each word of the text. */
const ALTERNATIVES_PER_WORD = 2;
/** The typo pass ORs alternatives, so it matches more rows than a plain word search; it ranks fewer of them. */
const MAX_SIMILAR_CANDIDATES = 1000;
const MAX_CORRECTED_WORDS = 8;

/**
 * One statement for the typo pass: each word of the text is replaced by `(word:* | known1 | known2 …)`, the known
 * words being those of code_concept_word that are trigram-similar to it (pg_trgm's default threshold, 0.3); the
 * corrected query then runs like the full-text branch. Nothing is returned when no word has a similar known word.
 *
 * `word:*` is left out when no known word starts with the word (the usual case for the misspelt word itself): it
 * could match no document then, so candidates and ranks stay the same, while ts_rank_cd with a prefix operand costs
 * about half as much again per row, and ranking up to 1,000 candidates is most of this statement's time.
 * code_concept_word holds every lexeme of three or more characters that is not all digits (and is never pruned),
 * so shorter and all-digit words keep their prefix operand.
 *
 * `alternatives` is MATERIALIZED because `corrected` reads `known` and `prefix` more than once: inlined, PostgreSQL
 * ran the trigram lookup three times and the prefix check twice per word. The prefix check reads one row of the
 * word index in byte order (the first known word at or after the word starts with it if any does) instead of a
 * LIKE with a computed pattern, which no index serves: a full release has tens of thousands of known words.
 */
const SIMILAR_SQL = `
  WITH alternatives AS MATERIALIZED (
    SELECT input.ordinal, input.word, ARRAY(
      SELECT known.word FROM code_concept_word known
      WHERE known.word % input.word AND known.word <> input.word
      ORDER BY similarity(known.word, input.word) DESC LIMIT $2
    ) AS known,
    length(input.word) < 3 OR input.word ~ '^[0-9]+$' OR coalesce((
      SELECT starts_with(prefixed.word, input.word) FROM code_concept_word prefixed
      WHERE prefixed.word ~>=~ input.word ORDER BY prefixed.word USING ~<~ LIMIT 1
    ), false) AS prefix
    FROM unnest($1::text[]) WITH ORDINALITY AS input(word, ordinal)
  ), corrected AS (
    SELECT string_agg(
      '(' || array_to_string(
        CASE WHEN prefix THEN ARRAY[quote_literal(word) || ':*'] ELSE '{}'::text[] END
          || ARRAY(SELECT quote_literal(k) FROM unnest(known) AS k), ' | '
      ) || ')', ' & ' ORDER BY ordinal) AS query,
      bool_or(cardinality(known) > 0) AND bool_and(prefix OR cardinality(known) > 0) AS any_known
    FROM alternatives
  ), corrected_query AS (
    SELECT query::tsquery AS tsq FROM corrected WHERE any_known
  ), candidates AS (
    SELECT c.system, c.code, c.search_vector, c.display
    FROM corrected_query, code_concept c
    WHERE c.search_vector @@ corrected_query.tsq AND ($3::text IS NULL OR c.system = $3)
      AND NOT ((c.system || '|' || c.code) = ANY($5::text[]))
    LIMIT ${MAX_SIMILAR_CANDIDATES}
  ), matched AS (
    SELECT candidates.system, candidates.code, ts_rank_cd(candidates.search_vector, corrected_query.tsq) AS rank,
      length(candidates.display) AS display_length
    FROM candidates, corrected_query
    ORDER BY rank DESC, display_length
    LIMIT $4
  )
  SELECT ${COLUMNS}, 'SIMILAR_TEXT' AS kind, (matched.rank / (1 + matched.rank))::float8 AS score
  FROM matched JOIN code_concept c ON c.system = matched.system AND c.code = matched.code
  ORDER BY matched.rank DESC, matched.display_length`;

const TIER: Record<MatchKind, number> = {
  [MatchKind.EXACT_CODE]: 0,
  [MatchKind.CODE_PREFIX]: 1,
  [MatchKind.FULL_TEXT]: 2,
  [MatchKind.SIMILAR_TEXT]: 3,
};

function byRank(a: CodeMatchRow, b: CodeMatchRow): number {
  return (
    TIER[a.kind] - TIER[b.kind] ||
    b.score - a.score ||
    a.display.length - b.display.length ||
    a.code.localeCompare(b.code)
  );
}

/**
 * Ranked, typo-tolerant search: exact code > code prefix > full text (word prefixes) > similar text (each word or
 * a known word trigram-similar to it). The similarity pass runs only when the first three do not fill the page.
 */
export async function searchCodes(
  dataSource: DataSource,
  system: CodeSystem | null,
  text: string,
  first: number,
): Promise<CodeMatchRow[]> {
  const terms = searchTerms(text);
  const limit = checkedResultCount(first);
  const ranked = await runPreparedStatement<CodeMatchRow>(dataSource, 'standards_search_ranked', RANKED_SQL, [
    terms.lower,
    terms.likePrefix,
    system,
    terms.prefixQuery,
    limit,
  ]);
  ranked.sort(byRank);
  if (ranked.length >= limit) return ranked.slice(0, limit);
  // Words are letters and digits only (see searchTerms), so quote_literal never needs an E'' escape.
  const words = terms.words.slice(0, MAX_CORRECTED_WORDS);
  if (words.length === 0) return ranked;
  const seen = ranked.map((row) => `${row.system}|${row.code}`);
  const similar = await runPreparedStatement<CodeMatchRow>(
    dataSource,
    'standards_search_similar',
    SIMILAR_SQL,
    [words, ALTERNATIVES_PER_WORD, system, limit - ranked.length, seen],
  );
  return [...ranked, ...similar];
}
