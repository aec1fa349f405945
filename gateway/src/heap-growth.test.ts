import { setFlagsFromString } from 'node:v8';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { limitHeapGrowth } from './heap-growth';

vi.mock('node:v8', () => ({ setFlagsFromString: vi.fn() }));

describe('limitHeapGrowth', () => {
  beforeEach(() => vi.mocked(setFlagsFromString).mockClear());

  it('caps growth at 50% unless told otherwise', () => {
    limitHeapGrowth({});
    limitHeapGrowth({ GATEWAY_HEAP_GROWING_PERCENT: '120' });
    expect(vi.mocked(setFlagsFromString).mock.calls).toEqual([
      ['--heap-growing-percent=50'],
      ['--heap-growing-percent=120'],
    ]);
  });

  it('leaves V8 alone for 0 and for a bad value (the config check names it)', () => {
    for (const value of ['0', '-5', 'half', '1e9']) limitHeapGrowth({ GATEWAY_HEAP_GROWING_PERCENT: value });
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
