#!/usr/bin/env bash
# `npm start`: services found or started (scripts/services.sh: a local PostgreSQL and Redis, or
# on a machine with only Node an embedded PostgreSQL and the timer queue on it), build, then the
# service, which creates its database, runs pending migrations and says on its start-up line
# what it runs on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
npm run --silent build
exec node --enable-source-maps dist/apps/api/src/main.js
