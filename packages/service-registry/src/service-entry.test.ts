import { describe, expect, it } from 'vitest';
import {
  defineRegistry,
  extendRegistry,
  RegistryError,
  subgraphsWithoutPhi,
  type ServiceEntry,
} from './service-entry';
import { defaultSubgraphUrls, portEnvVar, resolvePort } from './service-env';
import { SERVICE_REGISTRY } from './services';

const throwaway: ServiceEntry = {
  name: 'throwaway',
  kind: 'subgraph',
  port: 4999,
  healthPath: '/ready',
  package: '@holovitals/throwaway',
  entry: 'subgraphs/throwaway/dist/main.js',
  database: 'throwaway',
};

describe('service registry', () => {
  it('lists the public ports of the subgraphs, the gateway and web', () => {
    expect(SERVICE_REGISTRY.map((entry) => [entry.name, entry.port])).toEqual(
      expect.arrayContaining([
        ['identity', 4001],
        ['patient', 4002],
        ['standards', 4003],
        ['gateway', 4000],
        ['web', 3000],
      ]),
    );
  });

  it('rejects a second entry with a taken name or port, and a subgraph or worker without a database', () => {
    expect(() => extendRegistry(SERVICE_REGISTRY, { ...throwaway, name: 'patient' })).toThrow(
      /"patient" is listed twice/,
    );
    expect(() => extendRegistry(SERVICE_REGISTRY, { ...throwaway, port: 4001 })).toThrow(
      /"throwaway" and "identity" both use port 4001/,
    );
    expect(() => defineRegistry([{ ...throwaway, kind: 'worker', database: null }])).toThrow(RegistryError);
  });

  it('gives an added subgraph a port override and a default gateway routing URL', () => {
    const registry = extendRegistry(SERVICE_REGISTRY, throwaway);
    expect(defaultSubgraphUrls(registry)).toMatchObject({
      identity: 'http://127.0.0.1:4001/graphql',
      throwaway: 'http://127.0.0.1:4999/graphql',
    });
    expect(portEnvVar('throwaway')).toBe('THROWAWAY_PORT');
    expect(resolvePort(throwaway, { THROWAWAY_PORT: '5123' })).toBe(5123);
    expect(resolvePort(throwaway, {})).toBe(4999);
    expect(() => resolvePort(throwaway, { THROWAWAY_PORT: 'abc' })).toThrow(/THROWAWAY_PORT/);
  });

  it('counts a subgraph as holding PHI unless it says otherwise, and lets only subgraphs say', () => {
    expect(subgraphsWithoutPhi(SERVICE_REGISTRY)).toEqual(['standards']);
    expect(subgraphsWithoutPhi(extendRegistry(SERVICE_REGISTRY, throwaway))).toEqual(['standards']);
    expect(subgraphsWithoutPhi(extendRegistry(SERVICE_REGISTRY, { ...throwaway, holdsPhi: false }))).toEqual([
      'standards',
      'throwaway',
    ]);
    expect(() => defineRegistry([{ ...throwaway, kind: 'auxiliary', holdsPhi: false }])).toThrow(
      /only a subgraph says whether it holds PHI/,
    );
  });
});
