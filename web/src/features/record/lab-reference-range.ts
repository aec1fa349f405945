import { rangeText } from '../../format/clinical-text';

interface LabWithRange {
  unit?: string | null;
  referenceLow?: number | null;
  referenceHigh?: number | null;
  standardized?: {
    /** unit as people write it (10³/µL rather than 10*3/uL). */
    unitDisplay?: string | null;
    normalizedUnit?: string | null;
    normalizedUnitDisplay?: string | null;
    normalizedReferenceLow?: number | null;
    normalizedReferenceHigh?: number | null;
  } | null;
}

/**
 * The range a flag was judged against: the lab's own when it sent one, else the typical range the standards
 * service knows for the LOINC concept (labelled so, since it is not the lab's).
 */
export function labReferenceRange(lab: LabWithRange): string {
  if (lab.referenceLow != null || lab.referenceHigh != null) {
    return rangeText(lab.referenceLow, lab.referenceHigh, lab.standardized?.unitDisplay ?? lab.unit);
  }
  const standardized = lab.standardized;
  if (standardized?.normalizedReferenceLow != null || standardized?.normalizedReferenceHigh != null) {
    const range = rangeText(
      standardized.normalizedReferenceLow,
      standardized.normalizedReferenceHigh,
      standardized.normalizedUnitDisplay ?? standardized.normalizedUnit,
    );
    return `${range} (typical)`;
  }
  return 'No reference range';
}
