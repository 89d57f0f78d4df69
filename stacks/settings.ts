/**
 * Per-stage deploy settings. Only non-secret values live here; secrets are
 * `Config.Secret`s set with `npx sst secrets set NAME value --stage STAGE`.
 * Deploy-time overrides come from the deploying shell (`CORS_ORIGINS=... npx sst deploy`).
 */
export interface DeploySettings {
  /** Keep data (bucket, logs) when the stage is removed. */
  retain: boolean;
  /** Origins that may call the API and PUT/GET the bucket from a browser. */
  corsOrigins: string[];
  /** Plain settings every function gets (read by the typed config). */
  environment: Record<string, string>;
}

export function deploySettings(stage: string, env: Record<string, string | undefined> = process.env): DeploySettings {
  const prod = stage === 'prod';
  const corsOrigins = (env.CORS_ORIGINS ?? (prod ? '' : 'http://localhost:3000'))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    retain: prod,
    corsOrigins,
    environment: {
      LOG_LEVEL: prod ? 'info' : 'debug',
      CORS_ORIGINS: corsOrigins.join(','),
    },
  };
}
