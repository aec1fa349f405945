export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: {
    data?: T | null;
    errors?: Array<{
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown> & { code?: string };
    }>;
  };
  headers: Headers;
}

export interface GraphQLRequestOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

/** POSTs one GraphQL operation as JSON and returns status, parsed body and headers. */
export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GraphQLRequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text) as GraphQLResponse<T>['body'],
    headers: response.headers,
  };
}

/** Parses a raw fetch Response as a GraphQL response body. */
export async function readGraphQLBody<T = Record<string, unknown>>(
  response: Response,
): Promise<GraphQLResponse<T>['body']> {
  return (await response.json()) as GraphQLResponse<T>['body'];
}
