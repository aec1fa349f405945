import { ucum } from './ucum';
import { clinicalUnitAlias } from './unit-aliases';
import { checkedUnitText } from './unit-text';

export interface UnitSuggestion {
  code: string;
  name: string;
}

export interface UnitValidationResult {
  valid: boolean;
  /** The UCUM code as given when valid; null otherwise. */
  ucumCode: string | null;
  /** Why the unit is not valid UCUM; null when valid. */
  reason: string | null;
  suggestions: UnitSuggestion[];
  /** Human-readable name of the unit (e.g. "milligram per deciliter"); null when invalid. */
  display: string | null;
}

const MAX_SUGGESTIONS = 5;

function suggestionsFrom(
  unit: string,
  validation: ReturnType<typeof ucum.validateUnitString>,
): UnitSuggestion[] {
  const found: UnitSuggestion[] = [];
  const alias = clinicalUnitAlias(unit);
  if (alias) found.push({ code: alias, name: ucum.validateUnitString(alias).unit?.name ?? alias });
  if (validation.ucumCode && validation.unit)
    found.push({ code: validation.ucumCode, name: validation.unit.name });
  for (const group of validation.suggestions ?? []) {
    for (const [code, name] of group.units) found.push({ code, name });
  }
  const unique = new Map(found.map((suggestion) => [suggestion.code, suggestion]));
  return [...unique.values()].slice(0, MAX_SUGGESTIONS);
}

/**
 * Whether the text is a valid UCUM expression, with a reason and suggestions when it is not.
 * Throws BAD_USER_INPUT only for text that cannot be a unit at all (empty, over-long, control characters).
 */
export function validateUnit(unit: string): UnitValidationResult {
  const text = checkedUnitText(unit);
  const validation = ucum.validateUnitString(text, true);
  if (validation.status === 'valid') {
    return {
      valid: true,
      ucumCode: text,
      reason: null,
      suggestions: [],
      display: validation.unit?.name ?? text,
    };
  }
  const reason =
    [...validation.msg, ...(validation.suggestions ?? []).map((group) => group.msg)]
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim() || `${text} is not a valid UCUM unit.`;
  return {
    valid: false,
    ucumCode: null,
    reason,
    suggestions: suggestionsFrom(text, validation),
    display: null,
  };
}
