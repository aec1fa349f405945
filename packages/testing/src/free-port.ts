import { createServer } from 'node:net';

// The kernel may offer a port it just released again on the next listen(0): the e2e stack once gave compliance
// and billing the same port, compliance could not listen, and billing answered compliance's health check.
const handedOut = new Set<number>();

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A port free right now on loopback, for services that must know their own URL before they start; never one
 * this process was handed before, so ports chosen together for a whole stack are distinct.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await unusedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
