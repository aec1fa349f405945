import type { RecordFieldsByKind, RecordKind } from '../fhir/record-kinds';

/** One column the bulk upsert writes: its SQL name and type, and where its value comes from. */
export interface RecordColumn<F> {
  column: string;
  sqlType: 'text' | 'timestamptz' | 'double precision' | 'boolean' | 'jsonb';
  value: (fields: F) => unknown;
}

/** The table of a record kind and the columns an import writes. */
export interface RecordTable<F> {
  table: string;
  columns: RecordColumn<F>[];
}

type Coded = { codeSystem: string | null; code: string | null; display: string | null };

function codeColumns<F extends Coded>(): RecordColumn<F>[] {
  return [
    { column: 'code_system', sqlType: 'text', value: (f) => f.codeSystem },
    { column: 'code', sqlType: 'text', value: (f) => f.code },
    { column: 'display', sqlType: 'text', value: (f) => f.display },
  ];
}

/** Table layout per record kind; matches the migration, which is the source of truth. */
export const RECORD_TABLES: { [K in RecordKind]: RecordTable<RecordFieldsByKind[K]> } = {
  medication: {
    table: 'medication',
    columns: [
      ...codeColumns(),
      { column: 'source_type', sqlType: 'text', value: (f) => f.sourceType },
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'intent', sqlType: 'text', value: (f) => f.intent },
      { column: 'dosage', sqlType: 'text', value: (f) => f.dosage },
      { column: 'started_at', sqlType: 'timestamptz', value: (f) => f.startedAt },
      { column: 'ended_at', sqlType: 'timestamptz', value: (f) => f.endedAt },
    ],
  },
  allergy: {
    table: 'allergy',
    columns: [
      ...codeColumns(),
      { column: 'clinical_status', sqlType: 'text', value: (f) => f.clinicalStatus },
      { column: 'verification_status', sqlType: 'text', value: (f) => f.verificationStatus },
      { column: 'type', sqlType: 'text', value: (f) => f.type },
      { column: 'category', sqlType: 'text', value: (f) => f.category },
      { column: 'criticality', sqlType: 'text', value: (f) => f.criticality },
      { column: 'reaction', sqlType: 'text', value: (f) => f.reaction },
      { column: 'onset_at', sqlType: 'timestamptz', value: (f) => f.onsetAt },
      { column: 'recorded_at', sqlType: 'timestamptz', value: (f) => f.recordedAt },
    ],
  },
  condition: {
    table: 'condition',
    columns: [
      ...codeColumns(),
      { column: 'clinical_status', sqlType: 'text', value: (f) => f.clinicalStatus },
      { column: 'verification_status', sqlType: 'text', value: (f) => f.verificationStatus },
      { column: 'category', sqlType: 'text', value: (f) => f.category },
      { column: 'onset_at', sqlType: 'timestamptz', value: (f) => f.onsetAt },
      { column: 'abatement_at', sqlType: 'timestamptz', value: (f) => f.abatementAt },
      { column: 'recorded_at', sqlType: 'timestamptz', value: (f) => f.recordedAt },
    ],
  },
  observation: {
    table: 'observation',
    columns: [
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'category', sqlType: 'text', value: (f) => f.category },
      { column: 'code_system', sqlType: 'text', value: (f) => f.codeSystem },
      { column: 'code', sqlType: 'text', value: (f) => f.code },
      { column: 'display', sqlType: 'text', value: (f) => f.display },
      { column: 'value', sqlType: 'double precision', value: (f) => f.value },
      { column: 'unit', sqlType: 'text', value: (f) => f.unit },
      { column: 'value_string', sqlType: 'text', value: (f) => f.valueString },
      { column: 'reference_low', sqlType: 'double precision', value: (f) => f.referenceLow },
      { column: 'reference_high', sqlType: 'double precision', value: (f) => f.referenceHigh },
      { column: 'effective_at', sqlType: 'timestamptz', value: (f) => f.effectiveAt },
      { column: 'components', sqlType: 'jsonb', value: (f) => f.components },
    ],
  },
  immunization: {
    table: 'immunization',
    columns: [
      ...codeColumns(),
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'occurrence_at', sqlType: 'timestamptz', value: (f) => f.occurrenceAt },
      { column: 'primary_source', sqlType: 'boolean', value: (f) => f.primarySource },
      { column: 'lot_number', sqlType: 'text', value: (f) => f.lotNumber },
    ],
  },
  procedure: {
    table: 'procedure',
    columns: [
      ...codeColumns(),
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'performed_start', sqlType: 'timestamptz', value: (f) => f.performedStart },
      { column: 'performed_end', sqlType: 'timestamptz', value: (f) => f.performedEnd },
    ],
  },
  familyHistory: {
    table: 'family_history',
    columns: [
      { column: 'status', sqlType: 'text', value: (f) => f.status },
      { column: 'relationship_code', sqlType: 'text', value: (f) => f.relationshipCode },
      { column: 'relationship_display', sqlType: 'text', value: (f) => f.relationshipDisplay },
      { column: 'sex', sqlType: 'text', value: (f) => f.sex },
      { column: 'recorded_at', sqlType: 'timestamptz', value: (f) => f.recordedAt },
      { column: 'conditions', sqlType: 'jsonb', value: (f) => f.conditions },
    ],
  },
};
