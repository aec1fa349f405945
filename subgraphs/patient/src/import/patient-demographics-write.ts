import type { EntityManager } from 'typeorm';
import type { PlannedPatient } from '../fhir/bundle-import-plan';

/**
 * Writes the bundle's Patient demographics onto the record, or only links the record to the bundle's FHIR
 * patient id when the bundle has no Patient entry. `patientFhirId` null marks a synced bundle: its patient id is the
 * EHR's, so the record's link is left as it is, and its demographics only fill a record that has none from any
 * import yet (a hospital's copy never overwrites the patient's own). Returns the number of rows written (0 or 1).
 */
export async function writePatientDemographics(
  manager: EntityManager,
  patientId: string,
  patientFhirId: string | null,
  planned: PlannedPatient | null,
): Promise<number> {
  if (planned === null) {
    if (patientFhirId === null) return 0;
    const linked = (await manager.query(
      `UPDATE patient SET source_fhir_id = $2, version = version + 1, updated_at = now()
        WHERE id = $1 AND source_fhir_id IS NULL RETURNING id`,
      [patientId, patientFhirId],
    )) as [unknown[], number];
    return linked[1];
  }
  const f = planned.fields;
  const updated = (await manager.query(
    `UPDATE patient SET source_fhir_id = COALESCE($2, source_fhir_id), content_hash = $3, given_name = $4, family_name = $5, gender = $6,
        birth_date = $7, deceased_at = $8, phone = $9, email = $10, address_line = $11, city = $12, state = $13,
        postal_code = $14, country = $15, marital_status = $16, version = version + 1, updated_at = now()
      WHERE id = $1 AND content_hash IS DISTINCT FROM $3
        AND ($2::text IS NOT NULL OR (content_hash IS NULL AND source_fhir_id IS NULL)) RETURNING id`,
    [
      patientId,
      patientFhirId === null ? null : planned.fhirId,
      planned.contentHash,
      f.givenName,
      f.familyName,
      f.gender,
      f.birthDate,
      f.deceasedAt,
      f.phone,
      f.email,
      f.addressLine,
      f.city,
      f.state,
      f.postalCode,
      f.country,
      f.maritalStatus,
    ],
  )) as [unknown[], number];
  return updated[1];
}
