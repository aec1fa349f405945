import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoSignIn, gatewayData, type DemoSeedContext } from '@holovitals/subgraph-kit';

/** The demo patient's record: a Synthea bundle shipped in fixtures (Apache-2.0, see fixtures/synthea-r4). */
export const DEMO_BUNDLE = 'Damion_Strosin_93ea4d3e-6634-4063-8a59-3db23b0d6cbc.json';

/**
 * Imports the demo patient's Synthea record through the gateway, as that patient, the way a user
 * would. Re-running it changes nothing (the import is idempotent).
 */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  const token = await demoSignIn(context, 'patient@demo.holovitals.local');
  const bundle: unknown = JSON.parse(
    await readFile(join(__dirname, '..', 'fixtures', 'synthea-r4', DEMO_BUNDLE), 'utf8'),
  );
  const { importFhirBundle } = await gatewayData<{
    importFhirBundle: { created: number; updated: number; unchanged: number };
  }>(
    context.gatewayUrl,
    'mutation DemoImport($bundle: JSON!) { importFhirBundle(bundle: $bundle) { created updated unchanged } }',
    { bundle },
    token,
  );
  context.log(
    `Demo patient record: ${importFhirBundle.created} created, ${importFhirBundle.updated} updated, ${importFhirBundle.unchanged} unchanged.`,
  );
}
