#!/usr/bin/env node
import { resolve } from 'node:path';
import { eventKeyEnvLines, eventPublishers } from './dev-secrets';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { startStack } from './stack';
import { loadStackConfig } from './stack-config';

const log = (line: string): boolean => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const env = process.env;
  const config = loadStackConfig(env);
  const demo = config.DEMO_MODE;
  const stack = await startStack({
    root,
    env,
    databasePrefix: config.DATABASE_PREFIX,
    demo,
    web: true,
    dataDir: resolve(root, '.data'),
    log,
  });
  log('');
  log('HoloVitals is running.');
  log(`  GraphQL API (gateway):  ${stack.gatewayUrl}`);
  if (stack.webUrl) log(`  Web app:                ${stack.webUrl}`);
  for (const [name, subgraph] of Object.entries(stack.subgraphs))
    log(`  ${name.padEnd(22)}  ${subgraph.url}`);
  if (demo) {
    log('');
    log(`  Demo accounts (password: ${config.DEMO_PASSWORD}):`);
    log('    patient@demo.holovitals.local    PATIENT');
    log('    clinician@demo.holovitals.local  CLINICIAN');
    log('    admin@demo.holovitals.local      ADMIN');
  }
  log(`  Logs: ${stack.logDir}`);
  log('Press Ctrl-C to stop.');
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[2] === 'event-keys') {
  // For compose's .env: `npm start` keeps its own keys in .data/dev-secrets.json instead.
  log(eventKeyEnvLines(eventPublishers(SERVICE_REGISTRY)).join('\n'));
  process.exit(0);
}
if (process.argv[2] !== 'start') {
  process.stderr.write('usage: holovitals-stack start | event-keys\n');
  process.exit(2);
}
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
