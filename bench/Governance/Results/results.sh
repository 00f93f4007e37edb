#!/usr/bin/env bash
# Results framework benchmark (in-process, Release): 1,000,000 incidents over 2021–2025 in 100 districts, a plan of
# 300 indicators (100 computed): full recomputation, incident change → computed value current, GET plan / indicator.
#   ./bench/results.sh [--rows 1000000] [--requests 50] [--changes 5] [--postgres]
# SQLite by default. --postgres: $AMANI_BENCH_POSTGRES when set (a fresh schema per run), else a throw-away database like ./bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [[ " $* " == *" --postgres "* ]] && [ -z "${AMANI_BENCH_POSTGRES:-}" ]; then
  source scripts/test-services.sh
  ensure_postgres
  AMANI_BENCH_POSTGRES=$(create_test_database)
  database=$(sed -E 's/.*Database=([^;]+).*/\1/' <<<"$AMANI_BENCH_POSTGRES")
  trap 'drop_test_database "$database"' EXIT
fi
export AMANI_BENCH_POSTGRES="${AMANI_BENCH_POSTGRES:-}"
dotnet build -c Release bench/Governance/Results/Amani.Bench.Results -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet bench/Governance/Results/Amani.Bench.Results/bin/Release/net10.0/Amani.Bench.Results.dll "$@"
