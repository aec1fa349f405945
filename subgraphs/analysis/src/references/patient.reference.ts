/** Any Patient key is accepted here; `missingPieces` reads the record with the caller’s token, per patient, when it is asked for. */
export function resolvePatientReference(reference: Record<string, unknown>): { id: string } {
  return { id: String(reference.id) };
}
