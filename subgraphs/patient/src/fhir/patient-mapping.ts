import type { Patient } from '@medplum/fhirtypes';
import { parseFhirDate, parseFhirDateTime } from './fhir-date';

/** Demographics of a Patient resource, as stored on the patient row. */
export interface PatientFields {
  givenName: string | null;
  familyName: string | null;
  gender: string | null;
  birthDate: string | null;
  deceasedAt: Date | null;
  phone: string | null;
  email: string | null;
  addressLine: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  maritalStatus: string | null;
}

/** Maps the official (else first) name, first phone/email and home (else first) address. */
export function patientFromFhir(resource: Patient): PatientFields {
  const name = resource.name?.find((n) => n.use === 'official') ?? resource.name?.[0];
  const address = resource.address?.find((a) => a.use === 'home') ?? resource.address?.[0];
  return {
    givenName: name?.given?.join(' ') ?? null,
    familyName: name?.family ?? null,
    gender: resource.gender ?? null,
    birthDate: parseFhirDate(resource.birthDate, 'Patient.birthDate'),
    deceasedAt: parseFhirDateTime(resource.deceasedDateTime, 'Patient.deceasedDateTime'),
    phone: resource.telecom?.find((t) => t.system === 'phone')?.value ?? null,
    email: resource.telecom?.find((t) => t.system === 'email')?.value ?? null,
    addressLine: address?.line?.join(', ') ?? null,
    city: address?.city ?? null,
    state: address?.state ?? null,
    postalCode: address?.postalCode ?? null,
    country: address?.country ?? null,
    maritalStatus: resource.maritalStatus?.coding?.[0]?.code ?? resource.maritalStatus?.text ?? null,
  };
}

/** The Patient resource for an export, carrying exactly the mapped demographics. */
export function patientToFhir(fields: PatientFields, fhirId: string): Patient {
  const resource: Patient = { resourceType: 'Patient', id: fhirId };
  if (fields.givenName !== null || fields.familyName !== null) {
    resource.name = [
      {
        use: 'official',
        family: fields.familyName ?? undefined,
        given: fields.givenName === null ? undefined : fields.givenName.split(' '),
      },
    ];
  }
  if (fields.gender !== null) resource.gender = fields.gender as Patient['gender'];
  if (fields.birthDate !== null) resource.birthDate = fields.birthDate;
  if (fields.deceasedAt !== null) resource.deceasedDateTime = fields.deceasedAt.toISOString();
  const telecom = [
    ...(fields.phone === null ? [] : [{ system: 'phone' as const, value: fields.phone }]),
    ...(fields.email === null ? [] : [{ system: 'email' as const, value: fields.email }]),
  ];
  if (telecom.length > 0) resource.telecom = telecom;
  if (
    [fields.addressLine, fields.city, fields.state, fields.postalCode, fields.country].some((v) => v !== null)
  ) {
    resource.address = [
      {
        use: 'home',
        line: fields.addressLine === null ? undefined : fields.addressLine.split(', '),
        city: fields.city ?? undefined,
        state: fields.state ?? undefined,
        postalCode: fields.postalCode ?? undefined,
        country: fields.country ?? undefined,
      },
    ];
  }
  if (fields.maritalStatus !== null) {
    resource.maritalStatus = {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: fields.maritalStatus },
      ],
    };
  }
  return resource;
}
