#!/usr/bin/env bash
# Installs (from Debian packages, non-interactively) and starts what the test suite needs: PostgreSQL on 127.0.0.1:5432,
# Chromium, npm (for the build) and aiosmtpd (the notification tests start their own SMTP servers with it). Sourced by ./test.sh; safe to run again (it skips what is already there).
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "test.sh: need root (or sudo) to install and start $*" >&2; return 1; fi
}

apt_updated=""
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "Installing PostgreSQL…"
    apt_install postgresql
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | grep -q "^$version main"; then as_root pg_createcluster "$version" main >/dev/null; fi
  printf "listen_addresses = '127.0.0.1'\nport = 5432\nmax_connections = 300\n" | as_root tee "/etc/postgresql/$version/main/conf.d/99-amani-tests.conf" >/dev/null
  if ! pg_lsclusters -h | grep -q "^$version main 5432 online"; then
    as_root pg_ctlcluster "$version" main restart 2>/dev/null || as_root pg_ctlcluster "$version" main start
  elif [ "$(as_root su postgres -c "psql -tAc 'show max_connections'")" != "300" ]; then
    as_root pg_ctlcluster "$version" main restart   # the package started it before our settings were written
  fi
  pg_isready -h 127.0.0.1 -p 5432 -t 30 >/dev/null
}

# The build installs the web pages' libraries with npm (package-lock.json); Debian's nodejs and npm suffice.
ensure_node() {
  if ! command -v npm >/dev/null; then
    echo "Installing Node.js and npm…"
    apt_install nodejs npm
  fi
}

# The notification tests run Debian's aiosmtpd with /usr/bin/python3 (not a python3 that PATH may find first).
ensure_smtp() {
  if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    echo "Installing aiosmtpd…"
    apt_install python3-aiosmtpd
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    echo "Installing Chromium…"
    apt_install chromium
  fi
}

# Creates a throw-away role and database for this run (both named amani_test_<time>_<pid>, so that concurrent runs
# never disturb each other); prints the connection string.
create_test_database() {
  local name="amani_test_$(date +%s)_$$" password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  as_root su postgres -c "psql -q -v ON_ERROR_STOP=1" >/dev/null <<SQL
CREATE ROLE $name LOGIN PASSWORD '$password';
CREATE DATABASE $name OWNER $name;
SQL
  echo "Host=127.0.0.1;Port=5432;Username=$name;Password=$password;Database=$name;Include Error Detail=true"
}

drop_test_database() {
  local name="$1"
  as_root su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $name WITH (FORCE)' -c 'DROP ROLE IF EXISTS $name'" >/dev/null 2>&1 || true
}
