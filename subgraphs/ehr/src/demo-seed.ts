interface SeedContext {
  gatewayUrl: string;
  auxiliaryUrls: Record<string, string>;
  demoPassword: string;
  log: (line: string) => void;
}

interface GraphQLBody<T> {
  data?: T;
  errors?: Array<{ message: string }>;
}

async function call<T>(gatewayUrl: string, query: string, variables: object, token?: string): Promise<T> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const { data, errors } = (await response.json()) as GraphQLBody<T>;
  if (!data || errors?.length) throw new Error(`demo seed: ${errors?.map((e) => e.message).join('; ')}`);
  return data;
}

/**
 * Puts the local Demo Hospital in the provider directory, added through the gateway by the demo patient as any
 * signed-in user could, so "Hospitals" offers it on first sign-in. Adding an existing URL returns it unchanged.
 */
export async function seedDemo(context: SeedContext): Promise<void> {
  const hospital = context.auxiliaryUrls['demo-hospital'];
  if (hospital === undefined) return;
  const { login } = await call<{ login: { accessToken: string } }>(
    context.gatewayUrl,
    'mutation DemoLogin($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    { email: 'patient@demo.holovitals.local', password: context.demoPassword },
  );
  const { addEhrProvider } = await call<{ addEhrProvider: { name: string } }>(
    context.gatewayUrl,
    'mutation DemoProvider($url: String!) { addEhrProvider(fhirBaseUrl: $url, name: "Demo Hospital") { name } }',
    { url: `${hospital}/fhir` },
    login.accessToken,
  );
  context.log(`Demo EHR provider: ${addEhrProvider.name} (${hospital}/fhir).`);
}
