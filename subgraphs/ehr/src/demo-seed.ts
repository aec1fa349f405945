import { demoSignIn, gatewayData, type DemoSeedContext } from '@holovitals/subgraph-kit';

/**
 * Puts the local Demo Hospital in the provider directory, added through the gateway by the demo patient as any
 * signed-in user could, so "Hospitals" offers it on first sign-in. Adding an existing URL returns it unchanged.
 * It names Demo Hospital's built-in client id rather than registering dynamically: the demo database outlives
 * a Demo Hospital restart, which forgets dynamically registered clients.
 */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  const hospital = context.auxiliaryUrls['demo-hospital'];
  if (hospital === undefined) return;
  const token = await demoSignIn(context, 'patient@demo.holovitals.local');
  const { addEhrProvider } = await gatewayData<{ addEhrProvider: { name: string } }>(
    context.gatewayUrl,
    'mutation DemoProvider($url: String!) { addEhrProvider(fhirBaseUrl: $url, name: "Demo Hospital", clientId: "holovitals") { name } }',
    { url: `${hospital}/fhir` },
    token,
  );
  context.log(`Demo EHR provider: ${addEhrProvider.name} (${hospital}/fhir).`);
}
