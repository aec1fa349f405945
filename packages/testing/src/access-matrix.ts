import { randomUUID } from 'node:crypto';
import type { GraphQLResponse } from './graphql-request';

/**
 * The operations an access matrix must try, read from a schema by introspection rather than listed by hand, so a
 * field added later (or a subgraph added later, through the gateway) is covered without editing the test.
 */

/** Sends one operation as some caller; the matrix supplies the caller. */
export type SendOperation = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<GraphQLResponse<Record<string, unknown>>>;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}

interface IntrospectedField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}

interface IntrospectedType {
  kind: string;
  name: string;
  fields: IntrospectedField[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
  possibleTypes: { name: string }[] | null;
}

/** What an operation reaches: a patient by id, or one record of `recordType`. */
export type OperationTarget = { kind: 'patient' } | { kind: 'record'; recordType: string };

/** One operation of the matrix. `access` is what it needs: read (queries, exports) or write (other mutations). */
export interface MatrixOperation {
  /** `Query.patient`, `Mutation.deleteCondition`, `_entities(Observation)`. */
  label: string;
  access: 'read' | 'write';
  /** Exports disclose a whole record: anyone but its patient needs a BULK_EXPORT step-up for them. */
  bulkExport: boolean;
  target: OperationTarget;
  /** The document and variables for a target id (a patient id or a record id, per `target`). */
  build(targetId: string): { query: string; variables: Record<string, unknown> };
  /** The response field holding the data (null or absent when refused). */
  responseField: string;
}

const TYPE_REF =
  'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECTION = `query AccessMatrixIntrospection { __schema {
  queryType { name } mutationType { name }
  types { kind name
    fields { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } }
    inputFields { name defaultValue type { ${TYPE_REF} } }
    enumValues { name }
    possibleTypes { name } } } }`;

function named(type: TypeRef): TypeRef {
  return type.ofType === null ? type : named(type.ofType);
}

function typeName(type: TypeRef): string {
  return named(type).name ?? '';
}

function typeLiteral(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${typeLiteral(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${typeLiteral(type.ofType!)}]`;
  return type.name ?? '';
}

/** A schema read once, with what the matrix needs to build operations on it. */
export class IntrospectedSchema {
  private readonly types: Map<string, IntrospectedType>;

  private constructor(
    types: IntrospectedType[],
    readonly queryType: string,
    readonly mutationType: string | null,
  ) {
    this.types = new Map(types.map((t) => [t.name, t]));
  }

  static async load(send: SendOperation): Promise<IntrospectedSchema> {
    const response = await send(INTROSPECTION, {});
    const schema = (
      response.body.data as {
        __schema: {
          queryType: { name: string };
          mutationType: { name: string } | null;
          types: IntrospectedType[];
        };
      }
    ).__schema;
    return new IntrospectedSchema(schema.types, schema.queryType.name, schema.mutationType?.name ?? null);
  }

  type(name: string): IntrospectedType | undefined {
    return this.types.get(name);
  }

  /** Entity types federation can resolve by key (the `_Entity` union), when the schema is a subgraph's. */
  entityTypes(): string[] {
    return (this.types.get('_Entity')?.possibleTypes ?? []).map((t) => t.name);
  }

  /**
   * The types that hold health data: Patient and every type a Patient list field (a connection) holds. A subgraph
   * that adds a list to Patient (documents, analyses) adds its type here without a change to the matrix.
   */
  healthDataTypes(): Set<string> {
    const types = new Set(['Patient']);
    for (const field of this.types.get('Patient')?.fields ?? []) {
      const node = connectionNodeType(this, field);
      if (node !== null) types.add(node);
    }
    return types;
  }

  /** A value of `type` that passes GraphQL coercion; required input fields filled, optional ones left out. */
  sampleValue(type: TypeRef, fieldName: string): unknown {
    if (type.kind === 'NON_NULL') return this.sampleValue(type.ofType!, fieldName);
    if (type.kind === 'LIST') return [];
    const definition = this.types.get(type.name ?? '');
    if (definition?.kind === 'ENUM') return definition.enumValues?.[0]?.name;
    if (definition?.kind === 'INPUT_OBJECT') {
      const value: Record<string, unknown> = {};
      for (const field of definition.inputFields ?? []) {
        if (field.type.kind === 'NON_NULL' && field.defaultValue === null) {
          value[field.name] = this.sampleValue(field.type, field.name);
        }
      }
      return value;
    }
    return sampleScalar(type.name ?? '', fieldName);
  }

  /** A selection that reads a field of this type: `__typename` is enough to see whether data came back. */
  selectionFor(type: TypeRef): string {
    const kind = this.types.get(typeName(type))?.kind;
    return kind === 'OBJECT' || kind === 'INTERFACE' || kind === 'UNION' ? ' { __typename }' : '';
  }
}

