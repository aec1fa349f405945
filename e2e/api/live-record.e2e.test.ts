import { graphqlRequest } from '@holovitals/testing';
import { createClient, type Client } from 'graphql-ws';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';

const stack = inject('stack');
const clients: Client[] = [];

async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

async function patientUser(label: string): Promise<{ token: string; patientId: string }> {
  const email = `${label}-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'e2e password 123';
  await gql('mutation R($i: RegisterInput!) { register(input: $i) { id } }', { i: { email, password } });
  const { login } = await gql<{ login: { accessToken: string } }>(
    'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  const { createMyPatient } = await gql<{ createMyPatient: { id: string } }>(
    'mutation { createMyPatient { id } }',
    {},
    login.accessToken,
  );
  return { token: login.accessToken, patientId: createMyPatient.id };
}

function live(token: string): Client {
  const client = createClient({
    url: stack.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

const SUBSCRIPTION = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) {
  patientId kind changed patient { id observations(first: 5) { nodes { code standardized { loincCode loincDisplay } } } } } }`;

/** The first event (or error) of a subscription, once it is registered on the gateway. */
function firstEvent(client: Client, patientId: string): Promise<{ data?: unknown; errors?: unknown }> {
  return new Promise((resolve, reject) => {
    const stop = client.subscribe(
      { query: SUBSCRIPTION, variables: { p: patientId } },
      {
        next: (value) => {
          stop();
          resolve(value as { data?: unknown });
        },
        error: (error) => resolve({ errors: error }),
        complete: () => reject(new Error('completed without an event')),
      },
    );
  });
}

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

describe('patientRecordChanged through the gateway', () => {
  it('delivers a change made by a mutation, with fields from patient and standards', async () => {
    const { token, patientId } = await patientUser('live');
    const event = firstEvent(live(token), patientId);
    // The subscribe message's access check runs before the subscription listens; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await gql(
      `mutation C($p: ID!, $i: ObservationInput!) { createObservation(patientId: $p, input: $i) { id } }`,
      {
        p: patientId,
        i: {
          status: 'final',
          codeSystem: 'http://loinc.org',
          code: '2345-7',
          display: 'Glucose',
          value: 95,
          unit: 'mg/dL',
        },
      },
      token,
    );
    const received = (await event) as {
      data: {
        patientRecordChanged: {
          patientId: string;
          kind: string;
          changed: string[];
          patient: {
            id: string;
            observations: { nodes: { code: string; standardized: { loincCode: string | null } | null }[] };
          };
        };
      };
    };
    const change = received.data.patientRecordChanged;
    expect(change).toMatchObject({ patientId, kind: 'UPDATED', changed: ['observation'] });
    expect(change.patient.id).toBe(patientId);
    expect(change.patient.observations.nodes[0]?.code).toBe('2345-7');
    expect(change.patient.observations.nodes[0]?.standardized?.loincCode).toBe('2345-7');
  });

  it("refuses a subscription to another patient's record", async () => {
    const owner = await patientUser('live-owner');
    const other = await patientUser('live-other');
    const result = await firstEvent(live(other.token), owner.patientId);
    expect(JSON.stringify(result.errors)).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  it('closes the socket with 4403 when the subscriber signs out', async () => {
    const { token, patientId } = await patientUser('live-signout');
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: stack.gatewayUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      clients.push(client);
      client.subscribe(
        { query: SUBSCRIPTION, variables: { p: patientId } },
        { next: () => {}, error: () => {}, complete: () => {} },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await gql('mutation { logout }', {}, token);
    expect(await closed).toBe(4403);
  });
});
