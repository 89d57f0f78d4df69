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
import { METRICS } from '../../packages/core/src/observability/metrics';
import { COMPOSE_NGINX, STATUS_PATH } from '../../packages/server/src/container/nginx-config';
import { REQUIRED_SETTINGS } from '../../packages/server/src/container/run';
import { OPERATOR_SELECTOR_LABELS } from '../../packages/server/src/monitoring/prometheus-rule';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';

const ROOT = PROJECT_ROOT;
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const KNOWN = new Set(Object.keys(configSchema.shape));
const GRACE = 25;
/** The configuration's default METRICS_PORT: compose, the image and Kubernetes must agree with it. */
const METRICS_PORT = configSchema.shape.METRICS_PORT.parse(undefined) as number;

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
    const byDefault = Object.entries<any>(compose.services).filter(([, svc]) => !svc.profiles).map(([name]) => name);
    // The app speaks RESP to Redis: no Upstash-REST proxy in the self-hosted topology.
    expect(byDefault.sort()).toEqual(['app', 'minio', 'minio-init', 'mongo', 'nginx', 'redis']);
    for (const [name, svc] of Object.entries<any>(compose.services)) {
      // minio-init runs to completion; the exporter's image is scratch (no shell): Prometheus's up{job="nginx"} watches it.
      if (name !== 'minio-init' && name !== 'nginx-exporter') expect(svc.healthcheck?.test, name).toBeDefined();
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

  it('app: METRICS_PORT is the configuration default, exposed on the backend network, never published', () => {
    expect(Number(app.environment.METRICS_PORT)).toBe(METRICS_PORT);
    expect(app.expose).toContain(String(METRICS_PORT));
    expect(app.ports).toBeUndefined();
  });

  it('nginx: only 80 and 443 are published; stub_status is exposed to the backend network, which its allow list names', () => {
    const statusPort = Number(/(\d+)$/.exec(COMPOSE_NGINX.statusListen!)![1]);

    expect(nginx.ports.map((p: string) => interpolate(p))).toEqual(['80:80', '443:443']);
    expect(nginx.expose).toEqual([String(statusPort)]);
    expect(COMPOSE_NGINX.statusAllow).toContain(compose.networks.backend.ipam.config[0].subnet);
    expect(read('nginx/nginx.conf')).toContain(`listen ${statusPort};`);
  });

  describe('profile "monitoring"', () => {
    const { prometheus, 'nginx-exporter': exporter } = compose.services;
    const config = parse(read('monitoring/prometheus/prometheus.yml')) as any;
    const job = (name: string) => config.scrape_configs.find((j: any) => j.job_name === name);

    it('prometheus and the Nginx exporter start only with the profile, on pinned images', () => {
      const monitoring = Object.entries<any>(compose.services).filter(([, svc]) => svc.profiles).map(([name]) => name);

      expect(monitoring.sort()).toEqual(['nginx-exporter', 'prometheus']);
      for (const svc of [prometheus, exporter]) {
        expect(svc.profiles).toEqual(['monitoring']);
        expect(interpolate(svc.image)).toMatch(/:v?\d+\.\d+\.\d+$/);
        expect(svc.networks).toEqual(['backend']);
      }
      expect(exporter.ports).toBeUndefined();
    });

    it('prometheus: its port on 127.0.0.1 only, the monitoring folder as its configuration, its data in a volume', () => {
      expect(prometheus.ports.map((p: string) => interpolate(p))).toEqual(['127.0.0.1:9090:9090']);
      expect(prometheus.volumes).toContain('./monitoring/prometheus:/etc/prometheus:ro');
      expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
      expect(prometheus.volumes).toContain('prometheus-data:/prometheus');
      expect(compose.volumes).toHaveProperty('prometheus-data');
    });

    it('prometheus.yml scrapes every app replica (DNS on "app", the metrics port) as job nocturnal-api, and loads the rules beside it', () => {
      const api = job('nocturnal-api');

      expect(api.metrics_path).toBe('/metrics');
      expect(api.dns_sd_configs).toEqual([expect.objectContaining({ names: ['app'], type: 'A', port: METRICS_PORT })]);
      expect(config.rule_files).toEqual(['alerts.yml']);
      expect(existsSync(join(ROOT, 'monitoring/prometheus', config.rule_files[0]))).toBe(true);
    });

    it('the exporter reads stub_status from the internal listener, and prometheus scrapes the exporter', () => {
      const statusPort = /(\d+)$/.exec(COMPOSE_NGINX.statusListen!)![1];

      expect(exporter.command).toEqual([`--nginx.scrape-uri=http://nginx:${statusPort}${STATUS_PATH}`]);
      expect(job('nginx').static_configs[0].targets).toEqual([`nginx-exporter:${exporter.expose[0]}`]);
      expect(exporter.depends_on.nginx.condition).toBe('service_healthy');
    });
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

  it('the server exposes the API port and the metrics port (the configuration default)', () => {
    expect(stage('server')).toMatch(new RegExp(`^EXPOSE 3000 ${METRICS_PORT}$`, 'm'));
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

  it('metrics: a named container port and scrape annotations on the pod template, both at the ConfigMap METRICS_PORT', () => {
    const annotations = api.spec.template.metadata.annotations;

    expect(Number(configMap.data.METRICS_PORT)).toBe(METRICS_PORT);
    expect(container.ports).toContainEqual({ name: 'metrics', containerPort: METRICS_PORT });
    expect(annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(METRICS_PORT), 'prometheus.io/path': '/metrics' });
    // The public Service (behind the Ingress) carries only the API.
    expect(find('Service', 'nocturnal-api').spec.ports.map((p: any) => p.targetPort)).toEqual(['http']);
  });

  it('HPA: the requests-per-second note is a prometheus-adapter rule on the request counter and a Pods metric that parse', () => {
    const hpa = read('k8s/hpa.yaml');
    const commented = (start: RegExp) => {
      const lines = hpa.split('\n');
      const from = lines.findIndex((l) => start.test(l));
      const block: string[] = [];
      for (const line of lines.slice(from)) {
        if (!/^\s*#/.test(line) || (block.length > 0 && /^\s*#\s*$/.test(line))) break;
        block.push(line.replace(/^\s*# {3}/, ''));
      }
      return parse(block.join('\n'));
    };

    const adapter = commented(/#\s+rules:/);
    const [pods] = commented(/#\s+- type: Pods/);
    expect(adapter.rules.custom[0].seriesQuery).toContain(METRICS.requests.prometheus);
    expect(adapter.rules.custom[0].name.as).toBe(pods.pods.metric.name);
    expect(pods.pods.target.type).toBe('AverageValue');
  });

  it('the API reaches Redis over RESP: REDIS_URL from its own Secret, no Upstash-REST proxy', () => {
    expect(container.envFrom).toContainEqual({ secretRef: { name: 'nocturnal-redis' } });
    const redisUrl = find('Secret', 'nocturnal-redis').stringData.REDIS_URL;
    expect(() => parseConfig({ ...configMap.data, ...find('Secret', 'nocturnal-api-secrets').stringData, REDIS_URL: redisUrl }, REQUIRED_SETTINGS)).not.toThrow();
    expect(docs.some((d: any) => d.metadata?.name === 'nocturnal-upstash-proxy')).toBe(false);
  });
});

describe('k8s/monitoring/ (Prometheus Operator)', () => {
  const dir = join(ROOT, 'k8s/monitoring');
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseDocuments(read(`k8s/monitoring/${f}`)) as any[]);
  const find = (kind: string) => docs.find((d) => d.kind === kind);
  const deployment = parse(read('k8s/deployment.yaml')) as any;
  const pod = deployment.spec.template;

  it('its own kustomization lists every manifest; the base one leaves the folder out (the CRDs may be absent)', () => {
    const kustomization = parse(read('k8s/monitoring/kustomization.yaml')) as any;
    const base = parse(read('k8s/kustomization.yaml')) as any;

    expect([...kustomization.resources].sort()).toEqual(readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort());
    expect(kustomization.namespace).toBe(base.namespace);
    expect(base.resources.some((r: string) => r.startsWith('monitoring'))).toBe(false);
  });

  it('ServiceMonitor → metrics Service → the pods\' named metrics port, as job nocturnal-api', () => {
    const monitor = find('ServiceMonitor');
    const service = find('Service');

    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(pod.metadata.labels).toMatchObject(service.spec.selector);
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: METRICS_PORT, targetPort: 'metrics' }]);
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    // The job label the rules select (up{job="nocturnal-api"}) comes from this Service label.
    expect(service.metadata.labels[monitor.spec.jobLabel]).toBe('nocturnal-api');
    // The base Service is not selected: no pod is scraped twice through it.
    const base = parse(read('k8s/service.yaml')) as any;
    expect(base.metadata.labels).not.toMatchObject(monitor.spec.selector.matchLabels);
  });

  it('ServiceMonitor and PrometheusRule carry the labels the operator selects', () => {
    for (const kind of ['ServiceMonitor', 'PrometheusRule']) expect(find(kind).metadata.labels, kind).toMatchObject(OPERATOR_SELECTOR_LABELS);
  });
});