// Values that pass the validators of today's inputs; a required field of a new input that needs something else
// shows up as BAD_USER_INPUT for the allowed callers, and its sample is added here.
const SAMPLE_STRINGS: Record<string, string> = {
  status: 'completed',
  sourceType: 'MedicationRequest',
};

function sampleScalar(scalar: string, fieldName: string): unknown {
  switch (scalar) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'ID':
      return randomUUID();
    case 'DateTime':
      return '2020-01-01T00:00:00Z';
    case 'JSON':
      return { resourceType: 'Bundle', type: 'collection', entry: [] };
    default:
      return SAMPLE_STRINGS[fieldName] ?? 'sample';
  }
}

const ID_ARGUMENTS = new Set(['id', 'patientId']);
/**
 * Mutations that only read the record to write into the caller's own data (a question asked of it goes into the
 * asker's chat session): what they need of the record is read access.
 */
const RECORD_READING_MUTATIONS = new Set(['askHealthQuestion']);

/** The record type an `id` argument names: the field's own type, or the type in its name (`deleteCondition`). */
function recordTypeOf(schema: IntrospectedSchema, field: IntrospectedField): string {
  const returned = typeName(field.type);
  if (schema.type(returned)?.kind === 'OBJECT') return returned;
  return field.name.replace(/^[a-z]+/, '');
}

function rootOperation(
  schema: IntrospectedSchema,
  operationType: 'query' | 'mutation',
  field: IntrospectedField,
): MatrixOperation | null {
  const idArgument = field.args.find((a) => ID_ARGUMENTS.has(a.name) && typeName(a.type) === 'ID');
  if (idArgument === undefined) return null;
  const recordType = recordTypeOf(schema, field);
  // An `id` of something that is not health data (a session, a partner client) is not the matrix's business.
  if (idArgument.name === 'id' && !schema.healthDataTypes().has(recordType)) return null;
  const target: OperationTarget =
    idArgument.name === 'patientId' || recordType === 'Patient'
      ? { kind: 'patient' }
      : { kind: 'record', recordType };
  // Exports are mutations because each is an audited disclosure, but what they need is read access.
  const bulkExport = operationType === 'mutation' && field.name.startsWith('export');
  const access =
    operationType === 'query' || bulkExport || RECORD_READING_MUTATIONS.has(field.name) ? 'read' : 'write';
  const required = field.args.filter((a) => a.name === idArgument.name || a.type.kind === 'NON_NULL');
  return {
    label: `${operationType === 'query' ? 'Query' : 'Mutation'}.${field.name}`,
    access,
    bulkExport,
    target,
    responseField: field.name,
    build: (targetId) => {
      const variables: Record<string, unknown> = {};
      for (const argument of required) {
        variables[argument.name] =
          argument.name === idArgument.name ? targetId : schema.sampleValue(argument.type, argument.name);
      }
      const declarations = required.map((a) => `$${a.name}: ${typeLiteral(a.type)}`).join(', ');
      const passed = required.map((a) => `${a.name}: $${a.name}`).join(', ');
      return {
        query: `${operationType} AccessMatrix${declarations ? `(${declarations})` : ''} { ${field.name}${
          passed ? `(${passed})` : ''
        }${schema.selectionFor(field.type)} }`,
        variables,
      };
    },
  };
}

/**
 * Every root field that takes a patient id (`patientId`) or the id of health data (`id`), plus `_entities` for each
 * entity type that is health data (see `healthDataTypes`), when the schema is a subgraph's.
 */
export function matrixOperations(schema: IntrospectedSchema): MatrixOperation[] {
  const operations: MatrixOperation[] = [];
  const roots: ['query' | 'mutation', string | null][] = [
    ['query', schema.queryType],
    ['mutation', schema.mutationType],
  ];
  for (const [operationType, rootName] of roots) {
    if (rootName === null) continue;
    for (const field of schema.type(rootName)?.fields ?? []) {
      if (field.name.startsWith('_')) continue;
      const operation = rootOperation(schema, operationType, field);
      if (operation !== null) operations.push(operation);
    }
  }
  const healthData = schema.healthDataTypes();
  for (const entity of schema.entityTypes()) {
    if (!healthData.has(entity)) continue;
    operations.push({
      label: `_entities(${entity})`,
      access: 'read',
      bulkExport: false,
      target: entity === 'Patient' ? { kind: 'patient' } : { kind: 'record', recordType: entity },
      responseField: '_entities',
      build: (targetId) => ({
        query: `query AccessMatrix($r: [_Any!]!) { _entities(representations: $r) { ... on ${entity} { id } } }`,
        variables: { r: [{ __typename: entity, id: targetId }] },
      }),
    });
  }
  return operations;
}

/** Whether a response carried the operation's data (for `_entities`, a non-null first entity). */
export function returnedData(operation: MatrixOperation, response: GraphQLResponse): boolean {
  const value = (response.body.data as Record<string, unknown> | null | undefined)?.[operation.responseField];
  if (Array.isArray(value)) return value.length > 0 && value[0] !== null;
  return value !== null && value !== undefined;
}

