import type { LabConcept, LabConceptMatch } from './lab-result';

/**
 * Name matches below this confidence give no code: a wrong LOINC puts the result under another test's range,
 * chart and export, which is worse than none. Exact names (0.9–0.95), the same words reordered or respelled
 * (0.88), one-letter typos in long words (0.8) and word overlaps of at least 75 % (≥ 0.7) pass; partial
 * full-text or trigram search matches (≤ 0.6) do not.
 */
export const MIN_NAME_CONFIDENCE = 0.7;

/**
 * Candidates this close to the best are equally good names (the LOINC display at 0.95 and a synonym at 0.9 of
 * another concept); among them the specimen decides.
 */
const SAME_TIER = 0.05;

export interface ConceptChoice {
  concept: LabConcept | null;
  confidence: number;
  reason: string;
}

/** Whether the result's unit converts to the concept's canonical unit; null when there is nothing to check. */
export type UnitFit = (concept: LabConcept) => boolean | null;

function describe(match: LabConceptMatch): string {
  const unit = match.concept.properties.exampleUcumUnit;
  return `${match.concept.code} (${match.concept.properties.shortName ?? match.concept.display}${unit ? `, ${unit}` : ''})`;
}

/** Concepts that differ only by method: the one without a method is the generic test and never wrong. */
function generic(tied: readonly LabConceptMatch[]): LabConceptMatch | null {
  const [first] = tied;
  if (!first) return null;
  const axes = (match: LabConceptMatch): string => {
    const { component, property, system, scale } = match.concept.properties;
    return [component, property, system, scale].join('|');
  };
  if (!tied.every((match) => axes(match) === axes(first))) return null;
  const methodless = tied.filter((match) => !match.concept.properties.method);
  return methodless.length === 1 ? methodless[0]! : null;
}

/**
 * Picks the concept a named result means, or none with the reason: candidates below MIN_NAME_CONFIDENCE and
 * those whose unit the result's unit cannot be converted to are dropped; among the best remaining (within
 * SAME_TIER), the one whose specimen fits the name best, then the most confident; if two different tests still tie (RDW without a unit: RDW-CV in % or
 * RDW-SD in fL), none.
 */
export function chooseConcept(
  candidates: readonly LabConceptMatch[],
  unitFit: UnitFit,
  unitText: string | null,
): ConceptChoice {
  const none = (reason: string): ConceptChoice => ({ concept: null, confidence: 0, reason });
  if (candidates.length === 0) return none('no LOINC concept matches the name');
  const confident = candidates.filter((match) => match.confidence >= MIN_NAME_CONFIDENCE);
  if (confident.length === 0) {
    const best = candidates[0]!;
    return none(
      `below the confidence threshold: the closest concept, ${describe(best)}, scores ${best.confidence} < ${MIN_NAME_CONFIDENCE} (${best.reason})`,
    );
  }
  const fitting = confident.filter((match) => unitFit(match.concept) !== false);
  if (fitting.length === 0) {
    return none(
      `unit "${unitText ?? ''}" cannot be converted to the unit of any concept the name matches: ${confident.map(describe).join(', ')}`,
    );
  }
  const top = Math.max(...fitting.map((match) => match.confidence));
  const tier = fitting.filter((match) => match.confidence >= top - SAME_TIER - 1e-9);
  const fit = Math.max(...tier.map((match) => match.specimenFit));
  const bySpecimen = tier.filter((match) => match.specimenFit === fit);
  const best = Math.max(...bySpecimen.map((match) => match.confidence));
  const tied = bySpecimen.filter((match) => match.confidence === best);
  const chosen = tied.length === 1 ? tied[0]! : generic(tied);
  if (!chosen) {
    return none(
      `ambiguous: the name fits ${tied.map(describe).join(' and ')} equally; a unit or a more specific name (direct, calculated, CV, SD…) tells them apart`,
    );
  }
  const checked = unitFit(chosen.concept) === true ? '; unit checked' : '';
  return { concept: chosen.concept, confidence: chosen.confidence, reason: `${chosen.reason}${checked}` };
}
