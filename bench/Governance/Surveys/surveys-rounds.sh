#!/usr/bin/env bash
# Stored-round analysis benchmark (in-process, Release): 20,000 stored submissions × 60 questions in 100 areas, one round;
# the analysis of one question by area through the stored path (the submissions' XML read from the database by
# RoundData, then RoundAnalyst), first (cold) and warm, against a plain read of the XML column and the estimator alone.
#   ./bench/surveys-rounds.sh [--submissions 20000] [--questions 60] [--areas 100] [--runs 5] [--postgres]
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
echo "uptime: $(uptime)"
dotnet build -c Release bench/Governance/Surveys/Amani.Bench.SurveyRounds -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet bench/Governance/Surveys/Amani.Bench.SurveyRounds/bin/Release/net10.0/Amani.Bench.SurveyRounds.dll "$@"
