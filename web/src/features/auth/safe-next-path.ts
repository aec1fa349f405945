// Any origin will do: only whether a value stays on it matters, and `.invalid` never resolves.
const BASE = new URL('https://holovitals.invalid');

/**
 * Only same-origin paths are followed after sign-in, so a crafted link cannot send the user elsewhere.
 * The value is resolved the way the browser will resolve it (the URL parser drops tabs and newlines
 * and reads `\` as `/`, so `/\t/evil.example` becomes `//evil.example`), and anything that is not a
 * plain path on our own origin falls back.
 */
export function safeNextPath(value: string | null | undefined, fallback = '/dashboard'): string {
  if (!value || !value.startsWith('/')) return fallback;
  // Control characters and backslashes have no place in a path we link to; rejecting them outright
  // leaves no room for the parser to turn them into something else.
  if ([...value].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
    return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin || url.pathname.startsWith('//')) return fallback;
  if (url.pathname.startsWith('/login') || url.pathname.startsWith('/register')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
