import { recordTypeEntries } from '../records/record-types';
import { recordMutationResolver } from './record-mutations';

/** The create/update/delete resolvers of every record type. */
export const recordMutationResolvers = recordTypeEntries().map(([kind, { typeName, entity, input }]) =>
  recordMutationResolver({ kind, typeName, entity, input }),
);
