import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { graphqlRequest } from '@holovitals/testing';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';

const stack = inject('stack');
const clients: Client[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

/**
 * Subscribes to one process's health changes as `token`; resolves with the refusal when the gateway refuses it,
 * or with `accepted` when nothing refused it within `waitMs` (a change only comes when a process changes status).
 */
function subscribeToHealth(token: string, serviceId: string, waitMs: number): Promise<string> {
  const client = createClient({
    url: stack.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('accepted'), waitMs);
    client.subscribe(
      {
        query: `subscription H($s: ID!) { serviceHealthChanged(serviceId: $s) { serviceId kind serviceHealth { id status } } }`,
        variables: { s: serviceId },
      },
      {
        next: (value) => {
          clearTimeout(timer);
          resolve(value.errors ? JSON.stringify(value.errors) : 'event');
        },
        error: (error) => {
          clearTimeout(timer);
          resolve(JSON.stringify(error));
        },
        complete: () => undefined,
      },
    );
  });
}

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
    // Under load a process can miss a poll or two; the assertion below names any still not UP.
    const until = Date.now() + 90_000;
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
  }, 120_000);

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

  it.runIf(stack.webUrl !== null)(
    'passes the root error page’s report from the web server on to monitoring, and refuses another site’s',
    async () => {
      const webUrl = stack.webUrl ?? '';
      const post = (origin: string, message: string) =>
        fetch(`${webUrl}/api/client-errors`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ errorName: 'RootLayoutError', message, stack: null, page: '/root-e2e' }),
        });
      expect((await post('https://evil.example', 'from elsewhere')).status).toBe(403);
      expect((await post(new URL(webUrl).origin, 'e2e: the root layout threw')).status).toBe(204);

      const admin = await tokenOf('admin@demo.holovitals.local');
      const ERRORS = `{ errors(filter: { service: "web", origin: CLIENT }, first: 50) {
        nodes { errorName template events(first: 5) { operation } } } }`;
      type Errors = {
        errors: {
          nodes: Array<{ errorName: string; template: string; events: Array<{ operation: string | null }> }>;
        };
      };
      const until = Date.now() + 30_000;
      let groups: Errors['errors']['nodes'] = [];
      while (Date.now() < until) {
        const response = await graphqlRequest<Errors>(stack.gatewayUrl, ERRORS, {}, { token: admin });
        groups =
          response.body.data?.errors.nodes.filter((node) => node.errorName === 'RootLayoutError') ?? [];
        if (groups.length > 0) break;
        await new Promise((wake) => setTimeout(wake, 500));
      }
      expect(groups.map((group) => group.template)).toEqual(['e2e: the root layout threw']);
      expect(groups[0]?.events[0]?.operation).toBe('/root-e2e');
    },
  );

  it('serves serviceHealthChanged over the gateway to an ADMIN and refuses a patient', async () => {
    const [admin, patient] = await Promise.all([
      tokenOf('admin@demo.holovitals.local'),
      tokenOf('patient@demo.holovitals.local'),
    ]);
    expect(await subscribeToHealth(patient, 'patient', 5_000)).toMatch(/FORBIDDEN/);
    expect(await subscribeToHealth(admin, 'patient', 3_000)).toBe('accepted');
  });
});
