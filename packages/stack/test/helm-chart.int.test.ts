import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  imageRole,
  migrateEntry,
  SERVICE_REGISTRY,
  servicesOfKind,
  subgraphUrlEnvVar,
  type ServiceEntry,
} from '@holovitals/service-registry';

const root = resolve(__dirname, '..', '..', '..');
const chart = join(root, 'deploy', 'helm', 'holovitals');
const valuesFiles = ['values-dev.yaml', 'values-prod.yaml'];

// `helm` from PATH, or HELM_BIN (deploy/helm/install-helm.sh puts one under .data/tools). Without it the
// rendering checks are skipped and say so; the values checks below run everywhere.
const helm = process.env.HELM_BIN ?? 'helm';
const helmAvailable = spawnSync(helm, ['version', '--short']).status === 0;
if (!helmAvailable) process.stderr.write(`helm not found (${helm}): rendering checks of the chart skipped\n`);

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}
interface Container {
  name: string;
  image: string;
  command: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { key: string } } }>;
  ports: Array<{ name: string; containerPort: number }>;
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
  securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
}
interface PodSpec {
  containers: Container[];
  securityContext: { runAsNonRoot: boolean };
}

function render(...args: string[]): K8sObject[] {
  const output = execFileSync(helm, ['template', 'hv', chart, ...args], { encoding: 'utf8' });
  return parseAllDocuments(output)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

/** The object's model in kubernetes-models (the API's OpenAPI schemas, compiled), e.g. apps/v1/Deployment. */
function validateAgainstApi(object: K8sObject): void {
  const path = object.apiVersion.includes('/') ? object.apiVersion : `v1`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(`kubernetes-models/${path}/${object.kind}`) as Record<
    string,
    new (data: unknown) => { validate(): void }
  >;
  new module[object.kind](object).validate();
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!object) throw new Error(`${kind} ${name} not rendered`);
  return object;
}

const podSpec = (object: K8sObject): PodSpec =>
  (object.spec as { template: { spec: PodSpec } }).template.spec;
const envOf = (container: Container): Record<string, string> =>
  Object.fromEntries(
    (container.env ?? []).map((variable) => [
      variable.name,
      variable.value ?? `secret:${variable.valueFrom?.secretKeyRef.key ?? ''}`,
    ]),
  );
