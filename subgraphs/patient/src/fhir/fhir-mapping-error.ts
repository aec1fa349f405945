/** A resource that cannot become a typed record; the message names the FHIR element at fault. */
export class FhirMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FhirMappingError';
  }
}
