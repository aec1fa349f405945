import { describe, expect, it } from 'vitest';
import { BillingError } from '../billing-error';
import { decodeCursor, encodeCursor } from './invoice-page';

describe('invoice cursors', () => {
  it('round-trips the keyset position', () => {
    const position = {
      createdAt: new Date('2026-12-01T10:00:00.123Z'),
      id: '6f1c2b44-8a7e-4d0c-9c1e-0b8b8f5e2a10',
    };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses a cursor it did not make', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(BillingError);
    expect(() => decodeCursor(Buffer.from('2026-12-01|1; DROP TABLE').toString('base64url'))).toThrow(
      BillingError,
    );
  });
});
