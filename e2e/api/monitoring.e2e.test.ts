import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { graphqlRequest } from '@holovitals/testing';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');

const LOGIN = 'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
const HEALTH = '{ health { id kind status checkedAt } }';

async function tokenOf(email: string): Promise<string> {
  const response = await graphqlRequest<{ login: { accessToken: string } }>(stack.gatewayUrl, LOGIN, {
    e: email,
    p: stack.demoPassword,
  });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.login.accessToken;
}

interface Health {
  health: Array<{ id: string; kind: string; status: string; checkedAt: string | null }>;
}

describe('monitoring through the gateway', () => {
  it('shows an ADMIN every process of the registry, checked and UP', async () => {
    const admin = await tokenOf('admin@demo.holovitals.local');
    const read = async (): Promise<Health['health']> => {
      const response = await graphqlRequest<Health>(stack.gatewayUrl, HEALTH, {}, { token: admin });
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.health;
    };
    const expected = SERVICE_REGISTRY.map((entry) => entry.name).sort();
    // The e2e stack serves the web app only when it has been built.
    const expectedUp = expected.filter((name) => stack.webUrl !== null || name !== 'web');
    const until = Date.now() + 60_000;
    let health = await read();
    while (
      Date.now() < until &&
      (health.length < expected.length ||
        health.some((service) => expectedUp.includes(service.id) && service.status !== 'UP'))
    ) {
      await new Promise((wake) => setTimeout(wake, 500));
      health = await read();
    }
    expect(health.map((service) => service.id).sort()).toEqual(expected);
    expect(health.filter((service) => expectedUp.includes(service.id) && service.status !== 'UP')).toEqual(
      [],
    );
  });

  it('refuses a patient with FORBIDDEN and takes the web app’s error report from anyone', async () => {
    const patient = await tokenOf('patient@demo.holovitals.local');
    const refused = await graphqlRequest(stack.gatewayUrl, HEALTH, {}, { token: patient });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reported = await graphqlRequest<{ reportClientError: boolean }>(
      stack.gatewayUrl,
      'mutation R($i: ClientErrorInput!) { reportClientError(input: $i) }',
      { i: { errorName: 'TypeError', message: 'e2e: x is undefined', page: '/dashboard' } },
    );
    expect(reported.body.errors).toBeUndefined();
    expect(reported.body.data?.reportClientError).toBe(true);
  });
});
