import argon2 from 'argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and fast enough for a login endpoint. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | null = null;

/** Spends the same time as a real check, so a login for an unknown email is not faster. */
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that nobody has');
  await verifyPassword(await decoy, password);
}
