import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Apollo's default cache-control plugin wraps every field resolver to collect hints, which costs more than the
 * field itself on large lists (10,000 standardized lab results = 80,000 wrapped fields). No subgraph declares a
 * hint, so all it ever produced was `cache-control: no-store`: these plugins keep that header and drop the wrapping.
 */
export function uncacheableResponsePlugins<T extends BaseContext>(): ApolloServerPlugin<T>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      requestDidStart: () =>
        Promise.resolve({
          willSendResponse: ({ response }) => {
            response.http.headers.set('cache-control', 'no-store');
            return Promise.resolve();
          },
        }),
    },
  ];
}
