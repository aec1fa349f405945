import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root, UseMiddleware } from 'type-graphql';
import { readPatientData } from '../access/record-read';
import { PatientEntity } from '../entities/patient.entity';
import { recordListLoader, type RecordListFilter } from '../loaders/record-list.loader';
import type { EntityByListKind, ListKind } from '../loaders/record-list-specs';
import { toConnection, type Connection } from './types/connection';
import {
  AllergyConnection,
  ConditionConnection,
  FamilyHistoryConnection,
  FhirResourceConnection,
  ImmunizationConnection,
  MedicationConnection,
  ObservationConnection,
  ProcedureConnection,
} from './types/connections';
import { PatientErrorBoundary } from './patient-error-mapping';
import { ListArgs } from './types/list-args';
import { ObservationFilter } from './types/observation-filter.input';
import { SortOrder } from './types/sort-order';

const ENTITY_TYPE: Record<ListKind, string> = {
  medication: 'Medication',
  allergy: 'Allergy',
  condition: 'Condition',
  observation: 'Observation',
  immunization: 'Immunization',
  procedure: 'Procedure',
  familyHistory: 'FamilyHistory',
  fhirResource: 'FhirResource',
};

async function page<K extends ListKind>(
  ctx: RequestContext,
  patient: PatientEntity,
  kind: K,
  args: ListArgs,
  filter: RecordListFilter = {},
): Promise<Connection<EntityByListKind[K]>> {
  const loader = recordListLoader(ctx, kind, {
    first: args.first,
    after: args.after ?? null,
    order: args.order === SortOrder.OLDEST_FIRST ? 'ASC' : 'DESC',
    filter,
  });
  let loaded = { items: [] as { node: EntityByListKind[K]; cursor: string }[], hasNextPage: false };
  await readPatientData(ctx, patient.id, ENTITY_TYPE[kind], async () => {
    loaded = await loader.load(patient.id);
    return loaded.items.map((item) => item.node as EntityByListKind[K] & { id: string });
  });
  return toConnection(loaded);
}

// A field per list; each is a batched, access-checked, audited page (see readPatientData and recordListLoader).
@Resolver(() => PatientEntity)
@UseMiddleware(PatientErrorBoundary)
export class PatientRecordsResolver {
  @FieldResolver(() => MedicationConnection, { description: 'Medications prescribed or taken, by date.' })
  medications(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['medication']>> {
    return page(ctx, p, 'medication', a);
  }

  @FieldResolver(() => AllergyConnection, { description: 'Allergies and intolerances, by recorded date.' })
  allergies(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['allergy']>> {
    return page(ctx, p, 'allergy', a);
  }

  @FieldResolver(() => ConditionConnection, {
    description: 'Conditions (diagnoses, problems), by onset date.',
  })
  conditions(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['condition']>> {
    return page(ctx, p, 'condition', a);
  }

  @FieldResolver(() => ObservationConnection, {
    description: 'Vital signs and lab results, by effective date.',
  })
  observations(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Arg('filter', () => ObservationFilter, { nullable: true, description: 'Code, category and date range.' })
    filter: ObservationFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['observation']>> {
    return page(ctx, p, 'observation', a, { ...filter });
  }

  @FieldResolver(() => ImmunizationConnection, { description: 'Vaccinations, by date given.' })
  immunizations(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['immunization']>> {
    return page(ctx, p, 'immunization', a);
  }

  @FieldResolver(() => ProcedureConnection, { description: 'Procedures, by date performed.' })
  procedures(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['procedure']>> {
    return page(ctx, p, 'procedure', a);
  }

  @FieldResolver(() => FamilyHistoryConnection, {
    description: "Relatives' health history, by recorded date.",
  })
  familyHistory(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['familyHistory']>> {
    return page(ctx, p, 'familyHistory', a);
  }

  @FieldResolver(() => FhirResourceConnection, {
    description: 'Every imported FHIR resource, raw, by lastUpdated.',
  })
  fhirResources(
    @Root() p: PatientEntity,
    @Args(() => ListArgs) a: ListArgs,
    @Arg('type', () => String, { nullable: true, description: 'Only this resource type, e.g. Encounter.' })
    type: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<EntityByListKind['fhirResource']>> {
    return page(ctx, p, 'fhirResource', a, { resourceType: type });
  }
}
