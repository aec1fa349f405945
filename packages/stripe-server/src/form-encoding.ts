/** A decoded Stripe request body: nested objects and arrays of strings, as the SDK encoded them. */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

const KEY_PART = /\[([^\]]*)\]/g;

/** Splits `line_items[0][price]` into `['line_items', '0', 'price']`. */
function keyPath(key: string): string[] {
  const head = key.split('[', 1)[0] ?? '';
  return [head, ...[...key.matchAll(KEY_PART)].map((match) => match[1] ?? '')];
}

/**
 * Decodes a form body the way Stripe's API reads it: bracketed keys nest (`metadata[user]=…`),
 * numeric parts and empty brackets build arrays (`expand[0]=…`, `expand[]=…`).
 */
export function decodeStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = keyPath(key);
    let node: FormObject | FormValue[] = root;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      const nextIsArray = !last && /^\d*$/.test(path[index + 1] ?? '');
      const container = node as Record<string, FormValue>;
      const slot = Array.isArray(node) && part === '' ? String(node.length) : part;
      if (last) {
        container[slot] = value;
        return;
      }
      container[slot] ??= nextIsArray ? [] : {};
      node = container[slot] as FormObject | FormValue[];
    });
  }
  return root;
}

/** The string at `key`, if the form holds a string there. */
export function formString(form: FormObject, key: string): string | undefined {
  const value = form[key];
  return typeof value === 'string' ? value : undefined;
}

/** The nested object at `key` (metadata, recurring, …), empty when absent. */
export function formObject(form: FormObject, key: string): FormObject {
  const value = form[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** The list at `key` (`line_items`, `expand`, `lookup_keys`), empty when absent. */
export function formList(form: FormObject, key: string): FormValue[] {
  const value = form[key];
  return Array.isArray(value) ? value.filter((item) => item !== undefined) : [];
}

/** Flattens a metadata object to string values (Stripe keeps metadata as strings). */
export function formMetadata(form: FormObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(formObject(form, 'metadata')).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
