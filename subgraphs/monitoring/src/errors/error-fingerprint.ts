import { createHash } from 'node:crypto';
import { scrubErrorText } from '@holovitals/events';

/** Frames that identify where an error was thrown; more would split one bug across deploys that move code. */
const TOP_FRAMES = 3;

/** The message with what varies between occurrences (ids, numbers, values) as placeholders. */
export function messageTemplate(message: string): string {
  return scrubErrorText(message)
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b0x[0-9a-f]+\b/gi, '<n>')
    .replace(/\b\d+(?:\.\d+)?\b/g, '<n>')
    .slice(0, 500);
}

/**
 * The top frames of our own code in a stack, without line and column numbers (they change with every build).
 * Library and runtime frames are left out: the same bug reaches them by different paths (sync or async, first
 * call or later), which would split one group into several.
 */
export function topFrames(stack: string | null): string[] {
  if (!stack) return [];
  return stack
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) =>
        line.startsWith('at ') && !/node_modules|node:internal|\(native\)|^at async Promise\./.test(line),
    )
    .slice(0, TOP_FRAMES)
    .map((frame) => frame.replace(/:\d+(?::\d+)?(\)?)$/, '$1'));
}

export function errorFingerprint(parts: {
  service: string;
  origin: string;
  errorName: string;
  message: string;
  stack: string | null;
}): string {
  return createHash('sha256')
    .update(
      [
        parts.service,
        parts.origin,
        parts.errorName,
        messageTemplate(parts.message),
        ...topFrames(parts.stack),
      ].join('\n'),
    )
    .digest('hex');
}
