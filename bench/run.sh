#!/usr/bin/env bash
# The intake and crash benchmarks live with their module: bench/Register/Reporting/run.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Register/Reporting/run.sh" "$@"
