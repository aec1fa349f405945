import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysetCursor, keysetPage } from '../src/keyset-cursor';

interface Row {
  id: string;
  at: Date;
}

// One connection, so the temporary table lives for the whole file and needs no database of its own.
const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  extra: { max: 1 },
});

async function pageThrough(order: 'ASC' | 'DESC', first: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  // A cursor that does not move on would page forever; more pages than rows already says it is wrong.
  for (let page = 0; page < 10; page += 1) {
    const query = dataSource
      .createQueryBuilder()
      .select(['r.id AS id', 'r.at AS at'])
      .from('keyset_row', 'r');
    const rows: Row[] = await keysetPage(query, { at: 'r.at', id: 'r.id' }, order, first, after).getRawMany();
    seen.push(...rows.slice(0, first).map((row) => row.id));
    const last = rows[first - 1];
    if (rows.length <= first || !last) return seen;
    after = keysetCursor(last.at, last.id);
  }
  return seen;
}

describe('keysetPage against PostgreSQL', () => {
  const ids = Array.from({ length: 7 }, () => randomUUID());

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query(
      'CREATE TEMPORARY TABLE keyset_row (id uuid PRIMARY KEY, at timestamptz NOT NULL)',
    );
    // Five rows share one microsecond-precise now(), one is 0.3 ms later (the same millisecond), one a day older.
    await dataSource.query(
      `INSERT INTO keyset_row (id, at)
       SELECT id, CASE WHEN n = 6 THEN now() + interval '300 microseconds'
                       WHEN n = 7 THEN now() - interval '1 day' ELSE now() END
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [ids],
    );
  });

  afterAll(() => dataSource.destroy());

  it('pages newest first through rows tied on their time, by id, without skipping or repeating one', async () => {
    const rows: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM keyset_row ORDER BY date_trunc('milliseconds', at) DESC, id DESC`,
    );
    const expected = rows.map((row) => row.id);
    expect(expected.at(-1)).toBe(ids[6]);
    for (const first of [1, 2, 3]) expect(await pageThrough('DESC', first)).toEqual(expected);
  });

  it('pages oldest first the same way', async () => {
    const expected = (await pageThrough('DESC', 7)).reverse();
    for (const first of [1, 4]) expect(await pageThrough('ASC', first)).toEqual(expected);
  });

  it('refuses a forged cursor before it reaches SQL', () => {
    const query = dataSource.createQueryBuilder().select('r.id').from('keyset_row', 'r');
    expect(() => keysetPage(query, { at: 'r.at', id: 'r.id' }, 'DESC', 1, 'garbage')).toThrow(
      'after is not a cursor this list returned.',
    );
  });
});
