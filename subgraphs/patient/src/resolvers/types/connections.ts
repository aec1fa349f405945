import { connectionType } from '@holovitals/subgraph-kit';
import { FhirResourceEntity } from '../../entities/fhir-resource.entity';
import { PatientEntity } from '../../entities/patient.entity';

// The record types' connections are made with their RECORD_TYPES entry (records/record-types.ts).
export const PatientConnection = connectionType(PatientEntity, 'Patient');
export const FhirResourceConnection = connectionType(FhirResourceEntity, 'FhirResource');
