import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { ReferenceFlag } from '../../standardization/lab-result';

registerEnumType(ReferenceFlag, {
  name: 'ReferenceFlag',
  description: 'Where the value lies relative to the reference range.',
  valuesConfig: {
    H: { description: 'Above the upper limit.' },
    L: { description: 'Below the lower limit.' },
    N: { description: 'Within the range.' },
  },
});

@ObjectType({ description: 'A lab result mapped to LOINC and UCUM.' })
export class StandardizedLabResult {
  @Field(() => String, { nullable: true, description: 'The LOINC code chosen; null when none matched.' })
  loincCode: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The full LOINC name of that code (for detail pages; lists and charts use shortName).',
  })
  loincDisplay: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The common name people read ("Platelets", "Hemoglobin A1c"), for lists, dashboards and charts; null without a code.',
  })
  shortName: string | null;

  @Field(() => Float, {
    description:
      '0 to 1: 1 for a given LOINC code; 0.95 the exact LOINC display; 0.9 a curated synonym or abbreviation; 0.88 ' +
      'the same words reordered, respelled or with filler words; 0.8 after correcting a one-letter typo; 0.7–0.8 ' +
      'a word overlap of at least 75 %. Names below 0.7 get no code (confidence 0). A concept whose unit the ' +
      "result's unit cannot be converted to is never chosen.",
  })
  confidence: number;

  @Field(() => String, {
    description:
      'Why this LOINC concept (or none) was chosen: "LOINC code … given", "name matches the LOINC synonym …", ' +
      '"name has the words of …", "name read as …", "name shares N% of its words with …" (each may end in "; unit ' +
      'checked"); without a code: "no LOINC code or name to match", "no LOINC concept matches the name", "below the ' +
      'confidence threshold: …", "unit … cannot be converted to the unit of any concept the name matches: …" or ' +
      '"ambiguous: …".',
  })
  matchReason: string;

  @Field(() => Float, { nullable: true, description: 'The value as given.' })
  value: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The given unit as UCUM; null when missing or not readable.',
  })
  unit: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "The value in the LOINC concept's canonical UCUM unit.",
  })
  normalizedValue: number | null;

  @Field(() => String, { nullable: true, description: "The LOINC concept's canonical UCUM unit." })
  normalizedUnit: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'unit as people write it (mmHg, 10³/µL, kg/m²) for display; empty for dimensionless units; null without a unit.',
  })
  unitDisplay: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'normalizedUnit as people write it (mmHg, 10³/µL, kg/m²) for display; null without one.',
  })
  normalizedUnitDisplay: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Lower reference limit in the canonical unit (from the range named by referenceRangeSource).',
  })
  normalizedReferenceLow: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Upper reference limit in the canonical unit (from the range named by referenceRangeSource).',
  })
  normalizedReferenceHigh: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which range the flag and the normalized limits come from: "reported by the lab" (the range given with the ' +
      'result, which always wins) or "typical adult interval (HoloVitals starter vocabulary)" (a generic interval, ' +
      'used only when the result has no range; a warning says so); null when neither applies.',
  })
  referenceRangeSource: string | null;

  @Field(() => ReferenceFlag, {
    nullable: true,
    description:
      'H, L or N against the range named by referenceRangeSource; null without a value or a usable range.',
  })
  flag: ReferenceFlag | null;

  @Field(() => [String], {
    description: 'What was assumed or could not be done (unit read differently, not converted…).',
  })
  warnings: string[];
}
