#!/usr/bin/env bash
# CI: the service on a machine with nothing but Node. `npm start` runs in a network namespace of
# its own, where nothing listens (no PostgreSQL, no Redis), with a PATH holding Node, npm and the
# shell's basic tools only (no pg_ctlcluster, no redis-server), and no settings but a port and
# scratch folders. It must find nothing, start the embedded PostgreSQL, put the timer queue on it
# and serve: /health 200, an ASV contact received and screened, a deadline step fired on the
# PostgreSQL queue, as after an outage (scripts/embedded-check.ts). Then the service and the
# embedded server are stopped and started again, and the contact is still there. Bounded in time; removes everything
# it made (processes, the namespace, the scratch folder) whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--inside" ]; then
  for tool in unshare ip timeout; do
    command -v "$tool" >/dev/null 2>&1 || { echo "ci-embedded-check: needs $tool (util-linux, iproute2, coreutils)" >&2; exit 1; }
  done
  [ "$(id -u)" = 0 ] || { echo "ci-embedded-check: needs root, for a network namespace of its own" >&2; exit 1; }
  work=$(mktemp -d /tmp/cpw-embedded-check.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  chmod 755 "$work" # the embedded server runs as the postgres user when we are root
  mkdir -p "$work/bin" "$work/home"
  # Node and npm, and the tools a shell script and npm's scripts use; no database or Redis tool.
  for tool in node npm npx bash sh env dirname basename cat sleep mkdir rm ls sort tail head sed grep \
    id locale printf chown chmod cp mv tr uname true false kill readlink mktemp date wc; do
    ln -s "$(command -v "$tool")" "$work/bin/$tool"
  done
  echo "== embedded check: npm start with nothing reachable (own network namespace, PATH of Node only)"
  # A PID namespace too: when its first process ends, however it ends, the kernel ends every
  # process left in it (the service, the embedded server), so nothing outlives the check.
  timeout --kill-after=10 600 unshare --net --pid --fork --mount-proc bash scripts/ci-embedded-check.sh --inside "$work"
  exit $?
fi

work=$2
ip link set lo up
bare=(env -i PATH="$work/bin" HOME="$work/home" EMBEDDED_POSTGRES_DIR="$work/postgres" AUTH_DEV_KEY_DIR="$work/dev-keys")
bare() { "${bare[@]}" "$@"; }
service=
start_service() {
  # env, then bash, then (start.sh's exec) the service: one process, whose id is $!.
  "${bare[@]}" PORT=3000 RECONCILE_PERIOD_SECONDS=5 bash scripts/start.sh >>"$work/service.log" 2>&1 &
  service=$!
}
stop_service() {
  [ -n "$service" ] || return 0
  kill -TERM "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  service=
}
cleanup() {
  status=$?
  stop_service
  bare node scripts/embedded-postgres.mjs stop >/dev/null 2>&1 || true
  if [ "$status" != 0 ]; then
    echo "-- service output (last 60 lines)"
    tail -n 60 "$work/service.log" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# The checks run from a copy: `npm start` rebuilds dist/ under them. They need only Node's own
# modules, and call dist/scripts/token.js once the service answers (dist/ is whole again then).
bare npm run --silent build
cp dist/scripts/embedded-check.js "$work/embedded-check.js"
check() {
  bare node "$work/embedded-check.js" "$1" http://127.0.0.1:3000 postgres://postgres@127.0.0.1:5432/cp_workflows "$work/state"
}

start_service
check first
grep -q 'PostgreSQL: embedded, for trying the service only' "$work/service.log"
grep -q "timer queue: PostgreSQL (BullMQ's backend" "$work/service.log"
echo "  ok  the start-up line says PostgreSQL is embedded and the timer queue runs on it:"
grep -o 'PostgreSQL: embedded[^"]*' "$work/service.log" | head -n 1 | sed 's/^/      /'

echo "-- restart: the service and the embedded PostgreSQL stop, then start again on the same data"
stop_service
bare node scripts/embedded-postgres.mjs stop
start_service
check again
echo "== embedded check passed"
