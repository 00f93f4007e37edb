#!/usr/bin/env bash
# The public report page's transfer on a phone (issue 12, finding 8): the real server with the demo data, behind a
# byte-counting proxy, visited by headless Chromium (/usr/bin/chromium through Playwright) with a phone's viewport.
#   ./bench/report-page.sh
# Prints the first visit's and a revisit's bytes per answer, and the reference (the same first visit without compression
# and with the full boundaries, as the server answered before). Exit code 1 when the first visit exceeds 150 KB.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -x /usr/bin/chromium ] || { source scripts/test-services.sh; echo "installing Debian's chromium"; apt_install chromium; }
for project in src/Amani bench/Register/Reporting/Amani.Bench.ReportPage; do
  dotnet build -c Release "$project" -nologo -v quiet -clp:ErrorsOnly >/dev/null
done
echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average/load average/')"
status=0
dotnet bench/Register/Reporting/Amani.Bench.ReportPage/bin/Release/net10.0/Amani.Bench.ReportPage.dll "$@" || status=$?
echo "machine: load after: $(uptime | sed 's/.*load average/load average/')"
exit "$status"
