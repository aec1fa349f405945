/** What `npm start`'s demo mode hands each subgraph's `dist/demo-seed.js` (see @holovitals/stack). */
export interface DemoSeedContext {
  gatewayUrl: string;
  /** Base URLs of the auxiliary local servers by registry name (Demo Hospital's FHIR server). */
  auxiliaryUrls: Record<string, string>;
  demoPassword: string;
  log: (line: string) => void;
}

export interface GatewayAnswer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Demo seeds act through the gateway as the demo users would, so every check and audit runs as it does for them. */
export async function gatewayCall<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<GatewayAnswer<T>> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GatewayAnswer<T>;
}

/** The answer's data, or an error naming what the gateway refused. */
export function dataOrThrow<T>(answer: GatewayAnswer<T>): T {
  if (!answer.data || answer.errors?.length)
    throw new Error(`demo seed: ${answer.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
  return answer.data;
}

export async function gatewayData<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  return dataOrThrow(await gatewayCall<T>(gatewayUrl, query, variables, token));
}

/** Signs a demo account in through the gateway; the demo accounts are a public contract (README). */
export async function demoSignIn(context: DemoSeedContext, email: string): Promise<string> {
  const { login } = await gatewayData<{ login: { accessToken: string } }>(
    context.gatewayUrl,
    'mutation DemoLogin($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    { email, password: context.demoPassword },
  );
  return login.accessToken;
}
