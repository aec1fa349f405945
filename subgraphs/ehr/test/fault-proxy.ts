import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to one matching request instead of forwarding it. */
export type Fault =
  | {
      status: number;
      retryAfter?: string;
      /** The OperationOutcome's issue code; `transient` (the default) means "ask again later". */
      issueCode?: string;
    }
  | { invalidJson: true };

interface FaultRule {
  match: (path: string, method: string) => boolean;
  fault: Fault;
  remaining: number;
}

/**
 * A real HTTP hop in front of Demo Hospital (whose public URL is set to this proxy), so tests can make the
 * hospital answer 500, 429 or broken JSON on chosen requests while everything else passes through unchanged.
 */
export interface FaultProxy {
  origin: string;
  /** Requests seen, by path and query. */
  seen: string[];
  /** The same requests with their method and when they arrived (ms since the epoch). */
  requests: { method: string; path: string; at: number }[];
  inject(match: (path: string, method: string) => boolean, fault: Fault, times?: number): void;
  clear(): void;
  setTarget(origin: string): void;
  stop(): Promise<void>;
}

export async function startFaultProxy(): Promise<FaultProxy> {
  let target = '';
  let rules: FaultRule[] = [];
  const seen: string[] = [];
  const requests: { method: string; path: string; at: number }[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    seen.push(path);
    requests.push({ method, path, at: Date.now() });
    const rule = rules.find((candidate) => candidate.remaining > 0 && candidate.match(path, method));
    if (rule) {
      rule.remaining -= 1;
      if ('invalidJson' in rule.fault) {
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end('{"resourceType":"Bundle","entry":[{"resource":');
      } else {
        res.writeHead(rule.fault.status, {
          'content-type': 'application/fhir+json',
          ...(rule.fault.retryAfter ? { 'retry-after': rule.fault.retryAfter } : {}),
        });
        res.end(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: rule.fault.issueCode ?? 'transient' }],
          }),
        );
      }
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length')
          headers.set(name, value);
      fetch(`${target}${path}`, {
        method: req.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      })
        .then(async (answer) => {
          const body = Buffer.from(await answer.arrayBuffer());
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding')
              out[name] = value;
          });
          res.writeHead(answer.status, out);
          res.end(body);
        })
        .catch((error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    requests,
    inject: (match, fault, times = 1) => rules.push({ match, fault, remaining: times }),
    clear: () => {
      rules = [];
      seen.length = 0;
      requests.length = 0;
    },
    setTarget: (origin) => {
      target = origin;
    },
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
