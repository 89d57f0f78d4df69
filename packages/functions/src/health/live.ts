import { json, route } from '../route';

/** Liveness: no dependency calls, always cheap. */
export const handler = route('health-live', async () => json(200, { status: 'ok' }));
