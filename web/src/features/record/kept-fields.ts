/**
 * The fields a form does not show, copied from the entry being edited (null when adding), so that saving the
 * form sends them back unchanged instead of clearing them.
 */
export function keptFields<Entry extends object, Key extends keyof Entry>(
  initial: Entry | undefined,
  keys: readonly Key[],
): { [K in Key]: NonNullable<Entry[K]> | null } {
  return Object.fromEntries(keys.map((key) => [key, initial?.[key] ?? null])) as {
    [K in Key]: NonNullable<Entry[K]> | null;
  };
}
