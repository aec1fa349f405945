import { freePort } from '@holovitals/testing';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { ensureDatabase, startEmbeddedPostgres } from '../src/postgres';

describe('embedded PostgreSQL (npm start on a machine without PostgreSQL)', () => {
  it('initialises, serves the per-subgraph databases, and restarts on the same data', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'hv-embedded-pg-')), 'postgres');
    const port = await freePort();
    const first = await startEmbeddedPostgres(dataDir, port);
    try {
      const databaseUrl = await ensureDatabase(first.url, 'holovitals_identity');
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('CREATE TABLE kept (value text)');
      await client.query("INSERT INTO kept VALUES ('still here')");
      await client.end();
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(dataDir, port);
    try {
      const client = new Client({
        connectionString: await ensureDatabase(second.url, 'holovitals_identity'),
      });
      await client.connect();
      const { rows } = await client.query<{ value: string }>('SELECT value FROM kept');
      await client.end();
      expect(rows).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
