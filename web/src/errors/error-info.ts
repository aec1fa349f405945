/** What the UI needs to explain a failed request: a code to branch on, and words for the user. */
export interface ErrorInfo {
  code: string;
  reason: string | null;
  message: string;
  /** Field name → first message, from BAD_USER_INPUT validation errors. */
  fieldErrors: Record<string, string>;
  /** With reason STEP_UP_REQUIRED: the purpose to answer an identity challenge for. */
  stepUpPurpose: string | null;
}

/** A GraphQL error as it arrives on the wire. */
export interface WireError {
  message?: string;
  extensions?: Record<string, unknown>;
}

interface ClassValidatorError {
  property?: unknown;
  constraints?: unknown;
  children?: unknown;
}

function collectFieldErrors(items: unknown, into: Record<string, string>): void {
  if (!Array.isArray(items)) return;
  for (const item of items as ClassValidatorError[]) {
    if (typeof item !== 'object' || item === null) continue;
    const constraints = item.constraints;
    if (typeof item.property === 'string' && typeof constraints === 'object' && constraints !== null) {
      const first = Object.values(constraints as Record<string, unknown>).find(
        (value) => typeof value === 'string',
      );
      if (typeof first === 'string' && !(item.property in into)) into[item.property] = first;
    }
    collectFieldErrors(item.children, into);
  }
}

export function errorInfoFromWire(error: WireError | undefined): ErrorInfo {
  const extensions = error?.extensions ?? {};
  const fieldErrors: Record<string, string> = {};
  collectFieldErrors(extensions.validationErrors, fieldErrors);
  return {
    code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
    reason: typeof extensions.reason === 'string' ? extensions.reason : null,
    message: error?.message ?? '',
    fieldErrors,
    stepUpPurpose:
      extensions.reason === 'STEP_UP_REQUIRED' && typeof extensions.purpose === 'string'
        ? extensions.purpose
        : null,
  };
}

/** Words for the person in front of the screen: what happened and what to do next. */
export function describeError(info: ErrorInfo): string {
  switch (info.code) {
    case 'SERVICE_UNAVAILABLE':
      return 'HoloVitals cannot be reached right now. Check your connection and try again in a moment.';
    case 'RATE_LIMITED':
      return 'Too many attempts in a short time. Wait a minute, then try again.';
    case 'UNAUTHENTICATED':
      return info.message || 'Your session has ended. Sign in again.';
    case 'FORBIDDEN':
      return info.message || 'You do not have access to this.';
    case 'BAD_USER_INPUT':
      return Object.keys(info.fieldErrors).length > 0
        ? 'Some details need fixing — see the highlighted fields.'
        : info.message || 'Some details are not valid.';
    case 'NOT_FOUND':
      return info.message || 'This item no longer exists.';
    case 'CONFLICT':
      return info.message || 'This was changed elsewhere. Reload to see the latest version, then try again.';
    case 'PAYLOAD_TOO_LARGE':
      return info.message || 'The file is too large.';
    default:
      return 'Something went wrong on our side. Try again; if it keeps happening, contact support.';
  }
}
