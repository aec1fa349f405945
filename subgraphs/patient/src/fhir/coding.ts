import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

/** The code a record is filed under: system, code and a human-readable display. */
export interface PrimaryCode {
  codeSystem: string | null;
  code: string | null;
  display: string | null;
}

/** Picks the first coding that has a code; the display falls back to the concept's text. */
export function primaryCode(concept: CodeableConcept | undefined): PrimaryCode {
  const coding = concept?.coding?.find((c) => c.code !== undefined) ?? concept?.coding?.[0];
  return {
    codeSystem: coding?.system ?? null,
    code: coding?.code ?? null,
    display: coding?.display ?? concept?.text ?? null,
  };
}

/** The first code of a concept, e.g. the `active` of a clinicalStatus. */
export function firstCode(concept: CodeableConcept | undefined): string | null {
  return concept?.coding?.find((c) => c.code !== undefined)?.code ?? null;
}

/** A CodeableConcept for export; omitted entirely when there is nothing to say. */
export function toCodeableConcept(code: PrimaryCode): CodeableConcept | undefined {
  if (code.code === null && code.display === null) {
    return undefined;
  }
  const coding: Coding = {};
  if (code.codeSystem !== null) coding.system = code.codeSystem;
  if (code.code !== null) coding.code = code.code;
  if (code.display !== null) coding.display = code.display;
  return code.code === null
    ? { text: code.display ?? undefined }
    : { coding: [coding], text: code.display ?? undefined };
}

/** A status concept for export from a single code of a known system. */
export function statusConcept(system: string, code: string | null): CodeableConcept | undefined {
  return code === null ? undefined : { coding: [{ system, code }] };
}
