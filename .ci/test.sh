#!/usr/bin/env bash
# The whole suite, as the README's test command runs it (`npm ci && npm test`).
# Installs what the browser tests need when missing, starts the local PostgreSQL
# server when it is installed but stopped, then runs every check and prints a summary.
# Two lanes run side by side (the machine has two cores; each lane keeps about one busy):
#   checks: types, lint, formatting, migrations, unit, integration (embedded, then PostgreSQL)
#   server: production build, end-to-end, and the harnesses that start the built server
# Each step's output is printed in one block when it ends; failures are listed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

PG_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
REPORTS="$(mktemp -d)"
FAILED="$REPORTS/failed-steps"
: >"$FAILED"
started=$(date +%s)

# Runs one step with its output kept aside, then prints it in one block (lanes do not interleave).
step() {
  local name="$1"; shift
  local t0=$(date +%s) log rc
  log="$(mktemp "$REPORTS/step.XXXXXX")"
  "$@" >"$log" 2>&1
  rc=$?
  {
    echo; echo "━━ $name"
    cat "$log"
    if [ $rc -eq 0 ]; then echo "━━ $name: ok ($(( $(date +%s) - t0 ))s, at $(( $(date +%s) - started ))s)"; else echo "━━ $name: FAILED ($(( $(date +%s) - t0 ))s)"; fi
  } | flock "$REPORTS/.print" cat
  [ $rc -eq 0 ] || echo "$name" >>"$FAILED"
  return $rc
}

ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
  echo "Installing Debian's Chromium (Playwright's browser download cannot work here)…"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
}

ensure_postgres() {
  pg_isready -q -d "$PG_URL" 2>/dev/null && return 0
  if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    for _ in $(seq 1 20); do pg_isready -q -d "$PG_URL" && return 0; sleep 0.5; done
  fi
  echo "PostgreSQL is not reachable at $PG_URL: set TEST_DATABASE_URL to a server the tests may create databases on."
  return 1
}

ensure_redis() {
  node -e "const n=require('net');const u=new URL(process.argv[1]);const s=n.connect(+u.port||6379,u.hostname,()=>{s.end();process.exit(0)});s.on('error',()=>process.exit(1))" "$REDIS_URL" && return 0
  if command -v redis-server >/dev/null; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null && sleep 1 && return 0
  fi
  echo "Redis is not reachable at $REDIS_URL: set TEST_REDIS_URL, or install redis-server."
  return 1
}

step "Chromium" ensure_chromium
step "PostgreSQL server" ensure_postgres
step "Redis" ensure_redis

checks_lane() {
  step "Types" npx tsc --noEmit
  step "Lint (ESLint, zero warnings)" npm run -s lint
  step "Formatting (Prettier)" npm run -s format:check
  step "Migrations match schema.prisma" npm run -s db:migrate:check
  step "Unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"
  step "Integration tests (embedded PGlite)" npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$REPORTS/integration-embedded.json"
  # The files tagged `// @module-tag postgres` (dialect, time zone, locks between connections;
  # see vitest.config.ts), on a PostgreSQL server, in a zone west of UTC (the project sets TZ).
  step "Integration tests (PostgreSQL server, TZ=America/Los_Angeles)" env TEST_DATABASE_URL="$PG_URL" \
    npx vitest run --project integration-postgres --reporter=default --reporter=json --outputFile.json="$REPORTS/integration-postgres.json"
  step "Rate limits shared through Redis (REDIS_URL)" env TEST_DATABASE_URL="$PG_URL" REDIS_URL="$REDIS_URL" \
    npx vitest run --project integration-postgres app/api/v1/rate-limit.int.test.ts --reporter=default --reporter=json --outputFile.json="$REPORTS/integration-redis.json"
}

server_lane() {
  step "Production build" npx next build || return
  step "End-to-end tests (Chromium)" env E2E_SKIP_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" npx playwright test --reporter=list,json
  step "No plaintext key in the e2e database or server log" npx tsx e2e/check-no-plaintext.ts
  # Server actions fuzzed over HTTP (embedded, PostgreSQL); fail-fast config, socket IPs, two
  # instances behind nginx; a hung and cut PostgreSQL (a TCP proxy in between; the cluster itself
  # is never touched). Each harness check is one test (vitest.config.ts, project "harness").
  step "Harnesses on the production server" env TEST_DATABASE_URL="$PG_URL" TEST_REDIS_URL="$REDIS_URL" \
    npx vitest run --project harness --reporter=default --reporter=json --outputFile.json="$REPORTS/harness.json"
}

# CI_LANES=parallel runs the two lanes side by side. Measured here, that overloads 2 cores: the
# integration workers and the browser tests starve each other into timeouts (load average 15,
# end-to-end tests at a minute each). One lane after the other is the default.
if [ "${CI_LANES:-serial}" = parallel ]; then
  checks_lane &
  checks=$!
  server_lane &
  server=$!
  wait $checks $server
else
  checks_lane
  server_lane
fi

node .ci/summary.mjs "$REPORTS" "$(( $(date +%s) - started ))"
if [ -s "$FAILED" ]; then
  echo "Failed steps: $(paste -sd, "$FAILED")"
  exit 1
fi
