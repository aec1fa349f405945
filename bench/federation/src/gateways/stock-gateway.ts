import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GATEWAY_CREDENTIAL_HEADER } from '@holovitals/auth';
import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];
const MODES = ['default', 'keepalive', 'forward'] as const;
type Mode = (typeof MODES)[number];
interface ForwardContext {
  authorization?: string;
}

/**
 * What a HoloVitals subgraph needs from any gateway and no more: the caller's token and the gateway credential
 * (GATEWAY_SECRET). No edge auth, limits, rate limit, metrics or tracing.
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<ForwardContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<ForwardContext>['willSendRequest']>>[0]): void {
    request.http?.headers.set(GATEWAY_CREDENTIAL_HEADER, process.env.GATEWAY_SECRET ?? '');
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

/**
 * `node stock-gateway.js <supergraph> <port> <default|keepalive|forward>`: @apollo/gateway as its docs set it
 * up; `keepalive` swaps in an undici keep-alive fetcher (the one change every tuned deployment makes);
 * `forward` is `keepalive` forwarding what HoloVitals subgraphs require (the bench's dashboard baseline).
 */
async function main(): Promise<void> {
  const [supergraphPath, port, mode] = process.argv.slice(2) as [string?, string?, Mode?];
  if (!supergraphPath || !port || !mode || !MODES.includes(mode))
    throw new Error(`usage: stock-gateway <supergraph> <port> <${MODES.join('|')}>`);
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const fetcher = ((input: string, init?: Record<string, unknown>) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as Fetcher;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    ...(mode === 'keepalive'
      ? { buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher }) }
      : mode === 'forward'
        ? { buildService: ({ url }) => new ForwardingDataSource({ url, fetcher }) }
        : {}),
  });
  const server = new ApolloServer<ForwardContext>({ gateway });
  await startStandaloneServer(server, {
    listen: { port: Number(port), host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
