/**
 * Reads until `done` holds or the time is up, and returns the last value read: events cross processes
 * asynchronously, so a test waits for their effect and then asserts on the value it got.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((wake) => setTimeout(wake, intervalMs));
    value = await read();
  }
  return value;
}
