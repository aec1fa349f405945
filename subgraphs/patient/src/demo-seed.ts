import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The demo patient's record: a Synthea bundle shipped in fixtures (Apache-2.0, see fixtures/synthea-r4). */
export const DEMO_BUNDLE = 'Damion_Strosin_93ea4d3e-6634-4063-8a59-3db23b0d6cbc.json';

interface SeedContext {
  gatewayUrl: string;
  demoPassword: string;
  log: (line: string) => void;
}

async function call<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!body.data || body.errors?.length)
    throw new Error(`demo seed: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
  return body.data;
}

/**
 * Imports the demo patient's Synthea record through the gateway, as that patient, the way a user
 * would. Re-running it changes nothing (the import is idempotent).
 */
export async function seedDemo(context: SeedContext): Promise<void> {
  const { login } = await call<{ login: { accessToken: string } }>(
    context.gatewayUrl,
    'mutation DemoLogin($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    { email: 'patient@demo.holovitals.local', password: context.demoPassword },
  );
  const bundle: unknown = JSON.parse(
    await readFile(join(__dirname, '..', 'fixtures', 'synthea-r4', DEMO_BUNDLE), 'utf8'),
  );
  const { importFhirBundle } = await call<{
    importFhirBundle: { created: number; updated: number; unchanged: number };
  }>(
    context.gatewayUrl,
    'mutation DemoImport($bundle: JSON!) { importFhirBundle(bundle: $bundle) { created updated unchanged } }',
    { bundle },
    login.accessToken,
  );
  context.log(
    `Demo patient record: ${importFhirBundle.created} created, ${importFhirBundle.updated} updated, ${importFhirBundle.unchanged} unchanged.`,
  );
}
