import { FhirResourceEntity } from '../entities/fhir-resource.entity';
import type { RecordKind } from '../fhir/record-kinds';
import { RECORD_TYPES, type EntityByKind } from '../records/record-types';

/** A list on Patient: the entity it holds, its table and the date column it is sorted by. */
export interface RecordListSpec<T> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function & { prototype: T };
  table: string;
  sortColumn: string;
}

export type ListKind = RecordKind | 'fhirResource';

export interface EntityByListKind extends EntityByKind {
  fhirResource: FhirResourceEntity;
}

/** Every record type's list (from RECORD_TYPES) plus the raw FHIR store; must agree with the migration's indexes. */
export const RECORD_LIST_SPECS: { [K in ListKind]: RecordListSpec<EntityByListKind[K]> } = {
  ...RECORD_TYPES,
  fhirResource: { entity: FhirResourceEntity, table: 'fhir_resource', sortColumn: 'last_updated' },
};
