import { ConverterCache } from '../units/converter-cache';
import { ucum } from '../units/ucum';
import { clinicalUnitAlias } from '../units/unit-aliases';
import { CodeSystem, parseCodeSystem } from '../vocabulary/code-system';
import type { LoincProperties, ReferenceInterval } from '../vocabulary/concept-record';
import { chooseConcept } from './concept-choice';
import { checkLabInputs } from './lab-input-check';
import { normalizeLabName } from './lab-name';
import type {
  LabConcept,
  LabConceptMatch,
  LabConceptResolver,
  LabResultInput,
  StandardizedLabResult,
} from './lab-result';
import { referenceFlag } from './reference-flag';
import {
  LAB_REFERENCE_RANGE,
  TYPICAL_ADULT_INTERVAL,
  typicalIntervalWarning,
} from './reference-range-source';

interface ReadUnit {
  unit: string | null;
  warning: string | null;
}

/** A concept's typical interval in its canonical unit, or (limits undefined) why it cannot be used. */
type TypicalRange =
  { low: number | null; high: number | null; warning: string } | { low?: undefined; warning: string };

const UNIT_MEMO_LIMIT = 10_000;

/**
 * Turns lab results from any source into LOINC + UCUM. A batch resolves each distinct code and name once and
 * reuses one converter per unit pair, so its cost grows with the number of distinct tests, not of results.
 */
export class LabStandardizer {
  private readonly converters = new ConverterCache();
  private readonly units = new Map<string, ReadUnit>();
  /** Keyed by the concept's properties object, so entries go when the concepts of a batch do. */
  private readonly typicalRanges = new WeakMap<LoincProperties, TypicalRange>();

  constructor(private readonly concepts: LabConceptResolver) {}

  async standardize(inputs: readonly LabResultInput[]): Promise<StandardizedLabResult[]> {
    checkLabInputs(inputs);
    const loincCodes = new Set<string>();
    for (const input of inputs) {
      const code = loincCodeOf(input);
      if (code) loincCodes.add(code);
    }
    const byCode =
      loincCodes.size > 0 ? await this.concepts.byCodes([...loincCodes]) : new Map<string, LabConcept>();
    const names = new Set<string>();
    for (const input of inputs) {
      const code = loincCodeOf(input);
      if (code && byCode.has(code)) continue;
      const name = normalizeLabName(input.name ?? '');
      if (name !== '') names.add(name);
    }
    const byName =
      names.size > 0 ? await this.concepts.byNames([...names]) : new Map<string, LabConceptMatch[]>();
    return inputs.map((input) => this.standardizeOne(input, byCode, byName));
  }

  private standardizeOne(
    input: LabResultInput,
    byCode: Map<string, LabConcept>,
    byName: Map<string, LabConceptMatch[]>,
  ): StandardizedLabResult {
    const warnings: string[] = [];
    const read = this.readUnit(input.unit ?? null);
    const match = this.conceptFor(input, byCode, byName, read.unit, warnings);
    const value = input.value ?? null;
    const low = input.referenceLow ?? null;
    const high = input.referenceHigh ?? null;
    const labRange = low !== null || high !== null;
    if (low !== null && high !== null && low > high)
      warnings.push('referenceLow is above referenceHigh; no flag given.');
    if (read.warning) warnings.push(read.warning);
    const result: StandardizedLabResult = {
      concept: match.concept,
      confidence: match.confidence,
      matchReason: match.reason,
      value,
      unit: read.unit,
      normalizedValue: null,
      normalizedUnit: null,
      normalizedReferenceLow: null,
      normalizedReferenceHigh: null,
      referenceRangeSource: labRange ? LAB_REFERENCE_RANGE : null,
      flag: referenceFlag(value, low, high),
      warnings,
    };
    const canonical = match.concept?.properties.exampleUcumUnit ?? null;
    if (value === null || canonical === null) return result;
    if (read.unit === null) {
      warnings.push(`No usable unit; the value was not normalized to ${canonical}.`);
      return result;
    }
    const conversion = this.converters.get(
      read.unit,
      canonical,
      match.concept?.properties.molecularWeight ?? null,
    );
    if (!conversion.ok) {
      warnings.push(`Not normalized to ${canonical}: ${conversion.reason}`);
      return result;
    }
    result.normalizedValue = conversion.convert(value);
    result.normalizedUnit = canonical;
    result.normalizedReferenceLow = low === null ? null : conversion.convert(low);
    result.normalizedReferenceHigh = high === null ? null : conversion.convert(high);
    if (!labRange) this.flagByTypicalInterval(result, match.concept, canonical);
    return result;
  }

