/** The gateway accepts requests up to 20 MB; a larger file is refused before it is sent. */
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;

export type BundleFileResult = { ok: true; bundle: Record<string, unknown> } | { ok: false; problem: string };

/** Checks what the browser can check before uploading: size, JSON syntax, and that it is a FHIR Bundle. */
export function readBundleText(text: string, size: number): BundleFileResult {
  if (size > MAX_BUNDLE_BYTES) {
    return {
      ok: false,
      problem: 'This file is larger than 20 MB. Export a smaller date range from your provider.',
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      problem: 'This file is not valid JSON. Choose the .json file your provider exported.',
    };
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { resourceType?: unknown }).resourceType !== 'Bundle'
  ) {
    return {
      ok: false,
      problem:
        'This JSON file is not a FHIR Bundle (its resourceType is not "Bundle"). Choose a FHIR R4 Bundle export.',
    };
  }
  return { ok: true, bundle: parsed as Record<string, unknown> };
}
