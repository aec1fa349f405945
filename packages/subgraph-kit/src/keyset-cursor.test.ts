import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from './domain-error';
import { keysetCursor, parseKeysetCursor } from './keyset-cursor';

const at = new Date('2026-12-01T10:00:00.123Z');
const id = '6f1c2b44-8a7e-4d0c-9c1e-0b8b8f5e2a10';
const encoded = (text: string): string => Buffer.from(text).toString('base64url');

function refusal(cursor: string): unknown {
  try {
    parseKeysetCursor(cursor);
  } catch (error) {
    return error;
  }
  return null;
}

describe('keyset cursor', () => {
  it('round-trips a position through its opaque form', () => {
    expect(keysetCursor(at, id)).toBe(encoded(`2026-12-01T10:00:00.123Z|${id}`));
    expect(parseKeysetCursor(keysetCursor(at, id))).toEqual({ at, id });
  });

  it('still reads the JSON form ehr and documents handed out', () => {
    expect(parseKeysetCursor(encoded(JSON.stringify([at.toISOString(), id])))).toEqual({ at, id });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['an empty cursor', ''],
    ['a non-uuid id', encoded('2026-12-01T10:00:00.123Z|1; DROP TABLE invoice')],
    ['a date that is not a time', encoded(`yesterday|${id}`)],
    ['a time in another form than ours', encoded(`2026-12-01|${id}`)],
    ['a third part', encoded(`2026-12-01T10:00:00.123Z|${id}|x`)],
    ['a missing id', encoded('2026-12-01T10:00:00.123Z')],
    ['JSON of another shape', encoded(JSON.stringify({ at: at.toISOString(), id }))],
    ['broken JSON', encoded(`["2026-12-01T10:00:00.123Z","${id}"`)],
    ['JSON with a number for the id', encoded(JSON.stringify([at.toISOString(), 7]))],
  ])('refuses %s as BAD_USER_INPUT on after', (_name, cursor) => {
    const error = refusal(cursor);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      details: { reason: 'INVALID_CURSOR', field: 'after' },
    });
  });
});
