import { checkReadiness } from '@nocturnal/core/health/readiness';
import { json, publicRoute } from '../public-route';
import { readinessChecks } from './checks';

/** Readiness: dependencies checked in parallel; 503 when a required one is down. */
export const handler = publicRoute('health-ready', async ({ runtime }) => {
  const report = await checkReadiness(readinessChecks(runtime), 1_500);
  return json(report.status === 'down' ? 503 : 200, report);
});
