#!/usr/bin/env bash
# The run benchmark lives with its module: bench/Register/Reporting/run.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Register/Reporting/run.sh" "$@"
