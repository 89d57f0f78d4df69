import { json, publicRoute } from '../public-route';

/** Liveness: no dependency calls, always cheap. */
export const handler = publicRoute('health-live', async () => json(200, { status: 'ok' }));
