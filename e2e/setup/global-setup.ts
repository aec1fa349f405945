import { portEnvVar, SERVICE_REGISTRY } from '@holovitals/service-registry';
import { dropStackDatabases, servicePortEnv, startStack } from '@holovitals/stack';
import { freePort, startTestMailbox, type TestMailbox } from '@holovitals/testing';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { StackInfo } from './stack-info';

const root = resolve(__dirname, '..', '..');

/** Serves what the SMTP capture received, so test files in other workers can read their mail. */
async function serveMailbox(mailbox: TestMailbox): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://localhost').searchParams.get('to')?.toLowerCase() ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(mailbox.messages.filter((mail) => mail.to.includes(to))));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mail` };
}

/** Starts the whole product once for all e2e files: every subgraph, the gateway and the web app. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mailbox = await startTestMailbox();
  const mail = await serveMailbox(mailbox);
  const demoPassword = 'holovitals-demo';
  // Every process in the registry on a free port, so the e2e stack runs beside a developer's `npm start`.
  const ports = await servicePortEnv(SERVICE_REGISTRY, freePort);
  // Metrics listeners on known free ports too (`<NAME>_METRICS_PORT`), so monitoring can scrape them.
  const metricsPorts = await servicePortEnv(
    SERVICE_REGISTRY.map((entry) => ({ ...entry, name: `${entry.name}-metrics` })),
    freePort,
  );
  const webUrl = `http://127.0.0.1:${ports[portEnvVar('web')]}`;
  const stack = await startStack({
    root,
    env: {
      ...process.env,
      ...ports,
      ...metricsPorts,
      EMAIL_TRANSPORT: 'smtp',
      SMTP_URL: mailbox.url,
      APP_URL: webUrl,
      CORS_ORIGINS: webUrl,
      DEMO_PASSWORD: demoPassword,
      // The analyses of the e2e stack go to the local OpenAI-protocol server, so the model path is tested end to end.
      DEMO_MODEL_SERVER: 'true',
      // At a real model's pace rather than instantly, so a browser test sees an analysis's progress arrive live
      // instead of the task finishing before the page has subscribed to it.
      MODEL_SERVER_LATENCY_MS: '1500',
      // Free of charge here (the demo prices them): the analysis tests run as the Free demo patient, whose credit is
      // 0, while the billing browser test upgrades the same patient; with prices their outcome would hang on order.
      MODEL_PRICE_INPUT_PER_1K: '0',
      MODEL_PRICE_OUTPUT_PER_1K: '0',
      LOG_LEVEL: 'info',
      // Demo Hospital listens on loopback; the ehr subgraph refuses private addresses unless told otherwise.
      EHR_ALLOW_PRIVATE_NETWORK: 'true',
      // SMART redirect URIs must point at the web app.
      EHR_APP_ORIGIN: webUrl,
    },
    databasePrefix: `hv_e2e_${randomBytes(3).toString('hex')}`,
    demo: true,
    web: true,
    dataDir: resolve(root, '.data', 'e2e'),
    log: () => undefined,
  });
  const info: StackInfo = {
    gatewayUrl: stack.gatewayUrl,
    webUrl: stack.webUrl,
    mailUrl: mail.url,
    subgraphs: stack.subgraphs,
    demoPassword,
    demoHospitalFhirUrl: `http://127.0.0.1:${ports[portEnvVar('demo-hospital')]}/fhir`,
    stripeServerUrl: `http://127.0.0.1:${ports[portEnvVar('stripe-server')]}`,
  };
  project.provide('stack', info);
  return async () => {
    await stack.stop();
    await dropStackDatabases(
      process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      stack,
    );
    await mailbox.stop();
    await new Promise((done) => mail.server.close(done));
  };
}
