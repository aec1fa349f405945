import { describe, expect, it } from 'vitest';
import { defaultSubgraphPort } from './subgraph-port';

describe('a subgraph’s default port', () => {
  it('comes from its service-registry entry', () => {
    expect(defaultSubgraphPort({ name: 'identity' })).toBe(4001);
    expect(defaultSubgraphPort({ name: 'standards' })).toBe(4003);
  });

  it('is refused, with the registry file named, for a subgraph the registry does not list', () => {
    expect(() => defaultSubgraphPort({ name: 'unlisted' })).toThrow(
      /unlisted has no entry in packages\/service-registry/,
    );
    expect(defaultSubgraphPort({ name: 'unlisted', defaultPort: 4999 })).toBe(4999);
  });
});
