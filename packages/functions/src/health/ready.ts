import { checkReadiness } from '@nocturnal/core/health/readiness';
import { json, route } from '../http';
import { readinessChecks } from './checks';

/** Readiness: dependencies checked in parallel; 503 when a required one is down. */
export const handler = route('health-ready', async () => {
  const report = await checkReadiness(readinessChecks(), 1_500);
  return json(report.status === 'down' ? 503 : 200, report);
});
