/**
 * The container topology's files, checked without a Docker engine or a
 * cluster (neither exists here): they parse, carry the keys the issue names,
 * agree with each other, and the API would accept the configuration they set.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { configSchema, parseConfig } from '../../packages/core/src/config';
import { REQUIRED_SETTINGS } from '../../packages/server/src/container/run';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';

const ROOT = PROJECT_ROOT;
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const KNOWN = new Set(Object.keys(configSchema.shape));
const GRACE = 25;

/** Compose interpolation: defaults used, required variables given a placeholder. */
const interpolate = (value: unknown) =>
  String(value)
    .replace(/\$\{(\w+):-([^}]*)\}/g, '$2')
    .replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => (name === 'JWT_PRIVATE_JWKS' ? '{"keys":[]}' : 'placeholder'))
    .replace(/\$\$/g, '$');
const seconds = (d: string) => Number(/^(\d+)s$/.exec(d)?.[1]);
/** The non-empty documents of a YAML stream; a syntax error throws, as `parse` does for a single document. */
const parseDocuments = (source: string): unknown[] =>
  parseAllDocuments(source)
    .map((doc) => {
      if (doc.errors.length > 0) throw doc.errors[0];
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc !== null);

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as any;
  const { app, nginx } = compose.services;

  it('has the services of the topology, each with a healthcheck or a completion condition', () => {
    // The app speaks RESP to Redis: no Upstash-REST proxy in the self-hosted topology.
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'minio', 'minio-init', 'mongo', 'nginx', 'redis']);
    for (const [name, svc] of Object.entries<any>(compose.services)) {
      if (name !== 'minio-init') expect(svc.healthcheck?.test, name).toBeDefined();
    }
    expect(compose.services.mongo.volumes).toEqual(['mongo-data:/data/db']);
    expect(app.depends_on).toEqual({
      mongo: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      'minio-init': { condition: 'service_completed_successfully' },
    });
    expect(nginx.depends_on.app.condition).toBe('service_healthy');
  });

  it('app: 4 replicas, limits, restart policy, start-first updates, scalable (no name, no published port)', () => {
    expect(app.build.target).toBe('server');
    expect(app.deploy.replicas).toBe(4);
    expect(app.deploy.resources.limits).toEqual({ cpus: expect.any(String), memory: expect.any(String) });
    expect(app.deploy.restart_policy.condition).toBe('any');
    expect(app.deploy.update_config.order).toBe('start-first');
    expect(app.healthcheck.test.join(' ')).toContain('/health');
    expect(app.container_name).toBeUndefined();
    expect(app.ports).toBeUndefined();
    expect(app.read_only).toBe(true);
    expect(seconds(app.stop_grace_period)).toBeGreaterThan(Number(app.environment.SHUTDOWN_GRACE_SECONDS));
  });

  it("app's environment is a configuration the container server accepts", () => {
    const env = Object.fromEntries(Object.entries<unknown>(app.environment).map(([k, v]) => [k, interpolate(v)]));

    for (const name of Object.keys(env)) expect(KNOWN.has(name), name).toBe(true);
    expect(() => parseConfig(env, REQUIRED_SETTINGS)).not.toThrow();
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.UPSTASH_REDIS_REST_URL).toBeUndefined();
  });

  it('only Nginx is trusted for client addresses, at a fixed address outside the dynamic range', () => {
    const [net] = compose.networks.backend.ipam.config;

    expect(app.environment.TRUSTED_PROXIES).toBe(nginx.networks.backend.ipv4_address);
    expect(nginx.networks.backend.ipv4_address.startsWith(net.ip_range.split('.').slice(0, 3).join('.') + '.')).toBe(false);
    expect(nginx.volumes).toContain('./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it('.env.example defines every variable compose requires', () => {
    const required = [...read('docker-compose.yml').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!);
    const example = new Set([...read('.env.example').matchAll(/^(\w+)=/gm)].map((m) => m[1]!));

    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(example.has(name), name).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((m) => ({ image: m[1]!, name: m[2]! }));
  const stage = (name: string) => dockerfile.split(/^FROM /m).find((s) => s.includes(` AS ${name}\n`)) ?? '';

  it('is multi-stage on node:24-alpine, the server being the default (last) target', () => {
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:24-alpine');
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime', 'upstash-proxy', 'server']);
  });

  it('builds the bundles with the same script the scale-out test runs, after npm ci of every workspace', () => {
    const workspaces = readdirSync(join(ROOT, 'packages')).filter((p) => existsSync(join(ROOT, 'packages', p, 'package.json')));

    expect(stage('build')).toMatch(/npm ci/);
    for (const ws of workspaces) expect(stage('build'), ws).toContain(`COPY packages/${ws}/package.json packages/${ws}/`);
    expect(stage('build')).toContain('packages/server/src/container/build.ts --outdir /out');
  });

  it('runs as a non-root user under tini, with a HEALTHCHECK per target and no dependency install', () => {
    expect(stage('runtime')).toMatch(/^USER node$/m);
    expect(stage('runtime')).toContain('ENTRYPOINT ["/sbin/tini", "--"]');
    for (const target of ['server', 'upstash-proxy']) {
      expect(stage(target), target).toMatch(/HEALTHCHECK[\s\S]*\/health/);
      expect(stage(target), target).not.toMatch(/npm|node_modules|USER root/);
    }
  });

  it('.dockerignore keeps the build context to what the build stage copies', () => {
    const ignored = read('.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'));

    for (const needed of ['packages', 'package.json', 'package-lock.json', 'tsconfig.json']) expect(ignored).not.toContain(needed);
    for (const heavy of ['node_modules', '.git', '.data', '.env', 'dist']) expect(ignored).toContain(heavy);
  });
});

