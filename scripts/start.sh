#!/usr/bin/env bash
# `npm start`: services up, build, then the service (which creates its database and runs
# pending migrations at start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
npm run --silent build
exec node --enable-source-maps dist/apps/api/src/main.js
