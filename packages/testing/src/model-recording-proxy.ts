import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  /** Base URL to give the model client instead of the server's (ends in /v1). */
  baseURL: string;
  /** Every request body that went through, as the server received it. */
  bodies: string[];
  /**
   * Rewrites applied to the next answers' message content, one per answer (for answers no model would give on
   * its own, such as citations of ids the record does not hold).
   */
  rewrites: Array<(content: string) => string>;
  stop(): Promise<void>;
}

/**
 * A plain HTTP pass-through in front of the local model server that keeps each request body, so a test can
 * read exactly what left a worker (analysis, documents).
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const bodies: string[] = [];
  const rewrites: Array<(content: string) => string> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      bodies.push(body.toString('utf8'));
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          const rewrite = answer.statusCode === 200 ? rewrites.shift() : undefined;
          if (!rewrite) {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            return;
          }
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const completion = JSON.parse(Buffer.concat(parts).toString('utf8')) as {
              choices: Array<{ message: { content: string } }>;
            };
            for (const choice of completion.choices) choice.message.content = rewrite(choice.message.content);
            const out = Buffer.from(JSON.stringify(completion));
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length });
            res.end(out);
          });
        },
      );
      forward.on('error', () => res.destroy());
      res.on('close', () => forward.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    bodies,
    rewrites,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
