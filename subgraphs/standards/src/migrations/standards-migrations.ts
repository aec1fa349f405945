import { CreateCodeConcept1764100000000 } from './1764100000000-create-code-concept';
import { IndexCodeConceptWordPrefix1766700000000 } from './1766700000000-index-code-concept-word-prefix';

/**
 * Every standards migration, in order. Some build indexes CONCURRENTLY outside a transaction, so a data source
 * running them needs `migrationsTransactionMode: 'each'` (TypeORM refuses the override in its default 'all' mode).
 */
export const standardsMigrations = [CreateCodeConcept1764100000000, IndexCodeConceptWordPrefix1766700000000];
