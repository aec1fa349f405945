import { composeServices } from '@apollo/composition';
import { graphqlRequest } from '@holovitals/testing';
import { parse } from 'graphql';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayOver, type GatewayHarness } from './gateway-harness';

const schemaDir = join(dirname(require.resolve('@holovitals/gateway/package.json')), '..', 'schema');
const PATIENT_QUERY = 'query P { myPatient { id } }';
let harness: GatewayHarness;
let supergraphPath: string;

beforeAll(async () => {
  supergraphPath = join(await mkdtemp(join(tmpdir(), 'hv-supergraph-')), 'supergraph.graphql');
  await copyFile(join(schemaDir, 'supergraph.graphql'), supergraphPath);
  harness = await startGatewayOver(supergraphPath);
});
afterAll(() => harness.stop());

async function identityOnlySupergraph(): Promise<string> {
  const typeDefs = parse(await readFile(join(schemaDir, 'subgraphs', 'identity.graphql'), 'utf8'));
  const result = composeServices([{ name: 'identity', url: 'http://127.0.0.1:4001/graphql', typeDefs }]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

describe('gateway: supergraph hot reload', () => {
  it('serves a new supergraph as soon as the file changes, without a restart', async () => {
    const before = await graphqlRequest(harness.gateway.url, PATIENT_QUERY);
    expect(before.body.errors?.[0]?.extensions?.code).not.toBe('GRAPHQL_VALIDATION_FAILED');

    await writeFile(supergraphPath, await identityOnlySupergraph());
    let after = before;
    for (
      let attempt = 0;
      attempt < 50 && after.body.errors?.[0]?.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED';
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await graphqlRequest(harness.gateway.url, PATIENT_QUERY);
    }
    expect(after.body.errors?.[0]?.message).toMatch(/myPatient/);
    expect((await graphqlRequest(harness.gateway.url, '{ me { id } }')).body).toEqual({ data: { me: null } });
  });

  it('keeps serving the last good supergraph when the file is broken', async () => {
    await writeFile(supergraphPath, 'this is not a schema');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await graphqlRequest(harness.gateway.url, '{ me { id } }')).body).toEqual({ data: { me: null } });
  });
});
