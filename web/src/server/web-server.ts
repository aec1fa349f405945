import { clientAddress, runServiceProcess, trustedProxies } from '@holovitals/http-server';
import next from 'next';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CLIENT_ADDRESS_FROM_SERVER, CLIENT_ADDRESS_HEADER } from './client-address-header';
import { forwardFileRequest, isFilesRequest } from './documents-file-proxy';
import { loadWebServerConfig } from './web-server-config';

/**
 * Serves the built Next.js app. Next's own server keeps a browser-sent `x-forwarded-for` and offers
 * route handlers no socket address, so the sign-in throttle would see whatever the browser claims.
 * This server writes the address it saw (or, behind a trusted load balancer, the nearest untrusted
 * hop) into that header before Next reads the request.
 */
async function startWebServer() {
  const config = loadWebServerConfig();
  const isTrustedProxy = trustedProxies(config.TRUSTED_PROXIES);
  process.env[CLIENT_ADDRESS_FROM_SERVER] = 'true';
  // Compiled to web/dist/, so the app (web/.next) is one level up.
  const app = next({ dev: false, dir: resolve(__dirname, '..'), hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    if (isFilesRequest(req)) {
      forwardFileRequest(req, res, config.DOCUMENTS_URL);
      return;
    }
    const address = clientAddress(req, isTrustedProxy);
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete req.headers[CLIENT_ADDRESS_HEADER];
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal server error');
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(config.PORT, config.HOST, done);
  });
  process.stdout.write(`web ready on http://${config.HOST}:${(server.address() as AddressInfo).port}\n`);
  return {
    stop: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
      await app.close();
    },
  };
}

runServiceProcess('web', startWebServer);
