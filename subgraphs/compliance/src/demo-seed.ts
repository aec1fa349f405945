interface SeedContext {
  gatewayUrl: string;
  demoPassword: string;
  log: (line: string) => void;
}

interface GraphQLBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function call<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<GraphQLBody<T>> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLBody<T>;
}

async function dataOf<T>(body: Promise<GraphQLBody<T>>): Promise<T> {
  const { data, errors } = await body;
  if (!data || errors?.length) throw new Error(`demo seed: ${errors?.map((e) => e.message).join('; ')}`);
  return data;
}

async function signIn(gatewayUrl: string, email: string, password: string): Promise<string> {
  const { login } = await dataOf(
    call<{ login: { accessToken: string } }>(
      gatewayUrl,
      'mutation DemoLogin($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      { email, password },
    ),
  );
  return login.accessToken;
}

const GRANT_WAIT_MS = 120_000;

/**
 * The demo patient grants the demo clinician READ_RECORD through the gateway, as a user would, so the
 * clinician's patient list is not empty on first sign-in. Compliance learns both users and the patient
 * record from events, so the grant is retried while it answers BAD_USER_INPUT. Re-running it adds nothing
 * while an active grant exists.
 */
export async function seedDemo(context: SeedContext): Promise<void> {
  const { gatewayUrl } = context;
  const patientToken = await signIn(gatewayUrl, 'patient@demo.holovitals.local', context.demoPassword);
  const clinicianToken = await signIn(gatewayUrl, 'clinician@demo.holovitals.local', context.demoPassword);
  const { me } = await dataOf(call<{ me: { id: string } }>(gatewayUrl, '{ me { id } }', {}, clinicianToken));
  const { myConsents } = await dataOf(
    call<{ myConsents: Array<{ granteeUserId: string; active: boolean }> }>(
      gatewayUrl,
      '{ myConsents { granteeUserId active } }',
      {},
      patientToken,
    ),
  );
  if (myConsents.some((grant) => grant.active && grant.granteeUserId === me.id)) {
    context.log('Demo consent: the demo clinician already holds a grant.');
    return;
  }
  const deadline = Date.now() + GRANT_WAIT_MS;
  for (;;) {
    const body = await call<{ grantConsent: { id: string } }>(
      gatewayUrl,
      'mutation DemoGrant($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
      { input: { granteeUserId: me.id, scope: ['READ_RECORD'], purpose: 'TREATMENT' } },
      patientToken,
    );
    if (body.data && !body.errors?.length) break;
    const waiting = body.errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT');
    if (!waiting || Date.now() > deadline) await dataOf(Promise.resolve(body));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  context.log('Demo consent: the demo patient granted the demo clinician READ_RECORD.');
}
