import type { EnvelopeCipher } from '@holovitals/encryption';
import type { SmartClientState } from './smart-client';

/** Binds sealed tokens to their connection row: copied to another row they do not decrypt. */
export const connectionContext = (connectionId: string): string => `ehr.connection:${connectionId}`;

export function sealClientState(
  cipher: EnvelopeCipher,
  connectionId: string,
  state: SmartClientState,
): string {
  return cipher.encrypt(JSON.stringify(state), connectionContext(connectionId));
}

export function openClientState(
  cipher: EnvelopeCipher,
  connectionId: string,
  sealed: string,
): SmartClientState {
  return JSON.parse(cipher.decryptString(sealed, connectionContext(connectionId))) as SmartClientState;
}
