import { describe, expect, it } from 'vitest';
import type { BundleResourceEntry } from './bundle-entries';
import {
  parseConditionalReference,
  resolveBundleReferences,
  unresolvedConditionalReferences,
} from './bundle-references';

const practitioner: BundleResourceEntry = {
  index: 0,
  fullUrl: 'urn:uuid:6d705d81-8546-43b2-b336-31a282128f2d',
  resource: {
    resourceType: 'Practitioner',
    id: 'pr1',
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '160' }],
  },
};

function encounter(index: number, reference: string): BundleResourceEntry {
  return {
    index,
    fullUrl: null,
    resource: {
      resourceType: 'Encounter',
      id: `e${index}`,
      status: 'finished',
      class: {},
      participant: [{ individual: { reference } }],
    },
  };
}

function participantOf(entry: BundleResourceEntry): string | undefined {
  return (entry.resource as { participant: { individual: { reference: string } }[] }).participant[0]
    .individual.reference;
}

describe('parseConditionalReference', () => {
  it('splits system and value and decodes them', () => {
    expect(
      parseConditionalReference('Practitioner?identifier=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Fus-npi%7C160'),
    ).toEqual({
      resourceType: 'Practitioner',
      system: 'http://hl7.org/fhir/sid/us-npi',
      value: '160',
    });
    expect(parseConditionalReference('Practitioner/123')).toBeNull();
  });
});

describe('resolveBundleReferences', () => {
  it('rewrites urn:uuid and conditional references to Type/id', () => {
    const { resolved, errors } = resolveBundleReferences(
      [
        practitioner,
        encounter(1, 'urn:uuid:6d705d81-8546-43b2-b336-31a282128f2d'),
        encounter(2, 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|160'),
        encounter(3, 'Practitioner?identifier=160'),
      ],
      new Map(),
    );
    expect(errors).toEqual([]);
    expect(resolved.slice(1).map(participantOf)).toEqual([
      'Practitioner/pr1',
      'Practitioner/pr1',
      'Practitioner/pr1',
    ]);
  });

  it('resolves conditional references against stored resources when the bundle lacks the target', () => {
    const entries = [encounter(0, 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999')];
    expect(unresolvedConditionalReferences(entries)).toEqual([
      { resourceType: 'Practitioner', system: 'http://hl7.org/fhir/sid/us-npi', value: '999' },
    ]);
    const { resolved } = resolveBundleReferences(
      entries,
      new Map([['Practitioner|http://hl7.org/fhir/sid/us-npi|999', 'Practitioner/stored']]),
    );
    expect(participantOf(resolved[0])).toBe('Practitioner/stored');
  });

  it('reports broken and ambiguous references per entry and keeps the entry out', () => {
    const twin: BundleResourceEntry = {
      ...practitioner,
      index: 1,
      fullUrl: null,
      resource: { ...practitioner.resource, id: 'pr2' },
    };
    const { resolved, errors } = resolveBundleReferences(
      [
        practitioner,
        twin,
        encounter(2, 'urn:uuid:00000000-0000-0000-0000-000000000000'),
        encounter(3, 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|160'),
        encounter(4, 'Practitioner?name=Smith'),
        encounter(5, 'Practitioner/elsewhere'),
      ],
      new Map(),
    );
    expect(errors.map((e) => [e.index, e.reason])).toEqual([
      [2, 'reference urn:uuid:00000000-0000-0000-0000-000000000000 matches no entry of the bundle'],
      [
        3,
        'conditional reference Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|160 matches 2 resources',
      ],
      [4, 'conditional reference Practitioner?name=Smith is not of the form Type?identifier=system|value'],
    ]);
    expect(resolved.map((e) => e.index)).toEqual([0, 1, 5]);
    expect(participantOf(resolved[2])).toBe('Practitioner/elsewhere');
  });
});

describe('hostile input', () => {
  it('reports a malformed percent escape in a conditional reference as an entry error, not a crash', () => {
    expect(parseConditionalReference('Practitioner?identifier=%E0%A4%A')).toBeNull();
    const { resolved, errors } = resolveBundleReferences(
      [practitioner, encounter(1, 'Practitioner?identifier=http://x|%zz')],
      new Map(),
    );
    expect(resolved.map((e) => e.index)).toEqual([0]);
    expect(errors).toEqual([expect.objectContaining({ index: 1, fhirId: 'e1' })]);
    expect(unresolvedConditionalReferences([encounter(2, 'Practitioner?identifier=%')])).toEqual([]);
  });

  it('drops __proto__, constructor and prototype keys at every depth', () => {
    const hostile = JSON.parse(
      '{"resourceType":"Encounter","id":"e9","status":"finished","class":{},"__proto__":{"polluted":true},' +
        '"constructor":{"prototype":{"polluted":true}},"participant":[{"prototype":1,"individual":{"__proto__":{"x":1},' +
        '"reference":"Practitioner/pr1"}}]}',
    ) as BundleResourceEntry['resource'];
    const { resolved } = resolveBundleReferences([{ index: 0, fullUrl: null, resource: hostile }], new Map());
    const stored = resolved[0].resource as unknown as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(stored))).toEqual({
      resourceType: 'Encounter',
      id: 'e9',
      status: 'finished',
      class: {},
      participant: [{ individual: { reference: 'Practitioner/pr1' } }],
    });
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.hasOwn(stored, 'constructor')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
