import { describe, expect, it } from 'vitest';
import { toConnection } from './relay-connection';

describe('toConnection', () => {
  const cursorOf = (row: { id: string }): string => `c-${row.id}`;

  it('cuts the extra row and says another page follows, ending at the last kept cursor', () => {
    const page = toConnection([{ id: '1' }, { id: '2' }, { id: '3' }], 2, cursorOf);
    expect(page.nodes.map((node) => node.id)).toEqual(['1', '2']);
    expect(page.edges.map((edge) => edge.cursor)).toEqual(['c-1', 'c-2']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c-2' });
  });

  it('says an empty list is the last page and has no cursor', () => {
    expect(toConnection([], 5, cursorOf).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
