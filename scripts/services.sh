#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis when they are installed and down, and waits until both
# answer. Used by `npm start`, `npm test` and CI. When neither is installed, says how to run them
# in containers instead. Honours DATABASE_URL and REDIS_URL (host and port only).
set -euo pipefail

db_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cp_workflows}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
pg_host=$(node -e 'const u=new URL(process.argv[1]);process.stdout.write(u.hostname||"127.0.0.1")' "$db_url")
pg_port=$(node -e 'const u=new URL(process.argv[1]);process.stdout.write(u.port||"5432")' "$db_url")
redis_host=$(node -e 'const u=new URL(process.argv[1]);process.stdout.write(u.hostname||"127.0.0.1")' "$redis_url")
redis_port=$(node -e 'const u=new URL(process.argv[1]);process.stdout.write(u.port||"6379")' "$redis_url")

say() { printf '[services] %s\n' "$*" >&2; }

pg_up() { pg_isready -q -h "$pg_host" -p "$pg_port" 2>/dev/null; }
redis_up() { [ "$(redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null)" = "PONG" ]; }

wait_for() { # name, check function, seconds
  local i
  for ((i = 0; i < $3 * 5; i++)); do "$2" && return 0; sleep 0.2; done
  say "$1 did not become ready within $3 s"; return 1
}

containers_hint() {
  say "Start them in containers instead:  docker compose up -d postgres redis"
  say "(docker-compose.yml in this folder runs PostgreSQL 16 and Redis 7 on the default ports.)"
}

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    say "PostgreSQL is down: starting cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for PostgreSQL pg_up 30
  elif command -v pg_isready >/dev/null 2>&1 || command -v postgres >/dev/null 2>&1; then
    say "PostgreSQL is installed but not reachable at $pg_host:$pg_port and no Debian cluster was found to start."
    containers_hint; exit 1
  else
    say "PostgreSQL is not installed here."; containers_hint; exit 1
  fi
fi

if ! redis_up; then
  if command -v redis-server >/dev/null 2>&1 && { [ "$redis_host" = "127.0.0.1" ] || [ "$redis_host" = "localhost" ]; }; then
    say "Redis is down: starting redis-server on port $redis_port"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >/dev/null
    wait_for Redis redis_up 15
  else
    say "Redis is not installed here or not local."; containers_hint; exit 1
  fi
fi
say "PostgreSQL ($pg_host:$pg_port) and Redis ($redis_host:$redis_port) are up"
