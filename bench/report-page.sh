#!/usr/bin/env bash
# The report page's transfer benchmark lives with its module: bench/Register/Reporting/report-page.sh.
exec "$(dirname "$0")/Register/Reporting/report-page.sh" "$@"
