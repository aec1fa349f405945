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

  @Field(() => String, { nullable: true, description: 'The LOINC display of that code.' })
  loincDisplay: string | null;

  @Field(() => Float, { description: '0 to 1: 1 for a given LOINC code, lower for matches by name.' })
  confidence: number;

  @Field(() => String, { description: 'Why this LOINC concept (or none) was chosen.' })
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
