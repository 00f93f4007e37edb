#!/usr/bin/env bash
# The whole test suite. Installs and starts PostgreSQL and Chromium (and aiosmtpd) when missing, creates a throw-away database for
# this run, runs every test project, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/test-services.sh
set +e  # the helpers above run under `set -e`; here a failing test run must still reach the summary line below

ensure_postgres || { echo "0 passed, 1 failed"; exit 1; }
ensure_chromium || { echo "0 passed, 1 failed"; exit 1; }
ensure_node || { echo "0 passed, 1 failed"; exit 1; }
ensure_smtp || { echo "0 passed, 1 failed"; exit 1; }
export AMANI_TEST_POSTGRES
AMANI_TEST_POSTGRES=$(create_test_database) || { echo "0 passed, 1 failed"; exit 1; }
database=$(sed -E 's/.*Database=([^;]+).*/\1/' <<<"$AMANI_TEST_POSTGRES")
trap 'drop_test_database "$database"' EXIT

results=test-results
rm -rf "$results"
dotnet test Amani.slnx -c Release --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" 2>&1 | tee "$results.log"
status=${PIPESTATUS[0]}

passed=0; failed=0
while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  grep -hoE '<Counters [^>]*' "$results"/*.trx 2>/dev/null | sed -E 's/.*passed="([0-9]+)".*failed="([0-9]+)".*/\1 \2/')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # the build or the runner itself failed
if [ "$failed" -gt 0 ]; then  # the failed tests' names once more, just above the summary (CI shows the end of the log)
  echo "Failed tests:"
  # each name with the first lines of its message
  awk '/<UnitTestResult / { failed = 0 }
       /<UnitTestResult [^>]*outcome="Failed"/ { match($0, /testName="[^"]*"/); print "  " substr($0, RSTART + 10, RLENGTH - 11); failed = 1; shown = 0 }
       failed && /<Message>/ { printing = 1 }
       failed && printing && shown < 6 { line = $0; gsub(/<\/?Message>|^ +/, "", line); print "      " line; shown++ }
       /<\/Message>/ { printing = 0 }' "$results"/*.trx 2>/dev/null
fi
echo "$passed passed, $failed failed"
exit "$status"
