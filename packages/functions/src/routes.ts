/**
 * THE route table. One list feeds the SST `Api` construct, the local API
 * Gateway emulator and the container server, so the runtimes cannot drift.
 * Data only: each area keeps its rows in `routes/<area>.ts`.
 */
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { docsRoutes } from './routes/docs';
import { fileRoutes } from './routes/files';
import { healthRoutes } from './routes/health';
import { fallbackRoute, jwksRoute } from './routes/system';
import { userRoutes } from './routes/users';
import type { RouteDef } from './route-types';

export const routes: RouteDef[] = [...healthRoutes, ...authRoutes, ...userRoutes, ...adminRoutes, jwksRoute, ...fileRoutes, ...docsRoutes, fallbackRoute];

/** The route table row `id`. */
export function findRoute(id: string): RouteDef {
  const def = routes.find((r) => r.id === id);
  if (!def) throw new Error(`route "${id}" is not in the route table`);
  return def;
}

export * from './route-types';
