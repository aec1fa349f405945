import type { DataSource } from 'typeorm';
import type { CodeSystem } from '../vocabulary/code-system';
import type { ConceptStatus } from '../vocabulary/concept-record';
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
const ALTERNATIVES_PER_WORD = 4;
const MAX_CORRECTED_WORDS = 8;

/** Known words trigram-similar to each word of the text (pg_trgm's default similarity threshold, 0.3). */
const SIMILAR_WORDS_SQL = `
  SELECT q.word AS input, w.word
  FROM unnest($1::text[]) AS q(word)
  CROSS JOIN LATERAL (
    SELECT word FROM code_concept_word WHERE word % q.word ORDER BY similarity(word, q.word) DESC LIMIT $2
  ) w`;

const SIMILAR_SQL = `
  WITH matched AS (
    SELECT system, code, ts_rank_cd(search_vector, $1::tsquery) AS rank, length(display) AS display_length
    FROM (
      SELECT system, code, search_vector, display FROM code_concept
      WHERE search_vector @@ $1::tsquery AND ($2::text IS NULL OR system = $2)
        AND NOT ((system || '|' || code) = ANY($4::text[]))
      LIMIT ${MAX_RANKED_CANDIDATES}
    ) candidates
    ORDER BY rank DESC, display_length
    LIMIT $3
  )
  SELECT ${COLUMNS}, 'SIMILAR_TEXT' AS kind, (matched.rank / (1 + matched.rank))::float8 AS score
  FROM matched JOIN code_concept c ON c.system = matched.system AND c.code = matched.code
  ORDER BY matched.rank DESC, matched.display_length`;

/** A lexeme as a quoted tsquery operand; words only ever hold letters and digits, so quoting is enough. */
function lexeme(word: string, prefix: boolean): string {
  return `'${word.replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

/** `(word:* | known1 | known2) & …` — each word of the text or a known word that looks like it. */
async function correctedQuery(dataSource: DataSource, words: string[]): Promise<string | null> {
  const checked = words.filter((word) => /^[\p{L}\p{N}]+$/u.test(word)).slice(0, MAX_CORRECTED_WORDS);
  if (checked.length === 0) return null;
  const rows = (await dataSource.query(SIMILAR_WORDS_SQL, [checked, ALTERNATIVES_PER_WORD])) as {
    input: string;
    word: string;
  }[];
  if (rows.length === 0) return null;
  return checked
    .map((word) => {
      const known = rows
        .filter((row) => row.input === word && row.word !== word)
        .map((row) => lexeme(row.word, false));
      return `(${[lexeme(word, true), ...known].join(' | ')})`;
    })
    .join(' & ');
}

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
  const ranked = (await dataSource.query(RANKED_SQL, [
    terms.lower,
    terms.likePrefix,
    system,
    terms.prefixQuery,
    limit,
  ])) as CodeMatchRow[];
  ranked.sort(byRank);
  if (ranked.length >= limit) return ranked.slice(0, limit);
  const query = await correctedQuery(dataSource, terms.words);
  if (query === null) return ranked;
  const seen = ranked.map((row) => `${row.system}|${row.code}`);
  const similar = (await dataSource.query(SIMILAR_SQL, [
    query,
    system,
    limit - ranked.length,
    seen,
  ])) as CodeMatchRow[];
  return [...ranked, ...similar];
}
