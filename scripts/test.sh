#!/usr/bin/env bash
# `npm test`: services up, then every suite (unit specs beside the code, integration and e2e in
# test/) against the real PostgreSQL and Redis. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
bash scripts/install-browser.sh
exec npx jest "$@"
