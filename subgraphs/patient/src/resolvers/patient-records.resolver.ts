import { connectionFromEdges, type Connection, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { readPatientData } from '../access/record-read';
import { PatientEntity } from '../entities/patient.entity';
import type { RecordKind } from '../fhir/record-kinds';
import { recordListLoader, type RecordListFilter } from '../loaders/record-list.loader';
import type { EntityByListKind, ListKind } from '../loaders/record-list-specs';
import { RECORD_TYPES, recordTypeEntries } from '../records/record-types';
import { FhirResourceConnection } from './types/connections';
import { ListArgs } from './types/list-args';
import { ObservationFilter } from './types/observation-filter.input';
import { SortOrder } from './types/sort-order';

function entityType(kind: ListKind): string {
  return kind === 'fhirResource' ? 'FhirResource' : RECORD_TYPES[kind].typeName;
}

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
  await readPatientData(ctx, patient.id, entityType(kind), async () => {
    loaded = await loader.load(patient.id);
    return loaded.items.map((item) => item.node as EntityByListKind[K] & { id: string });
  });
  return connectionFromEdges(loaded.items, loaded.hasNextPage);
}

/** The plain list field of one record type on Patient (`medications`, …): a batched, checked, audited page. */
function recordListResolver<K extends RecordKind>(kind: K): ClassType {
  const { connection, listField, listDescription } = RECORD_TYPES[kind];

  @Resolver(() => PatientEntity)
  class RecordListResolver {
    // Named after the field: type-graphql matches field resolvers of one type by method name.
    @FieldResolver(() => connection, { name: listField, description: listDescription })
    [listField](
      @Root() p: PatientEntity,
      @Args(() => ListArgs) a: ListArgs,
      @Ctx() ctx: RequestContext,
    ): Promise<Connection<EntityByListKind[K]>> {
      return page(ctx, p, kind, a);
    }
  }
  return RecordListResolver;
}

/** Patient's list fields of every record type without extra arguments, built from RECORD_TYPES. */
export const recordListResolvers = recordTypeEntries()
  .filter(([, spec]) => spec.customListField !== true)
  .map(([kind]) => recordListResolver(kind));

// The lists that take more than the paging arguments; see readPatientData and recordListLoader.
@Resolver(() => PatientEntity)
export class PatientRecordsResolver {
  @FieldResolver(() => RECORD_TYPES.observation.connection, {
    description: RECORD_TYPES.observation.listDescription,
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
