import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { childTraceparent, GATEWAY_CREDENTIAL_HEADER } from '@holovitals/auth';
import { fetchCarriesTraceparent } from '@holovitals/telemetry';
import type { GatewayContext } from './gateway-context';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * Calls a subgraph on the caller's behalf: forwards their token (subgraphs verify it again), the trace,
 * the client address, and the gateway credential that subgraphs require.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    fetcher: Fetcher,
    private readonly gatewaySecret: string,
  ) {
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
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
