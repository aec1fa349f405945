/** Why a whole bundle is refused before any entry is looked at. */
export enum BundleRejectionReason {
  NOT_A_BUNDLE = 'NOT_A_BUNDLE',
  UNSUPPORTED_BUNDLE_TYPE = 'UNSUPPORTED_BUNDLE_TYPE',
  TOO_LARGE = 'TOO_LARGE',
}

/** A bundle that cannot be imported at all; nothing of it is written. */
export class BundleRejectedError extends Error {
  constructor(
    readonly reason: BundleRejectionReason,
    message: string,
  ) {
    super(message);
    this.name = 'BundleRejectedError';
  }
}
