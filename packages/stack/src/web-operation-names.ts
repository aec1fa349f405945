import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The operation names the web app sends, from the documents codegen collected at build time
 * (`web/src/gql/gql.ts` keys each by its source text). Services label metrics with these names
 * whatever other names clients invent first.
 */
export function webOperationNames(root: string): string[] {
  const generated = join(root, 'web', 'src', 'gql', 'gql.ts');
  if (!existsSync(generated)) return [];
  const names = new Set<string>();
  const source = /^\s*'\\n\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/gm;
  for (const match of readFileSync(generated, 'utf8').matchAll(source)) if (match[1]) names.add(match[1]);
  return [...names].sort();
}
