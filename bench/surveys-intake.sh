#!/usr/bin/env bash
# OpenRosa intake benchmark (issue 14) and its crash check, against the real server on SQLite and PostgreSQL.
#   ./bench/surveys-intake.sh [intake] [--count 1000] [--clients 50] [--warmup 6] [--only sqlite|postgres]
#   ./bench/surveys-intake.sh crash [--count 2000] [--clients 50] [--only sqlite|postgres]
#   --postgres is the same as --only postgres.
# PostgreSQL: $AMANI_BENCH_POSTGRES when set (each run works in a fresh schema), else installed/started like ./test.sh with
# a throw-away database dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for a in "$@"; do if [ "$a" = "--postgres" ]; then args+=(--only postgres); else args+=("$a"); fi; done

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
dotnet bench/Governance/Surveys/Amani.Bench.SurveyIntake/bin/Release/net10.0/Amani.Bench.SurveyIntake.dll "${args[@]}" || status=$?
echo "machine: load after: $(uptime | sed 's/.*load average/load average/')"
exit "$status"
