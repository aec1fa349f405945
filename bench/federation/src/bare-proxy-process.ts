import { createServer } from 'node:http';
import { Agent, request } from 'undici';

/**
 * `node bare-proxy-process.js <target url> <port>`: the least any process in the request path can cost. It
 * reads each request body and sends the same bytes to the target over a keep-alive pool, then writes the
 * answer back: HTTP in and out twice, no GraphQL, no checks. Its ratio to the target direct is the ceiling
 * of a one-process Node gateway on this machine.
 */
const [target, port] = process.argv.slice(2);
if (!target || !port) {
  process.stderr.write('usage: bare-proxy-process <target url> <port>\n');
  process.exit(2);
}
const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
      dispatcher,
    })
      .then(async ({ statusCode, body }) => {
        const text = await body.text();
        res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8' });
        res.end(text);
      })
      .catch((error: unknown) => {
        res.writeHead(502).end(String(error));
      });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
