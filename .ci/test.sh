#!/usr/bin/env bash
# The whole suite, as the README's test command runs it (`npm ci && npm test`).
# Installs what the browser tests need when missing, starts the local PostgreSQL
# server when it is installed but stopped, then runs every check and prints a summary.
set -uo pipefail
cd "$(dirname "$0")/.."

PG_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
REPORTS="$(mktemp -d)"
failures=()
started=$(date +%s)

step() {
  local name="$1"; shift
  local t0=$(date +%s)
  echo; echo "━━ $name"
  if "$@"; then echo "━━ $name: ok ($(( $(date +%s) - t0 ))s)"; else echo "━━ $name: FAILED"; failures+=("$name"); fi
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
step "Types" npx tsc --noEmit
step "Lint (ESLint, zero warnings)" npm run -s lint
step "Formatting (Prettier)" npm run -s format:check
step "Migrations match schema.prisma" npm run -s db:migrate:check
step "Unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"
step "Integration tests (embedded PGlite)" env -u DATABASE_URL npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$REPORTS/integration-embedded.json"
# In a zone west of UTC: a timestamp read as local time instead of UTC would be hours off there
# (this machine runs in UTC, where such a mistake cannot show).
step "Integration tests (PostgreSQL server, TZ=America/Los_Angeles)" env DATABASE_URL="$PG_URL" TZ=America/Los_Angeles npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$REPORTS/integration-postgres.json"
step "Redis" ensure_redis
step "Rate limits shared through Redis (REDIS_URL)" env DATABASE_URL="$PG_URL" REDIS_URL="$REDIS_URL" npx vitest run --project integration app/api/v1/rate-limit.int.test.ts
step "Production build" npx next build
step "End-to-end tests (Chromium)" env E2E_SKIP_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" npx playwright test --reporter=list,json

step "No plaintext key in the e2e database or server log" npx tsx e2e/check-no-plaintext.ts

step "Server actions fuzzed over HTTP (embedded, PostgreSQL): no 5xx, nothing logged" env TEST_DATABASE_URL="$PG_URL" node --import tsx e2e/action-fuzz.ts

step "Production server: fail-fast config, socket IPs, two instances behind nginx" env TEST_DATABASE_URL="$PG_URL" TEST_REDIS_URL="$REDIS_URL" node --conditions=react-server --import tsx e2e/several-instances.ts

# A TCP proxy between the server and PostgreSQL hangs and cuts the database's traffic (the cluster itself is never touched).
step "PostgreSQL hung and cut off: 503s within a second, recovery, nothing lost" env TEST_DATABASE_URL="$PG_URL" node --conditions=react-server --import tsx e2e/postgres-outage.ts

node .ci/summary.mjs "$REPORTS" "$(( $(date +%s) - started ))"
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failed steps: ${failures[*]}"
  exit 1
fi
