const dateFormatter = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** A date (no time) for clinical lists; "—" when unknown. */
export function dateText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateFormatter.format(date);
}

/** A measured value with its unit, trimmed to a sensible precision. */
export function quantityText(value: number | null | undefined, unit: string | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.abs(value) >= 100 ? Math.round(value * 10) / 10 : Math.round(value * 100) / 100;
  return unit ? `${rounded} ${unit}` : String(rounded);
}

/** A reference range as "low–high unit", or the half that is known. */
export function rangeText(
  low: number | null | undefined,
  high: number | null | undefined,
  unit?: string | null,
): string {
  const suffix = unit ? ` ${unit}` : '';
  if (low != null && high != null) return `${quantityText(low, null)}–${quantityText(high, null)}${suffix}`;
  if (low != null) return `≥ ${quantityText(low, null)}${suffix}`;
  if (high != null) return `≤ ${quantityText(high, null)}${suffix}`;
  return 'No reference range';
}

export function personName(given: string | null | undefined, family: string | null | undefined): string {
  return [given, family].filter(Boolean).join(' ') || 'Unnamed patient';
}

/** Synthea and FHIR write "Diabetes mellitus type 2 (disorder)"; the semantic tag is noise for people. */
export function conceptText(display: string | null | undefined): string {
  if (!display) return 'Unnamed entry';
  return display.replace(/\s*\((disorder|finding|procedure|situation|substance|qualifier value)\)$/i, '');
}
