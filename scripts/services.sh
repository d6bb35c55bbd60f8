#!/usr/bin/env bash
# The services `npm start`, `npm test` and CI need, found or started, and waited for:
#  - PostgreSQL at DATABASE_URL (default 127.0.0.1:5432). Down and local: the Debian cluster is
#    started if there is one. With no DATABASE_URL given and none reachable or startable, outside
#    production: an embedded PostgreSQL (scripts/embedded-postgres.mjs) on the default address,
#    with its data in .local/postgres, kept between runs. A DATABASE_URL that is given and does
#    not answer is an error: it is never replaced by a local server.
#  - Redis at REDIS_URL (default 127.0.0.1:6379), for the Redis queue backend. Down and local:
#    redis-server is started if installed. With neither REDIS_URL nor QUEUE_BACKEND=redis given
#    and no Redis to be had, the service's timer queue runs on PostgreSQL instead (BullMQ's
#    PostgreSQL backend), so this is not an error.
# Only Node is needed to probe (no pg_isready or redis-cli).
set -euo pipefail
cd "$(dirname "$0")/.."

db_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cp_workflows}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
url_part() { node -e 'const u=new URL(process.argv[1]);process.stdout.write(process.argv[2]==="host"?(u.hostname||"127.0.0.1"):(u.port||process.argv[3]))' "$@"; }
pg_host=$(url_part "$db_url" host)
pg_port=$(url_part "$db_url" port 5432)
redis_host=$(url_part "$redis_url" host)
redis_port=$(url_part "$redis_url" port 6379)
local_host() { [ "$1" = "127.0.0.1" ] || [ "$1" = "localhost" ]; }

say() { printf '[services] %s\n' "$*" >&2; }

# Something accepts TCP connections there within a second (the service does the real handshake).
answers() {
  node -e 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.setTimeout(1000);
    s.on("connect",()=>process.exit(0)).on("error",()=>process.exit(1)).on("timeout",()=>process.exit(1))' "$1" "$2"
}
pg_up() { answers "$pg_host" "$pg_port"; }
redis_up() { answers "$redis_host" "$redis_port"; }

wait_for() { # name, check function, seconds
  local i
  for ((i = 0; i < $3 * 5; i++)); do "$2" && return 0; sleep 0.2; done
  say "$1 did not become ready within $3 s"; return 1
}

# Starts the newest Debian cluster when there is one; fails fast when it cannot.
start_debian_cluster() {
  command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(ls /etc/postgresql 2>/dev/null)" ] || return 1
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  say "PostgreSQL is down: starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || return 1
  wait_for PostgreSQL pg_up 30
}

if ! pg_up; then
  if [ -n "${DATABASE_URL:-}" ]; then
    if local_host "$pg_host" && start_debian_cluster; then :; else
      say "DATABASE_URL names a PostgreSQL at $pg_host:$pg_port and nothing answers there."
      say "Start that server, or unset DATABASE_URL to use a local or embedded one (not in production)."
      exit 1
    fi
  elif ! start_debian_cluster; then
    if [ "${NODE_ENV:-}" = "production" ]; then
      say "No PostgreSQL at $pg_host:$pg_port. Production needs DATABASE_URL; it never embeds one."
      exit 1
    fi
    say "No PostgreSQL installed or reachable here: starting an embedded one (for trying the service only)."
    node scripts/embedded-postgres.mjs start
    wait_for PostgreSQL pg_up 30
    say "To use a real PostgreSQL instead: set DATABASE_URL (or docker compose up -d postgres); 'npm run postgres:stop' stops the embedded one."
  fi
fi

redis_wanted() { [ -n "${REDIS_URL:-}" ] || [ "${QUEUE_BACKEND:-}" = "redis" ]; }
queue_on=Redis
if [ "${QUEUE_BACKEND:-}" = "postgres" ]; then
  queue_on=PostgreSQL
elif ! redis_up; then
  if command -v redis-server >/dev/null 2>&1 && local_host "$redis_host"; then
    say "Redis is down: starting redis-server on port $redis_port"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >/dev/null
    wait_for Redis redis_up 15
  elif redis_wanted; then
    say "Redis at $redis_host:$redis_port is configured (REDIS_URL or QUEUE_BACKEND=redis) and does not answer."
    say "Start it (docker compose up -d redis), or unset both to keep the timer queue in PostgreSQL."
    exit 1
  else
    queue_on=PostgreSQL
    say "No Redis here: the timer queue runs on PostgreSQL (BullMQ's PostgreSQL backend). Set REDIS_URL to use Redis."
  fi
fi
if [ "$queue_on" = Redis ]; then
  say "PostgreSQL ($pg_host:$pg_port) and Redis ($redis_host:$redis_port) are up"
else
  say "PostgreSQL ($pg_host:$pg_port) is up; the timer queue runs on it"
fi
