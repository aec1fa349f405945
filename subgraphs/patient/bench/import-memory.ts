import { readBundleEntries } from '../src/fhir/bundle-entries';
import { planBundleImport } from '../src/fhir/bundle-import-plan';
import { unresolvedConditionalReferences } from '../src/fhir/bundle-references';
import { RECORD_KINDS } from '../src/fhir/record-kinds';
import { bundleJsonBytes } from '../src/import/bundle-size';
import { fhirResourceRowsJson } from '../src/import/fhir-resource-upsert';
import { recordRowsJson } from '../src/import/record-upsert';
import { readSynthea } from '../test/support/synthea-fixtures';

// Peak memory of the importer's in-process work on one ~20 MB bundle (everything between the parsed GraphQL
// argument and the SQL parameters): size check, entry reading, reference resolution, planning, row JSON.
// Run each measurement in a fresh process so peak RSS belongs to it alone:
//   npm run bench:import-memory            (prints one line; run it a few times)

const TARGET_BYTES = 20_000_000;

/** One patient's bundle grown to ~20 MB by repeating its entries under new ids (references stay consistent). */
function largeBundleJson(): string {
  const source = readSynthea('Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json') as {
    entry: { fullUrl: string; resource: { resourceType: string; id: string } }[];
  };
  const sourceText = JSON.stringify(source.entry.slice(1));
  const entries: string[] = [JSON.stringify(source.entry[0])];
  let bytes = entries[0].length;
  for (let copy = 0; bytes < TARGET_BYTES; copy += 1) {
    // Suffix every urn:uuid (fullUrls and the references to them) and id so each copy is a distinct set.
    const suffix = copy.toString(16).padStart(4, '0');
    const text = sourceText
      .replace(/urn:uuid:([0-9a-f-]{32})[0-9a-f]{4}/g, `urn:uuid:$1${suffix}`)
      .replace(/"id":"([0-9a-f-]{32})[0-9a-f]{4}"/g, `"id":"$1${suffix}"`)
      .replace(
        new RegExp(`urn:uuid:${source.entry[0].resource.id.slice(0, 32)}[0-9a-f]{4}`, 'g'),
        source.entry[0].fullUrl,
      );
    entries.push(text.slice(1, -1));
    bytes += text.length;
  }
  return `{"resourceType":"Bundle","type":"collection","entry":[${entries.join(',')}]}`;
}

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(0);
}

function main(): void {
  const text = largeBundleJson();
  const bundle: unknown = JSON.parse(text);
  global.gc?.();
  const before = process.memoryUsage();
  const started = process.hrtime.bigint();

  const size = bundleJsonBytes(bundle);
  const entries = readBundleEntries(bundle);
  unresolvedConditionalReferences(entries.resources);
  const plan = planBundleImport(entries, new Map(), null);
  const params = [fhirResourceRowsJson(plan.resources)];
  for (const kind of RECORD_KINDS) {
    params.push(
      recordRowsJson(
        kind,
        plan.records.filter((r) => r.record.kind === kind),
      ),
    );
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `bundle ${mb(text.length)} MB (${size} bytes counted), ${plan.resources.length} resources, ${plan.errors.length} errors, ` +
      `${seconds.toFixed(2)} s; heap after parse ${mb(before.heapUsed)} MB, heap at end ${mb(after.heapUsed)} MB ` +
      `(+${mb(after.heapUsed - before.heapUsed)}), RSS after parse ${mb(before.rss)} MB, peak RSS ${mb(peakRss)} MB ` +
      `(+${mb(peakRss - before.rss)}), params ${mb(params.reduce((n, p) => n + p.length, 0))} MB\n`,
  );
}

main();
