import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchemaModule } from '@apollo/subgraph/dist/schema-helper';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import { accounts } from './accounts';
import { inventory } from './inventory';
import { productsSubgraph } from './products';
import { reviewsSubgraph } from './reviews';

export type BenchSubgraph = Required<GraphQLSchemaModule>;

export const BENCH_SUBGRAPHS = {
  accounts,
  inventory,
  products: productsSubgraph,
  reviews: reviewsSubgraph,
} satisfies Record<string, BenchSubgraph>;

export type BenchSubgraphName = keyof typeof BENCH_SUBGRAPHS;

export function benchSubgraphSchema(name: BenchSubgraphName): GraphQLSchema {
  return buildSubgraphSchema(BENCH_SUBGRAPHS[name]);
}

interface GraphQLBody {
  query?: unknown;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/**
 * A deliberately thin GraphQL-over-HTTP server (parse and validate once per distinct document), so the
 * subgraphs cost little and the benchmark measures the gateways in front of them.
 */
export function serveBenchSubgraph(schema: GraphQLSchema): Server {
  const documents = new Map<string, DocumentNode>();
  function documentFor(query: string): DocumentNode | readonly Error[] {
    const cached = documents.get(query);
    if (cached) return cached;
    const document = parse(query);
    const errors = validate(schema, document);
    if (errors.length > 0) return errors;
    documents.set(query, document);
    return document;
  }
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody;
          if (typeof body.query !== 'string') throw new Error('query must be a string');
          const document = documentFor(body.query);
          if (Array.isArray(document)) {
            res.statusCode = 400;
            res.end(JSON.stringify({ errors: document.map((error) => ({ message: error.message })) }));
            return;
          }
          const result = await execute({
            schema,
            document: document as DocumentNode,
            variableValues: body.variables,
            operationName: body.operationName,
          });
          res.end(JSON.stringify(result));
        } catch (error) {
          res.statusCode = 400;
          res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
        }
      })();
    });
  });
}
