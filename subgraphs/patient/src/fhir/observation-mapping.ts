import type { Observation, ObservationComponent, Quantity } from '@medplum/fhirtypes';
import { firstCode, primaryCode, statusConcept, toCodeableConcept } from './coding';
import { parseFhirDateTime } from './fhir-date';
import { FhirMappingError } from './fhir-mapping-error';
import { patientReference } from './patient-reference';

const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
const UCUM = 'http://unitsofmeasure.org';

/** One part of a multi-part observation, e.g. the systolic value of a blood pressure. */
export interface ObservationComponentFields {
  codeSystem: string;
  code: string;
  display: string;
  value: number | null;
  unit: string | null;
}

/** A vital sign or lab result as the observation table stores it. */
export interface ObservationFields {
  status: string;
  category: string | null;
  codeSystem: string;
  code: string;
  display: string;
  value: number | null;
  unit: string | null;
  valueString: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  effectiveAt: Date | null;
  components: ObservationComponentFields[];
}

function requiredCode(
  concept: Observation['code'] | undefined,
  path: string,
): Pick<ObservationFields, 'codeSystem' | 'code' | 'display'> {
  const code = primaryCode(concept);
  if (code.code === null) {
    throw new FhirMappingError(`${path} needs a coding with a code`);
  }
  return { codeSystem: code.codeSystem ?? '', code: code.code, display: code.display ?? code.code };
}

function quantityUnit(quantity: Quantity | undefined): string | null {
  return quantity?.unit ?? quantity?.code ?? null;
}

/** Text for a non-numeric value; numbers that are not Quantities (integer) become `value` instead. */
function textValue(resource: Observation): string | null {
  if (resource.valueString !== undefined) return resource.valueString;
  if (resource.valueCodeableConcept !== undefined) return primaryCode(resource.valueCodeableConcept).display;
  if (resource.valueBoolean !== undefined) return String(resource.valueBoolean);
  return null;
}

function componentFromFhir(component: ObservationComponent, index: number): ObservationComponentFields {
  return {
    ...requiredCode(component.code, `Observation.component[${index}].code`),
    value: component.valueQuantity?.value ?? component.valueInteger ?? null,
    unit: quantityUnit(component.valueQuantity),
  };
}

export function observationFromFhir(resource: Observation): ObservationFields {
  if (resource.status === undefined) {
    throw new FhirMappingError('Observation.status is required');
  }
  const range = resource.referenceRange?.[0];
  return {
    status: resource.status,
    category: firstCode(resource.category?.[0]),
    ...requiredCode(resource.code, 'Observation.code'),
    value: resource.valueQuantity?.value ?? resource.valueInteger ?? null,
    unit: quantityUnit(resource.valueQuantity),
    valueString: textValue(resource),
    referenceLow: range?.low?.value ?? null,
    referenceHigh: range?.high?.value ?? null,
    effectiveAt: parseFhirDateTime(
      resource.effectiveDateTime ??
        resource.effectiveInstant ??
        resource.effectivePeriod?.start ??
        resource.issued,
      'Observation.effective[x]',
    ),
    components: (resource.component ?? []).map(componentFromFhir),
  };
}

function toQuantity(value: number, unit: string | null): Quantity {
  return unit === null ? { value } : { value, unit, system: UCUM, code: unit };
}

export function observationToFhir(
  fields: ObservationFields,
  fhirId: string,
  patientRef: string,
): Observation {
  const resource: Observation = {
    resourceType: 'Observation',
    id: fhirId,
    status: fields.status as Observation['status'],
    category: fields.category === null ? undefined : [statusConcept(CATEGORY_SYSTEM, fields.category) ?? {}],
    code:
      toCodeableConcept({
        codeSystem: fields.codeSystem || null,
        code: fields.code,
        display: fields.display,
      }) ?? {},
    subject: patientReference(patientRef),
    effectiveDateTime: fields.effectiveAt?.toISOString(),
  };
  if (fields.value !== null) {
    resource.valueQuantity = toQuantity(fields.value, fields.unit);
  } else if (fields.valueString !== null) {
    resource.valueString = fields.valueString;
  }
  if (fields.referenceLow !== null || fields.referenceHigh !== null) {
    resource.referenceRange = [
      {
        low: fields.referenceLow === null ? undefined : toQuantity(fields.referenceLow, fields.unit),
        high: fields.referenceHigh === null ? undefined : toQuantity(fields.referenceHigh, fields.unit),
      },
    ];
  }
  if (fields.components.length > 0) {
    resource.component = fields.components.map((component) => ({
      code: toCodeableConcept({
        codeSystem: component.codeSystem || null,
        code: component.code,
        display: component.display,
      }) ?? { text: component.display },
      valueQuantity: component.value === null ? undefined : toQuantity(component.value, component.unit),
    }));
  }
  return resource;
}
