import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { childTraceparent, GATEWAY_CREDENTIAL_HEADER } from '@holovitals/auth';
import { fetchCarriesTraceparent } from '@holovitals/telemetry';
import type { GatewayContext } from './gateway-context';
import { createDedupingFetcher } from './inflight-dedupe';
import type { Fetcher } from './keep-alive-fetcher';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

/** A fetch made for an incoming query: a read. A mutation's fetches, even its follow-up entity reads, are not. */
function isRead(options: ProcessOptions): boolean {
  return (
    'incomingRequestContext' in options && options.incomingRequestContext.operation.operation === 'query'
  );
}

/**
 * Calls a subgraph on the caller's behalf: forwards their token (subgraphs verify it again), the trace,
 * the client address, and the gateway credential that subgraphs require.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * With `dedupeReads`, reads go through a twin whose fetcher merges identical in-flight calls. Only for
   * subgraphs without PHI: a subgraph audits each read it serves, and a merged read is served once.
   */
  private readonly sharedReads: SubgraphDataSource | null;

  constructor(
    url: string,
    fetcher: Fetcher,
    private readonly gatewaySecret: string,
    dedupeReads = false,
  ) {
    super({ url, fetcher });
    this.sharedReads = dedupeReads
      ? new SubgraphDataSource(url, createDedupingFetcher(fetcher), gatewaySecret)
      : null;
  }

  override process(options: ProcessOptions): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    return this.sharedReads && isRead(options) ? this.sharedReads.process(options) : super.process(options);
  }

  override willSendRequest({ request, context }: ProcessOptions): void {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(GATEWAY_CREDENTIAL_HEADER, this.gatewaySecret);
    if ('traceId' in context && context.traceId && !fetchCarriesTraceparent())
      headers.set('traceparent', childTraceparent(context.traceId));
    if ('accessToken' in context && context.accessToken)
      headers.set('authorization', `Bearer ${context.accessToken}`);
    if ('clientIp' in context && context.clientIp) headers.set('x-forwarded-for', context.clientIp);
    if ('userAgent' in context && context.userAgent) headers.set('user-agent', context.userAgent);
  }
}
