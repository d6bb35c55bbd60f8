#!/usr/bin/env bash
# `npm test`: services up, then every suite against the real PostgreSQL and Redis: first the
# default project (unit specs beside the code, integration and e2e suites in test/), then the fault
# suite (test/faults) on its own and serially, since it kills, starves and floods a service of its
# own. Extra arguments go to one jest run instead (e.g. a path, or --selectProjects faults).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
bash scripts/install-browser.sh
bash scripts/install-imap-server.sh
if [ "$#" -gt 0 ]; then
  exec npx jest "$@"
fi
npx jest --selectProjects default
exec npx jest --selectProjects faults --runInBand
