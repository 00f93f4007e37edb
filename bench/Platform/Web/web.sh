#!/usr/bin/env bash
# Web application benchmark (issue 6): a million incidents and 10,000 open community reports in a SQLite data directory,
# the real server as a separate process, measured from headless Chromium (/usr/bin/chromium through Playwright).
#   ./bench/web.sh [--reuse] [--rows 1000000] [--reports 10000] [--loads 5] [--moves 120] [--triage-loads 10]
# --reuse: keep the data directory seeded by an earlier run (bench/.data/web-sqlite-ROWS-REPORTS/) instead of rebuilding it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -x /usr/bin/chromium ] || { source scripts/test-services.sh; echo "installing Debian's chromium"; apt_install chromium; }
for project in src/Amani bench/Register/Imports/Amani.Bench.Import bench/Platform/Web/Amani.Bench.Web; do
  dotnet build -c Release "$project" -nologo -v quiet -clp:ErrorsOnly >/dev/null
done
echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average/load average/')"
status=0
dotnet bench/Platform/Web/Amani.Bench.Web/bin/Release/net10.0/Amani.Bench.Web.dll "$@" || status=$?
echo "machine: load after: $(uptime | sed 's/.*load average/load average/')"
exit "$status"
