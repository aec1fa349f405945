import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * `node stock-gateway.js <supergraph> <port> <default|keepalive>`: @apollo/gateway as its docs set it
 * up; `keepalive` swaps in an undici keep-alive fetcher (the one change every tuned deployment makes).
 */
async function main(): Promise<void> {
  const [supergraphPath, port, mode] = process.argv.slice(2);
  if (!supergraphPath || !port || (mode !== 'default' && mode !== 'keepalive'))
    throw new Error('usage: stock-gateway <supergraph> <port> <default|keepalive>');
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const fetcher = ((input: string, init?: Record<string, unknown>) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as Fetcher;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    ...(mode === 'keepalive'
      ? { buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher }) }
      : {}),
  });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, { listen: { port: Number(port), host: '127.0.0.1' } });
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
