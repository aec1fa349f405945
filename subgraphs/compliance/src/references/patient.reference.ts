/** Any Patient key is accepted here; `accessLog` checks who may read it, per patient, when it is asked for. */
export function resolvePatientReference(reference: Record<string, unknown>): { id: string } {
  return { id: String(reference.id) };
}
