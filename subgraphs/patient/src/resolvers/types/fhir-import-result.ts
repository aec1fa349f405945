import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('FhirImportIssue', { description: 'A bundle entry that was not imported, and why.' })
export class FhirImportIssue {
  @Field(() => Int, { description: '0-based index of the entry in Bundle.entry.' })
  index: number;

  @Field(() => String, {
    description: 'BAD_USER_INPUT for rejected entries; SKIPPED for entries left out on purpose.',
  })
  code: string;

  @Field(() => String, { nullable: true, description: 'resourceType of the entry, when it had one.' })
  resourceType: string | null;

  @Field(() => String, { nullable: true, description: 'FHIR id of the entry, when it had one.' })
  fhirId: string | null;

  @Field(() => String, { description: 'What was wrong, naming the FHIR element where possible.' })
  reason: string;
}

@ObjectType('FhirImportResult', { description: 'What a bundle import did. Counts are per FHIR resource.' })
export class FhirImportResult {
  @Field(() => ID, { description: 'The patient record the bundle was imported into.' })
  patientId: string;

  @Field(() => Int, { description: 'Resources stored for the first time.' })
  created: number;

  @Field(() => Int, { description: 'Resources whose content changed and were updated.' })
  updated: number;

  @Field(() => Int, { description: 'Resources identical to what was stored; nothing was written for them.' })
  unchanged: number;

  @Field(() => Int, {
    description:
      'Entries left out: unknown resource types, requests without a resource, records deleted from this patient record.',
  })
  skipped: number;

  @Field(() => [FhirImportIssue], { description: 'Why each skipped entry was left out.' })
  skippedEntries: FhirImportIssue[];

  @Field(() => [FhirImportIssue], {
    description: 'Entries rejected as invalid; the rest of the bundle was imported.',
  })
  errors: FhirImportIssue[];
}
