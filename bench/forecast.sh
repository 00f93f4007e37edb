#!/usr/bin/env bash
# The forecast benchmark lives with its module: bench/Analysis/Forecasting/forecast.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Analysis/Forecasting/forecast.sh" "$@"
