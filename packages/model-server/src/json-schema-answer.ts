import { firstSentence, type RecordSeen, summarise } from './prompt-reading';

type Schema = Record<string, unknown>;

interface Context {
  root: Schema;
  records: readonly RecordSeen[];
  /** The record an array item stands for, when the answer lists one item per record. */
  record?: RecordSeen;
  /** Text every free-text field carries instead of a summary (an order the model obeyed). */
  order: string | null;
}

const TEXT_FIELD =
  /summary|text|answer|content|description|statement|finding|explanation|title|note|message/i;
const ID_FIELD = /(?:^|[^a-z])ids?$|Ids?$|citation|source|reference|record/i;
const COUNT_FIELD = /count|total|number/i;

/**
 * A deterministic answer that is valid for the requested JSON schema, built from the records in the data
 * block: free-text fields summarise them (first sentence, cited by id), id and citation fields list the
 * ids the model saw, arrays of objects hold one item per record.
 */
export function answerForSchema(
  schema: Schema,
  records: readonly RecordSeen[],
  order: string | null,
): unknown {
  return valueFor(schema, '', { root: schema, records, order });
}

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let target: unknown = root;
  for (const key of ref.slice(2).split('/')) target = (target as Schema | undefined)?.[key];
  return (target as Schema | undefined) ?? {};
}

function typeOf(schema: Schema): string {
  const type = schema.type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (typeof type === 'string') return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'any';
}

function valueFor(raw: Schema, name: string, context: Context): unknown {
  const schema = resolve(raw, context.root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options) {
    const first = options.find((option) => resolve(option, context.root).type !== 'null') ?? options[0];
    return first ? valueFor(first, name, context) : null;
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectFor(schema, context);
    case 'array':
      return arrayFor(schema, name, context);
    case 'string':
      return stringFor(schema, name, context);
    case 'integer':
    case 'number':
      return numberFor(schema, name, context);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringFor(schema, name, context);
  }
}

function objectFor(schema: Schema, context: Context): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, valueFor(value, key, context)]),
  );
}

function arrayFor(schema: Schema, name: string, context: Context): unknown[] {
  const items = resolve((schema.items ?? {}) as Schema, context.root);
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const clamp = <T>(values: T[], filler: () => T): T[] => {
    const out = values.slice(0, max);
    while (out.length < min) out.push(filler());
    return out;
  };
  const itemType = typeOf(items);
  if (itemType === 'string' && !Array.isArray(items.enum) && ID_FIELD.test(name)) {
    const ids = context.record ? [context.record.id] : context.records.map((record) => record.id);
    return clamp(ids, () => ids[0] ?? 'none');
  }
  if (itemType === 'object' && !context.record) {
    const perRecord = context.records
      .slice(0, 20)
      .map((record) => valueFor(items, name, { ...context, record }));
    return clamp(perRecord, () => valueFor(items, name, context));
  }
  return clamp([], () => valueFor(items, name, context));
}

function stringFor(schema: Schema, name: string, context: Context): string {
  const { record, records, order } = context;
  let value: string;
  if (ID_FIELD.test(name)) value = record?.id ?? records[0]?.id ?? 'none';
  else if (order !== null) value = order;
  else if (record) value = `${firstSentence(record.text)} [${record.id}]`;
  else if (TEXT_FIELD.test(name) || name === '') value = summarise(records);
  else value = records[0] ? firstSentence(records[0].text) : 'none';
  if (schema.format === 'date-time') return new Date(0).toISOString();
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  if (maxLength !== undefined) value = value.slice(0, maxLength);
  return value.padEnd(minLength, '.');
}

function numberFor(schema: Schema, name: string, context: Context): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let value = COUNT_FIELD.test(name) ? context.records.length : (minimum ?? 0);
  if (minimum !== undefined) value = Math.max(value, minimum);
  if (maximum !== undefined) value = Math.min(value, maximum);
  return value;
}
