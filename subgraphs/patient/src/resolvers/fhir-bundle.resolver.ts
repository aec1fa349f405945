import type { RequestContext } from '@holovitals/subgraph-kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { UuidIdArguments } from '../access/uuid-arguments';
import { exportFhirBundleAsCaller, importFhirBundleAsCaller } from '../import/fhir-bundle-transfer';
import type { PatientServices } from '../patient-services';
import { FhirImportResult } from './types/fhir-import-result';

/** Import and export of whole FHIR R4 bundles (see import/fhir-bundle-transfer). */
@Resolver()
@UseMiddleware(UuidIdArguments)
export class FhirBundleResolver {
  @Mutation(() => FhirImportResult, {
    description:
      'Imports a FHIR R4 Bundle (transaction, batch, collection or searchset) into a patient record in one ' +
      'transaction: valid entries are stored, invalid ones reported in `errors`. Re-importing unchanged ' +
      'resources writes nothing.',
  })
  importFhirBundle(
    @Arg('patientId', () => ID, {
      nullable: true,
      description: 'Target record; omit to import into your own.',
    })
    requestedPatientId: string | null | undefined,
    @Arg('bundle', () => GraphQLJSON, { description: 'The FHIR Bundle as JSON.' }) bundle: unknown,
    @Ctx() ctx: RequestContext<PatientServices>,
  ): Promise<FhirImportResult> {
    return importFhirBundleAsCaller(ctx, requestedPatientId ?? null, bundle);
  }

  // A mutation as the contract lists it: an export is a disclosure event that is recorded, not a plain read.
  @Mutation(() => GraphQLJSON, { description: "The patient's typed record as a FHIR R4 collection Bundle." })
  exportFhirBundle(
    @Arg('patientId', () => ID, { description: 'The patient record to export.' }) patientId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<unknown> {
    return exportFhirBundleAsCaller(ctx, patientId);
  }
}
