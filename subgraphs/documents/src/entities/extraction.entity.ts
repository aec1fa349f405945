import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ExtractionStatus } from './document-status';
import { ExtractionMethod } from './extraction-method';
import { LayoutBox } from './layout-box';

/** Code system of an extracted name: the name as printed, for the standards subgraph to map to LOINC. */
export const EXTRACTED_NAME_SYSTEM = 'urn:holovitals:document-lab-name';
/** Code system of a diagnosis printed without a code: its name as printed. */
export const EXTRACTED_CONDITION_SYSTEM = 'urn:holovitals:document-condition-name';
/** Code system of a medication as printed (no RxNorm lookup yet): its name. */
export const EXTRACTED_MEDICATION_SYSTEM = 'urn:holovitals:document-medication-name';
export const ICD10_CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';

/** What an extraction is; confirming it adds an Observation, a Condition or a MedicationStatement. */
export enum ExtractionKind {
  LAB_RESULT = 'LAB_RESULT',
  CONDITION = 'CONDITION',
  MEDICATION = 'MEDICATION',
}

// Field names shared with Observation (codeSystem, code, display, value, unit, referenceLow, referenceHigh) are a
// contract: the standards subgraph extends Extraction with `standardized @requires(...)` on them.
@ObjectType('Extraction', {
  description:
    'One result read from a document, proposed for the record: a lab result (name, value, unit, reference range, flag, date), a diagnosis (name, ICD-10 code, status) or a medication (name, dose, route, frequency).',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'extraction' })
export class ExtractionEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The document it was read from.' })
  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Field(() => ID, { description: 'The patient the document belongs to.' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  /** The processing run that produced it; a reprocess replaces the proposals of older runs. */
  @Column({ type: 'integer' })
  generation: number;

  @Field(() => String, {
    description:
      'What kind of result: LAB_RESULT (becomes an Observation), CONDITION (a Condition) or MEDICATION (a MedicationStatement).',
  })
  @Column({ type: 'text', default: ExtractionKind.LAB_RESULT })
  kind: ExtractionKind;

  @Field(() => String, {
    description: `Code system of \`code\`: ${EXTRACTED_NAME_SYSTEM} (a lab test's printed name), ${ICD10_CM_SYSTEM} (a diagnosis printed with its ICD-10 code), ${EXTRACTED_CONDITION_SYSTEM} or ${EXTRACTED_MEDICATION_SYSTEM} (the printed name).`,
  })
  @Column({ name: 'code_system', type: 'text' })
  codeSystem: string;

  @Field(() => String, {
    description:
      'The printed name, normalized (standards maps lab names to LOINC), or the ICD-10 code printed with a diagnosis.',
  })
  @Column({ type: 'text' })
  code: string;

  @Field(() => String, { description: 'The test, diagnosis or medication name as printed.' })
  @Column({ type: 'text' })
  display: string;

  @Field(() => Float, { nullable: true, description: 'Numeric result, in `unit`.' })
  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Field(() => String, {
    description:
      'A lab result exactly as printed (e.g. `<0.5`, `Negative`, `5.4`); a diagnosis’s status; a medication’s dose, route and frequency.',
  })
  @Column({ name: 'value_text', type: 'text' })
  valueText: string;

  @Field(() => String, { nullable: true, description: 'Unit as printed.' })
  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound of the printed reference range.' })
  @Column({ name: 'reference_low', type: 'double precision', nullable: true })
  referenceLow: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of the printed reference range.' })
  @Column({ name: 'reference_high', type: 'double precision', nullable: true })
  referenceHigh: number | null;

  @Field(() => String, { nullable: true, description: 'The reference range as printed.' })
  @Column({ name: 'reference_text', type: 'text', nullable: true })
  referenceText: string | null;

  @Field(() => String, { nullable: true, description: 'Flag as printed: H, L, HH, LL, A…' })
  @Column({ type: 'text', nullable: true })
  flag: string | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Collection or report date printed on the page.',
  })
  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  effectiveAt: Date | null;

  @Field(() => String, { nullable: true, description: 'MEDICATION: dose as printed (`500 mg`, `2 puffs`).' })
  @Column({ type: 'text', nullable: true })
  dose: string | null;

  @Field(() => String, { nullable: true, description: 'MEDICATION: route as printed (`oral`, `inhaled`).' })
  @Column({ type: 'text', nullable: true })
  route: string | null;

  @Field(() => String, { nullable: true, description: 'MEDICATION: how often, as printed (`twice daily`).' })
  @Column({ type: 'text', nullable: true })
  frequency: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'CONDITION: clinical status as printed (active, resolved, inactive, remission); null when not given.',
  })
  @Column({ name: 'clinical_status', type: 'text', nullable: true })
  clinicalStatus: string | null;

  @Field(() => String, { nullable: true, description: 'CONDITION: onset as printed (`2019`, `03/2021`).' })
  @Column({ name: 'onset_text', type: 'text', nullable: true })
  onsetText: string | null;

  @Field(() => ExtractionMethod, {
    description: 'Which extractor found it: the layout rules, or only the language model.',
  })
  @Column({ type: 'text', default: ExtractionMethod.RULES })
  method: ExtractionMethod;

  @Field(() => Float, {
    description:
      'How sure the extractor is, 0–1: for the rules OCR confidence times row completeness; for the model a fixed 0.6 times the line’s OCR confidence.',
  })
  @Column({ type: 'double precision' })
  confidence: number;

  @Field(() => Int, { description: 'Page the row was read from, from 1.' })
  @Column({ name: 'page_number', type: 'integer' })
  pageNumber: number;

  @Field(() => LayoutBox, { description: 'Where the row is on its page.' })
  @Column({ type: 'jsonb' })
  box: LayoutBox;

  @Field(() => ExtractionStatus, { description: 'The patient’s decision on it.' })
  @Column({ type: 'text', default: ExtractionStatus.PROPOSED })
  status: ExtractionStatus;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was confirmed or rejected.' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Who confirmed or rejected it; audited, not exposed. */
  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Field(() => GraphQLDateTime, { description: 'When it was extracted.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
