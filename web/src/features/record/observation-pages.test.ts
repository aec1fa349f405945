import { describe, expect, it } from 'vitest';
import { appendObservations } from './observation-pages';

const page = (ids: string[], hasNextPage: boolean, endCursor: string | null) => ({
  patient: {
    id: 'p1',
    observations: { nodes: ids.map((id) => ({ id })), pageInfo: { hasNextPage, endCursor } },
  },
});

describe('appendObservations', () => {
  it('keeps loaded nodes first and takes the new page info', () => {
    const merged = appendObservations(page(['a', 'b'], true, 'c2'), page(['c'], false, 'c3'));
    expect(merged.patient.observations.nodes.map((node) => node.id)).toEqual(['a', 'b', 'c']);
    expect(merged.patient.observations.pageInfo).toEqual({ hasNextPage: false, endCursor: 'c3' });
  });
});