  /**
   * Results without a range (Synthea, many uploads) are flagged against the concept's generic adult interval,
   * compared in the canonical unit; the result says so in referenceRangeSource and a warning.
   */
  private flagByTypicalInterval(
    result: StandardizedLabResult,
    concept: LabConcept | null,
    canonical: string,
  ): void {
    if (!concept?.properties.referenceInterval || result.normalizedValue === null) return;
    const range = this.typicalRange(concept.properties, concept.properties.referenceInterval, canonical);
    if (range.low === undefined) {
      result.warnings.push(range.warning);
      return;
    }
    result.normalizedReferenceLow = range.low;
    result.normalizedReferenceHigh = range.high;
    result.referenceRangeSource = TYPICAL_ADULT_INTERVAL;
    result.flag = referenceFlag(result.normalizedValue, range.low, range.high);
    result.warnings.push(range.warning);
  }

  /** The interval in the canonical unit and its warning, worked out once per concept (a batch repeats codes). */
  private typicalRange(
    properties: LoincProperties,
    interval: ReferenceInterval,
    canonical: string,
  ): TypicalRange {
    const known = this.typicalRanges.get(properties);
    if (known) return known;
    let range: TypicalRange;
    const conversion =
      interval.unit === canonical
        ? { ok: true as const, convert: (limit: number): number => limit }
        : this.converters.get(interval.unit, canonical, properties.molecularWeight ?? null);
    if (conversion.ok) {
      const low = interval.low === null ? null : conversion.convert(interval.low);
      const high = interval.high === null ? null : conversion.convert(interval.high);
      range = { low, high, warning: typicalIntervalWarning(interval, low, high, canonical) };
    } else {
      range = { warning: `The typical interval was not used: ${conversion.reason}` };
    }
    this.typicalRanges.set(properties, range);
    return range;
  }

  /**
   * A known LOINC code wins (confidence 1); otherwise the name's candidates, of which a concept whose canonical
   * unit the result's unit cannot be converted to is never chosen.
   */
  private conceptFor(
    input: LabResultInput,
    byCode: Map<string, LabConcept>,
    byName: Map<string, LabConceptMatch[]>,
    unit: string | null,
    warnings: string[],
  ): { concept: LabConcept | null; confidence: number; reason: string } {
    const code = loincCodeOf(input);
    if (code) {
      const concept = byCode.get(code);
      if (concept) return { concept, confidence: 1, reason: `LOINC code ${code} given` };
      warnings.push(`LOINC code ${code} is not in the vocabulary.`);
    } else if (input.code?.trim()) {
      warnings.push(
        `Code ${input.code.trim()} is not LOINC (${input.system ?? 'no system'}); matched by name instead.`,
      );
    }
    const name = normalizeLabName(input.name ?? '');
    if (name === '') return { concept: null, confidence: 0, reason: 'no LOINC code or name to match' };
    return chooseConcept(
      byName.get(name) ?? [],
      (concept) => this.unitFits(unit, input.unit?.trim() || null, concept),
      input.unit?.trim() || null,
    );
  }

  /**
   * Null when there is nothing to check (no unit given, or a concept without a unit); false for a unit given but
   * not readable as UCUM (it could be anything, so it vouches for no concept); otherwise whether the value could
   * be normalized to the concept's unit.
   */
  private unitFits(unit: string | null, given: string | null, concept: LabConcept): boolean | null {
    const canonical = concept.properties.exampleUcumUnit;
    if (!canonical || given === null) return null;
    if (unit === null) return false;
    return this.converters.get(unit, canonical, concept.properties.molecularWeight ?? null).ok;
  }

  /** Reads a unit as UCUM, accepting the usual clinical spellings with a warning. */
  private readUnit(unit: string | null): ReadUnit {
    const text = unit?.trim() ?? '';
    if (text === '') return { unit: null, warning: null };
    const memo = this.units.get(text);
    if (memo) return memo;
    let read: ReadUnit;
    const alias = clinicalUnitAlias(text);
    if (alias !== null && alias !== text) {
      read = { unit: alias, warning: `Unit "${text}" read as UCUM "${alias}".` };
    } else {
      const validation = ucum.validateUnitString(text);
      read =
        validation.status === 'valid'
          ? { unit: text, warning: null }
          : { unit: null, warning: `Unit "${text}" is not valid UCUM: ${validation.msg.join(' ').trim()}` };
    }
    if (this.units.size >= UNIT_MEMO_LIMIT) this.units.clear();
    this.units.set(text, read);
    return read;
  }
}

function loincCodeOf(input: LabResultInput): string | null {
  const code = input.code?.trim() ?? '';
  if (code === '') return null;
  const system = input.system?.trim() ? parseCodeSystem(input.system) : CodeSystem.LOINC;
  return system === CodeSystem.LOINC ? code : null;
}
