# syntax=docker/dockerfile:1.7
# Nocturnal API images, from one build stage:
#   server (default target)  the container server   docker build -t nocturnal-api .
#   upstash-proxy            Upstash REST → Redis   docker build --target upstash-proxy -t nocturnal-upstash-proxy .
# Both programs are esbuild bundles with their dependencies inside, so the runtime
# stages hold Node, tini and one .mjs file (plus its source map): no node_modules.
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/functions/package.json packages/functions/
COPY packages/server/package.json packages/server/
COPY packages/standins/package.json packages/standins/
COPY packages/importer/package.json packages/importer/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY packages/ packages/
# The server's entry is generated from the route table: every handler is in the bundle.
RUN node --import tsx packages/server/src/container/build.ts --outdir /out

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM/SIGINT to Node and reaps orphans; Node drains itself.
RUN apk add --no-cache tini
ENV NODE_ENV=production
WORKDIR /app
# Files stay root-owned and read-only; the process runs as the image's unprivileged user.
USER node
ENTRYPOINT ["/sbin/tini", "--"]
STOPSIGNAL SIGTERM

FROM runtime AS upstash-proxy
COPY --from=build /out/upstash-proxy/ ./
ENV PORT=8079 HOST=0.0.0.0
EXPOSE 8079
# /health pings Redis and needs no token.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${PORT}/health" || exit 1
CMD ["node", "--enable-source-maps", "main.mjs"]

FROM runtime AS server
COPY --from=build /out/server/ ./
ENV PORT=3000
# 3000: the API. 9464: GET /metrics (METRICS_PORT, the configuration's default), for the
# scraper on the internal network only: publish 3000 (or put Nginx in front), never 9464.
EXPOSE 3000 9464
# Liveness only (no dependency calls); readiness is /api/v1/health, for orchestrators that route.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${PORT}/health" || exit 1
CMD ["node", "--enable-source-maps", "main.mjs"]
