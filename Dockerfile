# syntax=docker/dockerfile:1

# One image for the gateway and all five subgraphs; docker-compose.yml picks the
# entry point per service (`node gateway/dist/main.js`, `node subgraphs/<name>/dist/main.js`).

# ---- builder: install every dependency, compile all workspaces -------------------------------
FROM node:20-bookworm-slim AS builder
WORKDIR /app

# Manifests first so the `npm ci` layer is reused until a dependency changes.
COPY package.json package-lock.json ./
COPY platform/package.json platform/
COPY gateway/package.json gateway/
COPY subgraphs/tenancy/package.json subgraphs/tenancy/
COPY subgraphs/ledger/package.json subgraphs/ledger/
COPY subgraphs/invoicing/package.json subgraphs/invoicing/
COPY subgraphs/vat/package.json subgraphs/vat/
COPY subgraphs/billing/package.json subgraphs/billing/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# Sources (node_modules, dist, .git, ... are excluded by .dockerignore).
COPY . .
RUN npm run build
# The gateway loads the checked-in schema/supergraph.graphql (`npm run schema` writes it).
RUN test -f schema/supergraph.graphql || (echo 'schema/supergraph.graphql is missing: run npm run schema' >&2; exit 1)

# Keep only what production needs for the runtime stage.
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies and compiled output only --------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY --from=builder /app/package.json /app/package-lock.json ./
# node_modules/@kantoor/* are symlinks to the workspace folders below.
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/platform/package.json platform/
COPY --from=builder /app/platform/dist platform/dist
COPY --from=builder /app/gateway/package.json gateway/
COPY --from=builder /app/gateway/dist gateway/dist
COPY --from=builder /app/subgraphs/tenancy/package.json subgraphs/tenancy/
COPY --from=builder /app/subgraphs/tenancy/dist subgraphs/tenancy/dist
COPY --from=builder /app/subgraphs/ledger/package.json subgraphs/ledger/
COPY --from=builder /app/subgraphs/ledger/dist subgraphs/ledger/dist
COPY --from=builder /app/subgraphs/invoicing/package.json subgraphs/invoicing/
COPY --from=builder /app/subgraphs/invoicing/dist subgraphs/invoicing/dist
COPY --from=builder /app/subgraphs/vat/package.json subgraphs/vat/
COPY --from=builder /app/subgraphs/vat/dist subgraphs/vat/dist
COPY --from=builder /app/subgraphs/billing/package.json subgraphs/billing/
COPY --from=builder /app/subgraphs/billing/dist subgraphs/billing/dist
# The composed supergraph the gateway loads at start (gateway/dist/../../schema/supergraph.graphql).
COPY --from=builder /app/schema schema

# Files stay owned by root: the application cannot modify its own code.
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
# No CMD on purpose: each compose service sets its own `command`.