const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Helm's coalescing of a values file over the chart's: maps merge key by key, anything else replaces. */
function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isMap(current) && isMap(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

const deployedInProd = (entry: ServiceEntry): boolean => entry.kind !== 'auxiliary';

describe('the Helm chart (deploy/helm/holovitals)', () => {
  it('has values files that its values.schema.json accepts, and a schema that refuses a bad one', () => {
    const schema = JSON.parse(readFileSync(join(chart, 'values.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const defaults = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
    for (const file of valuesFiles) {
      const values = parse(readFileSync(join(chart, file), 'utf8')) as Record<string, unknown>;
      const merged = mergeValues(defaults, values);
      expect(validate(merged), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ ...defaults, image: { repository: 'x', digests: { web: 'latest' } } })).toBe(false);
    expect(validate({ ...defaults, replicaCount: 3 })).toBe(false);
  });

  it.runIf(helmAvailable)('passes helm lint --strict with the default, dev and prod values', () => {
    for (const args of [[], ...valuesFiles.map((file) => ['-f', join(chart, file)])])
      execFileSync(helm, ['lint', '--strict', chart, ...args], { encoding: 'utf8' });
  });

  it.runIf(helmAvailable)('renders objects that the Kubernetes API schemas accept', () => {
    for (const file of valuesFiles) {
      const objects = render('-f', join(chart, file));
      expect(objects.length).toBeGreaterThan(40);
      for (const object of objects) {
        if (object.kind === 'ExternalSecret') {
          expect(object.apiVersion).toBe('external-secrets.io/v1');
          expect(object.spec).toMatchObject({ secretStoreRef: { name: expect.any(String) } });
          continue;
        }
        expect(
          () => validateAgainstApi(object),
          `${file}: ${object.kind} ${object.metadata.name}`,
        ).not.toThrow();
      }
    }
  });

  it.runIf(helmAvailable)(
    'runs every registry process with its entry, port and health paths, as non-root on a read-only root',
    () => {
      const objects = render('-f', join(chart, 'values-prod.yaml'));
      for (const entry of SERVICE_REGISTRY.filter(deployedInProd)) {
        const pod = podSpec(find(objects, 'Deployment', `hv-holovitals-${entry.name}`));
        const [container] = pod.containers;
        expect(container.command, entry.name).toEqual(['node', entry.entry, ...(entry.args ?? [])]);
        expect(container.image, entry.name).toBe(
          `registry.example.com/holovitals/holovitals-${imageRole(entry)}:0.1.0`,
        );
        expect(container.ports.find((port) => port.name === 'http')?.containerPort).toBe(entry.port);
        expect(envOf(container).PORT).toBe(String(entry.port));
        expect(container.readinessProbe.httpGet.path).toBe(entry.healthPath);
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        });
        const service = find(objects, 'Service', `hv-holovitals-${entry.name}`);
        expect(service.spec?.ports).toContainEqual(
          expect.objectContaining({ name: 'http', port: entry.port }),
        );
      }
      for (const entry of SERVICE_REGISTRY.filter((candidate) => !deployedInProd(candidate)))
        expect(objects.some((object) => object.metadata.name === `hv-holovitals-${entry.name}`)).toBe(false);
    },
  );

  it.runIf(helmAvailable)(
    'routes the gateway to every subgraph and admits only the gateway, monitoring and Prometheus to them',
    () => {
      const objects = render('-f', join(chart, 'values-prod.yaml'));
      const gatewayEnv = envOf(podSpec(find(objects, 'Deployment', 'hv-holovitals-gateway')).containers[0]);
      for (const subgraph of servicesOfKind(SERVICE_REGISTRY, 'subgraph')) {
        expect(gatewayEnv[subgraphUrlEnvVar(subgraph.name)]).toBe(
          `http://hv-holovitals-${subgraph.name}:${subgraph.port}/graphql`,
        );
        const policy = find(objects, 'NetworkPolicy', `hv-holovitals-${subgraph.name}`);
        const rules = JSON.stringify(policy.spec);
        for (const peer of ['gateway', 'monitoring', 'monitoring-worker'])
          if (subgraph.name !== 'identity')
            expect(rules, subgraph.name).toContain(`"app.kubernetes.io/component":"${peer}"`);
        expect(rules).toContain('"app.kubernetes.io/name":"prometheus"');
        expect(rules).not.toContain('ingress-nginx');
      }
    },
  );

  it.runIf(helmAvailable)(
    'migrates each subgraph database in a pre-install/pre-upgrade Job, and the services do not',
    () => {
      const objects = render('-f', join(chart, 'values-prod.yaml'));
      for (const subgraph of servicesOfKind(SERVICE_REGISTRY, 'subgraph')) {
        const job = find(objects, 'Job', `hv-holovitals-${subgraph.name}-migrations`);
        expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
        const [container] = podSpec(job).containers;
        expect(container.command).toEqual(['node', migrateEntry(subgraph)]);
        expect(container.image).toBe('registry.example.com/holovitals/holovitals-services:0.1.0');
        expect(envOf(container).DATABASE_URL).toBe(`secret:DATABASE_URL_${subgraph.database?.toUpperCase()}`);
        const service = podSpec(find(objects, 'Deployment', `hv-holovitals-${subgraph.name}`)).containers[0];
        expect(envOf(service).MIGRATIONS_RUN).toBe('false');
      }
    },
  );

  it.runIf(helmAvailable)(
    'scales services on CPU and workers on their queue depth; dev runs the stand-ins without autoscaling',
    () => {
      const prod = render('-f', join(chart, 'values-prod.yaml'));
      for (const entry of SERVICE_REGISTRY.filter(deployedInProd)) {
        const metrics = JSON.stringify(
          find(prod, 'HorizontalPodAutoscaler', `hv-holovitals-${entry.name}`).spec,
        );
        if (entry.kind === 'worker') expect(metrics, entry.name).toContain(`"service":"${entry.name}"`);
        else expect(metrics, entry.name).toContain('"name":"cpu"');
      }
      const dev = render('-f', join(chart, 'values-dev.yaml'));
      expect(dev.filter((object) => object.kind === 'HorizontalPodAutoscaler')).toEqual([]);
      for (const entry of servicesOfKind(SERVICE_REGISTRY, 'auxiliary'))
        expect(find(dev, 'Deployment', `hv-holovitals-${entry.name}`).kind).toBe('Deployment');
    },
  );

  it.runIf(helmAvailable)('pins a role to its digest and leaves the other roles on the tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const objects = render('-f', join(chart, 'values-prod.yaml'), '--set', `image.digests.gateway=${digest}`);
    const image = (name: string) =>
      podSpec(find(objects, 'Deployment', `hv-holovitals-${name}`)).containers[0].image;
    expect(image('gateway')).toBe(`registry.example.com/holovitals/holovitals-gateway@${digest}`);
    expect(image('web')).toBe('registry.example.com/holovitals/holovitals-web:0.1.0');
    expect(image('patient')).toBe('registry.example.com/holovitals/holovitals-services:0.1.0');
  });

  it.runIf(helmAvailable)('refuses values its schema forbids', () => {
    const result = spawnSync(helm, ['template', 'hv', chart, '--set', 'image.digests.web=latest'], {
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('/image/digests/web');
  });
});
