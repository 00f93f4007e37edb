#!/usr/bin/env bash
# Export benchmark: bulk-loads N incidents (default 1,000,000) into SQLite and PostgreSQL, then times the CSV export
# endpoints of the real server over HTTP (rows/s, load average, CPU of the server, its database backends and the client, VmHWM).
#   ./bench/export.sh [--rows 1000000] [--only sqlite|postgres] [--repeat 2]
# PostgreSQL: $AMANI_BENCH_POSTGRES when set (a fresh schema per run), else a throw-away database like ./bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ -z "${AMANI_BENCH_POSTGRES:-}" ]; then
  source scripts/test-services.sh
  ensure_postgres
  AMANI_BENCH_POSTGRES=$(create_test_database)
  database=$(sed -E 's/.*Database=([^;]+).*/\1/' <<<"$AMANI_BENCH_POSTGRES")
  trap 'drop_test_database "$database"' EXIT
fi
export AMANI_BENCH_POSTGRES
dotnet build -c Release Amani.slnx -nologo -v quiet -clp:ErrorsOnly >/dev/null
echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average/load average/')"
dotnet bench/Register/Exports/Amani.Bench.Export/bin/Release/net10.0/Amani.Bench.Export.dll "$@"
