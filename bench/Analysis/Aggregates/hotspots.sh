#!/usr/bin/env bash
# Aggregate and hot-spot benchmark (in-process, Release): Syria's 16,566 real events, then N synthetic incidents.
#   ./bench/hotspots.sh [--rows 1000000] [--only sqlite|postgres]
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
dotnet build -c Release bench/Analysis/Aggregates/Amani.Bench.Aggregates -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet bench/Analysis/Aggregates/Amani.Bench.Aggregates/bin/Release/net10.0/Amani.Bench.Aggregates.dll "$@"
