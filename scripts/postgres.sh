# Finds or starts the machine's PostgreSQL and prepares a throw-away test database.
# Sets TEST_DATABASE_URL, or POSTGRES_SKIPPED with the reason (fatal when CI=true).
# shellcheck shell=bash

pg_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

postgres_unavailable() {
  if [ "${CI:-}" = true ]; then
    printf '\033[1;31mPostgreSQL is required with CI=true: %s\033[0m\n' "$1" >&2
    exit 1
  fi
  POSTGRES_SKIPPED="$1"
  export POSTGRES_SKIPPED
  warn "=================================================================="
  warn "PostgreSQL tests will be SKIPPED: $1"
  warn "=================================================================="
}

ensure_test_postgres() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    say "PostgreSQL: using TEST_DATABASE_URL"
    return
  fi
  if ! command -v pg_lsclusters >/dev/null; then
    postgres_unavailable "PostgreSQL is not installed (apt-get install postgresql)"
    return
  fi
  local cluster version name port
  cluster=$(pg_lsclusters -h | head -n 1)
  if [ -z "$cluster" ]; then
    postgres_unavailable "no PostgreSQL cluster exists"
    return
  fi
  read -r version name port _ <<<"$cluster"
  if ! pg_lsclusters -h | head -n 1 | grep -q online; then
    say "Starting PostgreSQL $version/$name"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start || true
  fi
  local tries=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 30 ]; then
      postgres_unavailable "PostgreSQL $version/$name did not accept connections on 127.0.0.1:$port"
      return
    fi
    sleep 1
  done
  pg_as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'antt_test'" | grep -q 1 \
    || pg_as_postgres psql -p "$port" -qc "CREATE ROLE antt_test LOGIN PASSWORD 'antt_test'"
  # The backup tests restore into databases of their own.
  pg_as_postgres psql -p "$port" -qc "ALTER ROLE antt_test CREATEDB" >/dev/null
  # Databases the backup tests made and could not drop.
  pg_as_postgres psql -p "$port" -qtAc "SELECT datname FROM pg_database WHERE datname ~ '^antt_(live|restored|still)_'" |
    while read -r db; do pg_as_postgres psql -p "$port" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; done
  # A fresh database every run: each test makes its own schema in it.
  pg_as_postgres psql -p "$port" -qc "DROP DATABASE IF EXISTS antt_test" >/dev/null
  pg_as_postgres psql -p "$port" -qc "CREATE DATABASE antt_test OWNER antt_test" >/dev/null
  export TEST_DATABASE_URL="postgres://antt_test:antt_test@127.0.0.1:$port/antt_test"
  say "PostgreSQL $version ready at 127.0.0.1:$port (database antt_test)"
}
