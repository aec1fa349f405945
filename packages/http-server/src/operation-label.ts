export interface OperationLabelOptions {
  /** Names the project's own clients send; always kept, whatever arrived first. */
  known?: Iterable<string>;
  /** How many other names get a series of their own; later ones share `other`. */
  maxSeen: number;
  /** Longer names are `other` (a 100 kB name is an attack, not an operation). */
  maxLength: number;
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
// The gateway names each subgraph fetch `<operation>__<subgraph>__<n>`; one label per client operation.
const SUBGRAPH_FETCH_SUFFIX = /__[_0-9A-Za-z]+?__\d+$/;

/**
 * Operation names come from clients, so they cannot become label values as they are: each distinct
 * value is a time series held in memory and sent on every scrape. This keeps the set bounded by
 * `known` + `maxSeen` + `anonymous` + `other`.
 */
export function createOperationLabeler(
  options: OperationLabelOptions,
): (name: string | null | undefined) => string {
  const known = new Set(options.known ?? []);
  const seen = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    const operation = name.length > options.maxLength ? name : name.replace(SUBGRAPH_FETCH_SUFFIX, '');
    if (operation.length > options.maxLength || !GRAPHQL_NAME.test(operation)) return 'other';
    if (known.has(operation) || seen.has(operation)) return operation;
    if (seen.size >= options.maxSeen) return 'other';
    seen.add(operation);
    return operation;
  };
}
