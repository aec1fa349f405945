import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@holovitals/subgraph-kit';
import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateTerminologyCache } from '../src/cache/terminology-cache';
import { readLoincTable } from '../src/importers/loinc-table';
import { importTerminology } from '../src/importers/terminology-import-run';
import { standardsSubgraph } from '../src/subgraph';
import { CodeSystem } from '../src/vocabulary/code-system';

const prefix = `test:standards-invalidation:${randomBytes(4).toString('hex')}:`;
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const folder = mkdtempSync(join(tmpdir(), 'standards-invalidation-'));
let issuer: TestIssuer;
let sg: TestSubgraph;
let token: string;

/** A LOINC table in the release layout; the rows are illustrative, not copied from the licensed release. */
function loincTable(name: string, glucoseDisplay: string): string {
  const file = join(folder, name);
  writeFileSync(
    file,
    [
      '"LOINC_NUM","COMPONENT","PROPERTY","TIME_ASPCT","SYSTEM","SCALE_TYP","METHOD_TYP","CLASS","STATUS","SHORTNAME","LONG_COMMON_NAME","EXAMPLE_UCUM_UNITS"',
      `"2339-0","Glucose","MCnc","Pt","Bld","Qn","","CHEM","ACTIVE","Glucose Bld-mCnc","${glucoseDisplay}","mg/dL"`,
    ].join('\n'),
  );
  return file;
}

async function glucose(): Promise<{ display: string; searched: string | undefined }> {
  const response = await sg.graphql<{
    code: { display: string };
    searchCodes: { concept: { code: string; display: string } }[];
  }>(
    `{ code(system: LOINC, code: "2339-0") { display }
       searchCodes(system: LOINC, text: "2339-0") { concept { code display } } }`,
    {},
    { token },
  );
  expect(response.body.errors).toBeUndefined();
  return {
    display: response.body.data!.code.display,
    searched: response.body.data!.searchCodes.find((match) => match.concept.code === '2339-0')?.concept
      .display,
  };
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  sg = await startTestSubgraph(standardsSubgraph, {
    issuer,
    env: { STANDARDS_CACHE_PREFIX: prefix, EVENTS_ENABLED: 'false' },
  });
  token = await issuer.token({ sub: 'clinician-1', roles: [Role.CLINICIAN] });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await sg.stop();
  await issuer.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('standards cache after a terminology import', () => {
  it('serves cached lookups until an import, and the imported concept right after it', async () => {
    expect(await glucose()).toEqual({ display: 'Glucose', searched: 'Glucose' });

    // Without invalidation the cached answers would outlive the import by up to 24 h.
    await importTerminology({
      dataSource: sg.dataSource,
      system: CodeSystem.LOINC,
      file: loincTable('Loinc-a.csv', 'Glucose [Mass/volume] in Blood'),
      read: readLoincTable,
    });
    expect(await glucose()).toEqual({ display: 'Glucose', searched: 'Glucose' });

    const result = await importTerminology({
      dataSource: sg.dataSource,
      system: CodeSystem.LOINC,
      file: loincTable('Loinc-b.csv', 'Glucose [Mass/volume] in Blood (release B)'),
      read: readLoincTable,
      invalidateCache: () => invalidateTerminologyCache(redis, prefix),
    });
    expect(result.conceptsWritten).toBe(1);
    expect(await redis.get(`${prefix}generation`)).toBe('1');
    const fresh = 'Glucose [Mass/volume] in Blood (release B)';
    expect(await glucose()).toEqual({ display: fresh, searched: fresh });
  });

  it('invalidates after a run that committed batches and then failed', async () => {
    let invalidations = 0;
    const failing = importTerminology({
      dataSource: sg.dataSource,
      system: CodeSystem.LOINC,
      file: loincTable('Loinc-c.csv', 'Glucose, release C'),
      batchSize: 1,
      read: async function* (file) {
        yield* readLoincTable(file);
        throw new Error('truncated release file');
      },
      invalidateCache: async () => {
        invalidations += 1;
      },
    });
    await expect(failing).rejects.toThrow('truncated release file');
    expect(invalidations).toBe(1);
  });
});
