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

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

async function recordGlucose(user: { token: string; patientId: string }): Promise<void> {
  await gql(
    `mutation C($p: ID!, $i: ObservationInput!) { createObservation(patientId: $p, input: $i) { id } }`,
    {
      p: user.patientId,
      i: {
        status: 'final',
        codeSystem: 'http://loinc.org',
        code: '2345-7',
        display: 'Glucose',
        value: 95,
        unit: 'mg/dL',
      },
    },
    user.token,
  );
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

  it('delivers to a consented clinician until the patient revokes; the next change ends the subscription with FORBIDDEN', async () => {
    const owner = await patientUser('live-consent');
    const clinicianToken = (
      await gql<{ login: { accessToken: string } }>(
        'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: 'clinician@demo.holovitals.local', p: stack.demoPassword },
      )
    ).login.accessToken;
    const { me } = await gql<{ me: { id: string } }>('{ me { id } }', {}, clinicianToken);
    const readCode = async (): Promise<string | undefined> => {
      const response = await graphqlRequest(
        stack.gatewayUrl,
        'query P($id: ID!) { patient(id: $id) { id } }',
        { id: owner.patientId },
        { token: clinicianToken },
      );
      return response.body.errors?.[0]?.extensions?.code as string | undefined;
    };
    // Compliance learns the new record from patient.created before it accepts a grant for it.
    const grant = await until(
      () =>
        graphqlRequest<{ grantConsent: { id: string } }>(
          stack.gatewayUrl,
          'mutation G($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
          { i: { granteeUserId: me.id, scope: ['READ_RECORD'], purpose: 'TREATMENT' } },
          { token: owner.token },
        ),
      (response) => response.body.errors === undefined,
    );
    expect(grant.body.errors).toBeUndefined();
    expect(await until(readCode, (code) => code === undefined)).toBeUndefined();

    const events: unknown[] = [];
    let failure: unknown;
    const stop = live(clinicianToken).subscribe(
      { query: SUBSCRIPTION, variables: { p: owner.patientId } },
      { next: (value) => events.push(value), error: (error) => (failure = error), complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await recordGlucose(owner);
    await until(
      async () => events.length,
      (count) => count >= 1 || failure !== undefined,
    );
    expect(failure).toBeUndefined();
    expect(events[0]).toMatchObject({
      data: { patientRecordChanged: { patientId: owner.patientId, changed: ['observation'] } },
    });

    await gql(
      'mutation R($id: ID!) { revokeConsent(id: $id) { id } }',
      { id: grant.body.data!.grantConsent.id },
      owner.token,
    );
    expect(await until(readCode, (code) => code === 'FORBIDDEN')).toBe('FORBIDDEN');
    await recordGlucose(owner);
    await until(
      async () => failure,
      (value) => value !== undefined,
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(failure)).toMatch(/FORBIDDEN/);
    stop();
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
