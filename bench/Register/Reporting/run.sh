#!/usr/bin/env bash
# Community-report intake benchmark and crash test against the real server, on SQLite and PostgreSQL.
#   ./bench/run.sh intake [--seconds 15] [--warmup 6] [--connections 32] [--only sqlite|postgres]
#   ./bench/run.sh crash  [--seconds 10] [--connections 32] [--only sqlite|postgres]
# PostgreSQL: uses $AMANI_BENCH_POSTGRES when set (each run works in a fresh schema), else installs/starts PostgreSQL
# like ./test.sh and creates a throw-away database that is dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/../../.."
command="${1:-intake}"; shift || true

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
status=0
dotnet bench/Register/Reporting/Amani.Bench.ReportIntake/bin/Release/net10.0/Amani.Bench.ReportIntake.dll "$command" "$@" || status=$?
echo "machine: load after: $(uptime | sed 's/.*load average/load average/')"
exit "$status"
