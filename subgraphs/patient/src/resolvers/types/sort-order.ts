import { registerEnumType } from 'type-graphql';

/** Date order of a record list. Values equal their names: federation rebuilds the schema from SDL. */
export enum SortOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}

registerEnumType(SortOrder, {
  name: 'SortOrder',
  description: 'Order of a date-sorted list; records without a date come last either way.',
  valuesConfig: {
    NEWEST_FIRST: { description: 'Latest date first (the default).' },
    OLDEST_FIRST: { description: 'Earliest date first.' },
  },
});
