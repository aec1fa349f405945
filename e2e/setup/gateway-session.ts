import { graphqlRequest } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';

const PASSWORD = 'e2e password 123';

/** Signs in through the gateway and returns the access token; throws with the gateway's errors otherwise. */
export async function signIn(gatewayUrl: string, email: string, password: string): Promise<string> {
  const response = await graphqlRequest<{ login: { accessToken: string } }>(
    gatewayUrl,
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  const token = response.body.data?.login.accessToken;
  if (!token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(response.body.errors)}`);
  return token;
}

/** Registers a new account (`<label>-<random>@example.test`) through the gateway and signs it in. */
export async function signUpAndSignIn(
  gatewayUrl: string,
  label: string,
): Promise<{ email: string; token: string }> {
  const email = `${label}-${randomBytes(4).toString('hex')}@example.test`;
  const registered = await graphqlRequest(
    gatewayUrl,
    'mutation R($i: RegisterInput!) { register(input: $i) { id } }',
    { i: { email, password: PASSWORD } },
  );
  if (registered.body.errors)
    throw new Error(`registration failed: ${JSON.stringify(registered.body.errors)}`);
  return { email, token: await signIn(gatewayUrl, email, PASSWORD) };
}
