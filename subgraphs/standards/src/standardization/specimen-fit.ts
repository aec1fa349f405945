import type { LoincProperties } from '../vocabulary/concept-record';
import type { NamedSpecimen } from './lab-name';

/**
 * How well a concept's LOINC system fits the specimen a name states: -1 never (a urine test for a name
 * saying serum, or the reverse), 2 the named specimen (serum/plasma when none is named, as on most lab
 * reports), 1 another blood specimen, 0 anything else.
 */
export function specimenFit(named: NamedSpecimen, properties: LoincProperties): number {
  const system = properties.system ?? '';
  const urine = /urine/i.test(system);
  const serumPlasma = /ser|plas|ppp/i.test(system);
  const blood = /bld|rbc/i.test(system);
  if (named === 'urine') return urine ? 2 : -1;
  if (urine) return named === null ? 0 : -1;
  if (named === 'blood') return blood ? 2 : serumPlasma ? 1 : 0;
  return serumPlasma ? 2 : blood ? 1 : 0;
}
