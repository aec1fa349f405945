import {
  getNamedType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  Kind,
  print,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

/**
 * What a subscription operation watches, read from the supergraph by convention: the root field (its Redis channel
 * is the field and its arguments), its change type, and the one field of that type holding an entity `T` that the
 * supergraph can read as `Query.t(id: ID!)`. Adding a subscription is then only SDL and a publish in its owner.
 */
export interface LiveSubscription {
  field: string;
  responseKey: string;
  /** The change type's name, for `__typename`. */
  changeType: string;
  args: Record<string, unknown>;
  /** Entity type and the query field reading it. */
  entityType: string;
  entityQueryField: string;
  /** The id to check access with at subscribe time: the root field's one ID argument. */
  watchedId: string;
  /** Selection on the change type: response key → field name, and the entity field's query document. */
  selection: { responseKey: string; fieldName: string }[];
  entityResponseKey: string | null;
  entityQuery: string;
  /** `{ __typename }` of the watched entity: the access check at subscribe time. */
  accessQuery: string;
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** The entity field of a change type: the one whose type is readable by id from Query. */
function entityField(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
): { field: string; entity: string } | null {
  const query = schema.getQueryType();
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (!isObjectType(named)) continue;
    const reader = query?.getFields()[lowerFirst(named.name)];
    if (reader?.args.some((arg) => arg.name === 'id')) return { field: field.name, entity: named.name };
  }
  return null;
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
  const changeType = getNamedType(fieldDef.type);
  if (!isObjectType(changeType)) return `${root.name.value} does not return an object.`;
  const entity = entityField(schema, changeType);
  if (entity === null) return `${root.name.value} has no entity field the gateway can read.`;
  const args = getArgumentValues(fieldDef, root, variables);
  const idArg = fieldDef.args.find((arg) => getNamedType(arg.type).name === 'ID');
  const watchedId = idArg === undefined ? undefined : args[idArg.name];
  if (typeof watchedId !== 'string') return `${root.name.value} needs an ID argument.`;

  const selection: LiveSubscription['selection'] = [];
  let entityNode: FieldNode | null = null;
  for (const node of root.selectionSet?.selections ?? []) {
    if (node.kind !== Kind.FIELD)
      return 'Select the change fields directly (no fragments on the change type).';
    const responseKey = node.alias?.value ?? node.name.value;
    if (node.name.value === entity.field) entityNode = node;
    else selection.push({ responseKey, fieldName: node.name.value });
  }
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map(print);
  const entityQuery =
    entityNode?.selectionSet === undefined || entityNode === null
      ? `query LiveAccess($id: ID!) { entity: ${lowerFirst(entity.entity)}(id: $id) { __typename } }`
      : [
          `query LiveEntity($id: ID!) { entity: ${lowerFirst(entity.entity)}(id: $id) ${print(entityNode.selectionSet)} }`,
          ...fragments,
        ].join('\n');
  return {
    field: root.name.value,
    responseKey: root.alias?.value ?? root.name.value,
    changeType: changeType.name,
    args,
    entityType: entity.entity,
    entityQueryField: lowerFirst(entity.entity),
    watchedId,
    selection,
    entityResponseKey: entityNode === null ? null : (entityNode.alias?.value ?? entityNode.name.value),
    entityQuery,
    accessQuery: `query LiveAccess($id: ID!) { entity: ${lowerFirst(entity.entity)}(id: $id) { __typename } }`,
  };
}