/**
 * A record of `recordType` in the patient's record, for the matrix to aim at: a new one through the schema's own
 * `create<Type>(patientId, input)` (so writes each get a fresh version 1), else the first one listed on Patient.
 */
export async function recordIdFor(
  schema: IntrospectedSchema,
  send: SendOperation,
  recordType: string,
  patientId: string,
): Promise<string> {
  const mutationType = schema.mutationType === null ? undefined : schema.type(schema.mutationType);
  const create = mutationType?.fields?.find((f) => f.name === `create${recordType}`);
  if (create !== undefined) {
    const input = create.args.find((a) => a.name === 'input');
    const response = await send(
      `mutation AccessMatrixSeed($patientId: ID!${input ? `, $input: ${typeLiteral(input.type)}` : ''}) {
        created: ${create.name}(patientId: $patientId${input ? ', input: $input' : ''}) { id } }`,
      { patientId, ...(input ? { input: schema.sampleValue(input.type, 'input') } : {}) },
    );
    const created = (response.body.data as { created?: { id: string } } | null | undefined)?.created;
    if (created === undefined)
      throw new Error(`create${recordType}: ${JSON.stringify(response.body.errors)}`);
    return created.id;
  }
  const list = schema
    .type('Patient')
    ?.fields?.find((f) => typeName(f.type) !== recordType && connectionNodeType(schema, f) === recordType);
  if (list === undefined) throw new Error(`No way to find a ${recordType} of a patient`);
  const response = await send(
    `query AccessMatrixSeed($id: ID!) { patient(id: $id) { list: ${list.name}(first: 1) { nodes { id } } } }`,
    { id: patientId },
  );
  const nodes = (response.body.data as { patient?: { list: { nodes: { id: string }[] } } } | null | undefined)
    ?.patient?.list.nodes;
  if (nodes === undefined || nodes.length === 0) throw new Error(`The patient has no ${recordType}`);
  return nodes[0].id;
}

function connectionNodeType(schema: IntrospectedSchema, field: IntrospectedField): string | null {
  const nodes = schema.type(typeName(field.type))?.fields?.find((f) => f.name === 'nodes');
  return nodes === undefined ? null : typeName(nodes.type);
}

/** One kind of caller in the matrix: how it sends, whom audits name as actor, and what it may do. */
export interface MatrixCaller {
  send: SendOperation;
  /** The `actorId` its audit events carry; null for an anonymous caller, which is refused before any audit. */
  actorId: string | null;
  allowed(operation: MatrixOperation): boolean;
  /** The `extensions.reason` a refusal must carry (e.g. STEP_UP_REQUIRED), when it matters. */
  refusalReason?(operation: MatrixOperation): string | null;
}

export interface MatrixEnvironment {
  /** The id an operation is aimed at (a patient, or a fresh record of the patient). */
  targetOf(operation: MatrixOperation): Promise<string>;
  /** How many DENIED audit events so far name this actor and the matrix's patient. */
  deniedAudits(actorId: string): Promise<number>;
}

/**
 * Runs every operation as `caller` and returns what went against the expectation, one line each: data where
 * allowed; elsewhere no data, FORBIDDEN (UNAUTHENTICATED when anonymous) and a new DENIED audit naming the patient.
 */
export async function accessMatrixFailures(
  operations: MatrixOperation[],
  caller: MatrixCaller,
  environment: MatrixEnvironment,
): Promise<string[]> {
  const failures: string[] = [];
  for (const operation of operations) {
    const { query, variables } = operation.build(await environment.targetOf(operation));
    const before = caller.actorId === null ? 0 : await environment.deniedAudits(caller.actorId);
    const response = await caller.send(query, variables);
    if (caller.allowed(operation)) {
      if (!returnedData(operation, response) || response.body.errors !== undefined) {
        failures.push(`${operation.label}: expected data, got ${JSON.stringify(response.body.errors)}`);
      }
      continue;
    }
    if (returnedData(operation, response)) failures.push(`${operation.label}: returned data`);
    const code = response.body.errors?.[0]?.extensions?.code;
    const expected = caller.actorId === null ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    if (code !== expected) failures.push(`${operation.label}: ${String(code)} instead of ${expected}`);
    const reason = caller.refusalReason?.(operation) ?? null;
    const gotReason = response.body.errors?.[0]?.extensions?.reason;
    if (reason !== null && gotReason !== reason) {
      failures.push(`${operation.label}: reason ${String(gotReason)} instead of ${reason}`);
    }
    if (caller.actorId !== null && (await environment.deniedAudits(caller.actorId)) <= before) {
      failures.push(`${operation.label}: no DENIED audit naming the patient`);
    }
  }
  return failures;
}