describe('k8s/', () => {
  const docs = readdirSync(join(ROOT, 'k8s'))
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseDocuments(read(`k8s/${f}`)).map((d: any) => ({ ...d, file: f })));
  const find = (kind: string, name: string) => docs.find((d: any) => d.kind === kind && d.metadata.name === name) as any;
  const api = find('Deployment', 'nocturnal-api');
  const pod = api.spec.template.spec;
  const [container] = pod.containers;
  const configMap = find('ConfigMap', 'nocturnal-api-config');

  it('kustomization lists every manifest except the example secret', () => {
    const kustomization = parse(read('k8s/kustomization.yaml')) as any;
    const files = readdirSync(join(ROOT, 'k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');

    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'secret.example.yaml').sort());
  });

  it('Deployment: probes, resources, non-root read-only security context, preStop within the grace period', () => {
    const preStop = Number(container.lifecycle.preStop.exec.command.at(-1));

    expect(container.readinessProbe.httpGet.path).toBe('/api/v1/health');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.startupProbe.httpGet.path).toBe('/health');
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(Number(configMap.data.SHUTDOWN_GRACE_SECONDS)).toBe(GRACE);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + GRACE);
    expect(pod.enableServiceLinks).toBe(false);
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'nocturnal-api-config' } },
      { secretRef: { name: 'nocturnal-api-secrets' } },
      { secretRef: { name: 'nocturnal-redis' } },
    ]);
  });

  it('ConfigMap + Secret keys form a configuration the container server accepts', () => {
    const secret = find('Secret', 'nocturnal-api-secrets');
    const env = { ...configMap.data, ...secret.stringData, WEB_CONCURRENCY: '1' };

    for (const name of Object.keys(env)) expect(KNOWN.has(name), name).toBe(true);
    expect(() => parseConfig(env, REQUIRED_SETTINGS)).not.toThrow();
  });

  it('Service, HPA, PDB and Ingress point at the Deployment', () => {
    const labels = api.spec.template.metadata.labels;
    const service = find('Service', 'nocturnal-api');
    const ingress = find('Ingress', 'nocturnal-api');

    expect(labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports[0].targetPort).toBe(container.ports[0].name);
    expect(find('HorizontalPodAutoscaler', 'nocturnal-api').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nocturnal-api' });
    expect(labels).toMatchObject(find('PodDisruptionBudget', 'nocturnal-api').spec.selector.matchLabels);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'nocturnal-api', port: { name: 'http' } });
    expect(ingress.spec.tls[0].secretName).toEqual(expect.any(String));
  });

  it('the API reaches Redis over RESP: REDIS_URL from its own Secret, no Upstash-REST proxy', () => {
    expect(container.envFrom).toContainEqual({ secretRef: { name: 'nocturnal-redis' } });
    const redisUrl = find('Secret', 'nocturnal-redis').stringData.REDIS_URL;
    expect(() => parseConfig({ ...configMap.data, ...find('Secret', 'nocturnal-api-secrets').stringData, REDIS_URL: redisUrl }, REQUIRED_SETTINGS)).not.toThrow();
    expect(docs.some((d: any) => d.metadata?.name === 'nocturnal-upstash-proxy')).toBe(false);
  });
});
