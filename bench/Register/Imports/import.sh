#!/usr/bin/env bash
# Import benchmark: generates (once, into bench/.data/) a 1,000,000-event UCDP GED CSV by resampling the real Syria and
# CAR events, then imports it into SQLite and PostgreSQL next to the bare loads (sqlite3 .import, psql \copy) of the
# same file, printing events/s, peak memory and the ratios.
#   ./bench/import.sh [--rows 1000000] [--only sqlite|postgres] [--reimport]
#   ./bench/import.sh generate --rows 1000000 --out FILE [--seed 42]     (the generator alone)
# PostgreSQL: $AMANI_BENCH_POSTGRES when set (a fresh schema per run), else a throw-away database like ./bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source scripts/test-services.sh
command -v sqlite3 >/dev/null || { echo "installing the sqlite3 shell (the bare-load reference)"; apt_install sqlite3; }
if [ -z "${AMANI_BENCH_POSTGRES:-}" ] && [ "${1:-}" != generate ]; then
  ensure_postgres
  AMANI_BENCH_POSTGRES=$(create_test_database)
  database=$(sed -E 's/.*Database=([^;]+).*/\1/' <<<"$AMANI_BENCH_POSTGRES")
  trap 'drop_test_database "$database"' EXIT
fi
export AMANI_BENCH_POSTGRES
dotnet build -c Release Amani.slnx -nologo -v quiet -clp:ErrorsOnly >/dev/null
echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average/load average/')"
dotnet bench/Register/Imports/Amani.Bench.Import/bin/Release/net10.0/Amani.Bench.Import.dll "$@"
