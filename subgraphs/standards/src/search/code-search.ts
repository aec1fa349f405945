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

/** Word similarity below which a typo-tolerant match is noise. */
const SIMILARITY_THRESHOLD = '0.4';

const COLUMNS = 'system, code, display, synonyms, properties, status';

/*
 * Exact and prefix code matches use the lower(code) index; full text uses the GIN tsvector index with prefix terms.
 * Each branch is limited before the union so no branch scans more than it can return.
 */
const RANKED_SQL = `
  WITH exact AS (
    SELECT ${COLUMNS}, 'EXACT_CODE' AS kind, 1.0::float8 AS score, 0 AS tier
    FROM code_concept WHERE lower(code) = $1 AND ($3::text IS NULL OR system = $3)
    LIMIT $5
  ), prefix AS (
    SELECT ${COLUMNS}, 'CODE_PREFIX' AS kind, length($1)::float8 / length(code) AS score, 1 AS tier
    FROM code_concept WHERE lower(code) LIKE $2 AND lower(code) <> $1 AND ($3::text IS NULL OR system = $3)
    ORDER BY length(code), code LIMIT $5
  ), text_match AS (
    SELECT ${COLUMNS}, 'FULL_TEXT' AS kind,
      CASE WHEN lower(display) = $1 THEN 1.0 ELSE ts_rank_cd(search_vector, to_tsquery('simple', $4)) / (1 + ts_rank_cd(search_vector, to_tsquery('simple', $4))) END::float8 AS score,
      2 AS tier
    FROM code_concept
    WHERE $4::text IS NOT NULL AND search_vector @@ to_tsquery('simple', $4) AND ($3::text IS NULL OR system = $3)
    ORDER BY (lower(display) = $1) DESC, ts_rank_cd(search_vector, to_tsquery('simple', $4)) DESC, length(display)
    LIMIT $5
  )
  SELECT DISTINCT ON (system, code) * FROM (
    SELECT * FROM exact UNION ALL SELECT * FROM prefix UNION ALL SELECT * FROM text_match
  ) ranked
  ORDER BY system, code, tier`;

const SIMILAR_SQL = `
  SELECT ${COLUMNS}, 'SIMILAR_TEXT' AS kind, word_similarity($1, search_text)::float8 AS score
  FROM code_concept
  WHERE $1 <% search_text AND ($2::text IS NULL OR system = $2) AND NOT ((system || '|' || code) = ANY($4::text[]))
  ORDER BY score DESC, length(display)
  LIMIT $3`;

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
 * Ranked, typo-tolerant search: exact code > code prefix > full text (word prefixes) > trigram word similarity.
 * The similarity pass runs only when the first three do not fill the page, since it is the slowest.
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
  const seen = ranked.map((row) => `${row.system}|${row.code}`);
  const similar = await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
      SIMILARITY_THRESHOLD,
    ]);
    return (await manager.query(SIMILAR_SQL, [
      terms.lower,
      system,
      limit - ranked.length,
      seen,
    ])) as CodeMatchRow[];
  });
  return [...ranked, ...similar];
}
