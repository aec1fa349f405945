import { sanitizePrompt } from '@holovitals/deidentify';
import { ModelClient } from '../src';
import { loadModelServerConfig, startModelServer } from '@holovitals/model-server';
import { z } from 'zod';

/**
 * `npm run bench:model`: completeJson calls per second through the real SDK against the local model server
 * answering at a fixed latency, at several concurrencies, and what sanitising a prompt costs per call.
 * The ideal at concurrency c is c / latency; the gap is the client's and the server's own overhead.
 */
const LATENCY_MS = Number(process.argv[2] ?? 200);
const CALLS = 120;
const KEY = 'bench-model-key';

const schema = z.object({
  summary: z.string(),
  findings: z.array(z.object({ statement: z.string(), recordIds: z.array(z.string()) })),
});
const records = Array.from({ length: 8 }, (_, i) => ({
  id: `obs-${i + 1}`,
  text: `Mrs. Alvarez (MRN 99112${i}3) had HbA1c ${(7 + i / 10).toFixed(1)}% on 3/${i + 1}/2025, seen by Dr. Okafor at 12 Elm Street, Springfield, IL 62704. Phone (217) 555-01${i}2.`,
}));

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function main(): Promise<void> {
  const server = await startModelServer(
    loadModelServerConfig({
      PORT: '0',
      MODEL_SERVER_API_KEY: KEY,
      MODEL_SERVER_LATENCY_MS: String(LATENCY_MS),
    }),
  );
  const client = new ModelClient({
    baseURL: server.baseURL,
    apiKey: KEY,
    model: 'holovitals-local',
    pricePer1kInput: 0,
    pricePer1kOutput: 0,
    timeoutMs: 30_000,
    maxRetries: 0,
  });
  const sanitiseStarted = performance.now();
  for (let i = 0; i < 50; i += 1) sanitizePrompt({ instruction: 'Summarise.', task: 'Summarise.', records });
  const sanitiseMs = (performance.now() - sanitiseStarted) / 50;
  process.stdout.write(
    `Model server latency ${LATENCY_MS} ms, ${CALLS} completeJson calls per row, 8 records per prompt\n` +
      `sanitizePrompt: ${sanitiseMs.toFixed(1)} ms per prompt (8 records, ~1.3 KB)\n` +
      `${'concurrency'.padEnd(12)}${'calls/s'.padStart(9)}${'ideal'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}\n`,
  );
  const prompt = sanitizePrompt({ instruction: 'Summarise.', task: 'Summarise.', records });
  for (const concurrency of [1, 8, 32]) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < CALLS) {
          next += 1;
          const { calls } = await client.completeJson(schema, prompt);
          latencies.push(calls[0]?.latencyMs ?? 0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${String(concurrency).padEnd(12)}${(CALLS / seconds).toFixed(1).padStart(9)}${((concurrency * 1000) / Math.max(1, LATENCY_MS)).toFixed(1).padStart(9)}${String(percentile(latencies, 50)).padStart(9)}${String(percentile(latencies, 95)).padStart(9)}\n`,
    );
  }
  await server.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
