import type { ReceivedMail } from '@holovitals/testing';

/** Waits for a message to `address` at the e2e mailbox and returns the token from its link. */
export async function verificationTokenFor(
  mailUrl: string,
  address: string,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const messages = (await fetch(`${mailUrl}?to=${encodeURIComponent(address)}`).then((r) =>
      r.json(),
    )) as ReceivedMail[];
    const token = messages.map((mail) => /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1]).find(Boolean);
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no verification mail for ${address}`);
}
