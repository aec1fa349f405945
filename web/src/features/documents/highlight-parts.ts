export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * Splits a search highlight (matched words between `[[` and `]]`, plain text) into parts to render as
 * text and <mark>, so nothing from a document is ever interpreted as HTML.
 */
export function highlightParts(highlight: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let rest = highlight;
  while (rest.length > 0) {
    const open = rest.indexOf('[[');
    const close = open === -1 ? -1 : rest.indexOf(']]', open + 2);
    if (open === -1 || close === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    parts.push({ text: rest.slice(open + 2, close), match: true });
    rest = rest.slice(close + 2);
  }
  return parts;
}
