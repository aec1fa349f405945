import {
  getNamedType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  print,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

/**
 * A key that names no entity: what a topic subscription's access check reads. Owners that restrict a type to a
 * role (securityAlert, serviceHealth: ADMIN) refuse other callers before looking the key up, so the answer says
 * whether the subscriber may read that type at all without touching any row.
 */
export const TOPIC_ACCESS_KEY = '00000000-0000-0000-0000-000000000000';

/**
 * What a subscription operation watches, read from the supergraph by convention. The root field returns either an
 * entity `T` itself or a change type with one field of an entity `T`, where the supergraph can read `T` as
 * `Query.t(id: ID!)`. With its ID argument given it watches one entity; without one (none declared, or an
 * optional one omitted) it watches a topic: every entity published on the field's channel. Its Redis channel is
 * the field and the arguments given. Adding a subscription is then only SDL and a publish in its owner.
 */
export interface LiveSubscription {
  field: string;
  responseKey: string;
  /** The change type's name, for `__typename`; null when the root field returns the entity itself. */
  changeType: string | null;
  args: Record<string, unknown>;
  /** Entity type. */
  entityType: string;
  /** The entity watched, from the root field's ID argument; null for a topic. */
  watchedId: string | null;
  /** The change type's field holding the entity key (the ID argument's name), besides `id`. */
  keyField: string | null;
  /** Selection on the change type: response key → field name (empty when the root is the entity). */
  selection: { responseKey: string; fieldName: string }[];
  /** Where the entity goes in the change; null when it is not selected, '' when it is the root field's value. */
  entityResponseKey: string | null;
  /** Reads the entity for one event with the subscriber's token (`$id`), as `entity`. */
  entityQuery: string;
  /** `{ __typename }` of the watched entity (or the topic's access key): the access check at subscribe time. */
  accessQuery: string;
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Whether the supergraph reads `type` by id from Query (`Query.securityAlert(id:)` for SecurityAlert). */
function readableById(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  const reader = schema.getQueryType()?.getFields()[lowerFirst(type.name)];
  return reader?.args.some((arg) => arg.name === 'id') ?? false;
}

/** The entity field of a change type: the one whose type is readable by id from Query. */
function entityField(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
): { field: string; entity: string } | null {
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isObjectType(named) && readableById(schema, named)) return { field: field.name, entity: named.name };
  }
  return null;
}

function readQuery(operationName: string, entity: string, selection: SelectionSetNode | undefined): string {
  return `query ${operationName}($id: ID!) { entity: ${lowerFirst(entity)}(id: $id) ${
    selection === undefined ? '{ __typename }' : print(selection)
  } }`;
}

/** The subscription's shape, or a message saying why the supergraph cannot serve it live. */
export function describeSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): LiveSubscription | string {
  const root = operation.selectionSet.selections[0];
  const subscriptionType = schema.getSubscriptionType();
  if (root?.kind !== Kind.FIELD || subscriptionType === undefined || subscriptionType === null)
    return 'A subscription selects one root field.';
  const fieldDef = subscriptionType.getFields()[root.name.value];
  if (fieldDef === undefined) return `Unknown subscription ${root.name.value}.`;
  const returned = getNamedType(fieldDef.type);
  if (!isObjectType(returned)) return `${root.name.value} does not return an object.`;
  const rootIsEntity = readableById(schema, returned);
  const entity = rootIsEntity ? { field: '', entity: returned.name } : entityField(schema, returned);
  if (entity === null) return `${root.name.value} has no entity field the gateway can read.`;
  // An optional argument given as null is the same as one left out, so both listen on the same channel.
  const args = Object.fromEntries(
    Object.entries(getArgumentValues(fieldDef, root, variables)).filter(([, value]) => value !== null),
  );
  const idArg = fieldDef.args.find((arg) => getNamedType(arg.type).name === 'ID');
  const given = idArg === undefined ? undefined : args[idArg.name];
  const watchedId = typeof given === 'string' ? given : null;

  const selection: LiveSubscription['selection'] = [];
  let entityNode: FieldNode | null = null;
  if (!rootIsEntity)
    for (const node of root.selectionSet?.selections ?? []) {
      if (node.kind !== Kind.FIELD)
        return 'Select the change fields directly (no fragments on the change type).';
      const responseKey = node.alias?.value ?? node.name.value;
      if (node.name.value === entity.field) entityNode = node;
      else selection.push({ responseKey, fieldName: node.name.value });
    }
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map(print);
  const entitySelection = rootIsEntity ? root.selectionSet : entityNode?.selectionSet;
  return {
    field: root.name.value,
    responseKey: root.alias?.value ?? root.name.value,
    changeType: rootIsEntity ? null : returned.name,
    args,
    entityType: entity.entity,
    watchedId,
    keyField: idArg?.name ?? null,
    selection,
    entityResponseKey: rootIsEntity
      ? ''
      : entityNode === null
        ? null
        : (entityNode.alias?.value ?? entityNode.name.value),
    entityQuery: [
      readQuery('LiveEntity', entity.entity, entitySelection),
      ...(entitySelection === undefined ? [] : fragments),
    ].join('\n'),
    accessQuery: readQuery('LiveAccess', entity.entity, undefined),
  };
}
