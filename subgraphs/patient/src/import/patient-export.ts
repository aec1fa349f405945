import type { Bundle } from '@medplum/fhirtypes';
import type { EntityManager } from 'typeorm';
import { PatientEntity } from '../entities/patient.entity';
import { buildExportBundle, type ExportedRecord } from '../fhir/bundle-export';
import {
  RECORD_KINDS,
  type AnyRecordFields,
  type RecordFieldsByKind,
  type RecordKind,
} from '../fhir/record-kinds';
import { RECORD_LIST_SPECS } from '../loaders/record-list-specs';

/** The typed fields of a record entity: the entity carries exactly the mapped fields plus bookkeeping columns. */
function asRecord<K extends RecordKind>(kind: K, entity: RecordFieldsByKind[K]): AnyRecordFields {
  return { kind, fields: entity } as AnyRecordFields;
}

/** Reads a patient's whole typed record and builds its FHIR R4 collection bundle; one query per table. */
export async function exportPatientBundle(manager: EntityManager, patientId: string): Promise<Bundle> {
  const patient = await manager.getRepository(PatientEntity).findOneByOrFail({ id: patientId });
  const records: ExportedRecord[] = [];
  for (const kind of RECORD_KINDS) {
    const spec = RECORD_LIST_SPECS[kind];
    const rows = (await manager
      .getRepository(spec.entity)
      .createQueryBuilder('t')
      .where('t.patient_id = :patientId', { patientId })
      .orderBy('t.createdAt')
      .addOrderBy('t.id')
      .getMany()) as (RecordFieldsByKind[typeof kind] & { id: string; sourceFhirId: string | null })[];
    for (const row of rows) {
      records.push({ entryId: row.id, fhirId: row.sourceFhirId ?? row.id, record: asRecord(kind, row) });
    }
  }
  return buildExportBundle(
    { entryId: patient.id, fhirId: patient.sourceFhirId ?? patient.id, fields: patient },
    records,
    new Date(),
  );
}
