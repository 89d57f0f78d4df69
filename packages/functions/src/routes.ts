/**
 * THE route table. One list feeds the SST `Api` construct, the local API
 * Gateway emulator and the container server, so the runtimes cannot drift.
 * Data only: each area keeps its rows in `routes/<area>.ts`.
 */
import { authRoutes } from './routes/auth';
import { fileRoutes } from './routes/files';
import { fallbackRoute, healthRoutes } from './routes/health';
import { rateLimitRoutes } from './routes/rate-limit';
import type { RouteDef } from './route-types';

export const routes: RouteDef[] = [...healthRoutes, ...authRoutes, ...rateLimitRoutes, ...fileRoutes, fallbackRoute];

export * from './route-types';
