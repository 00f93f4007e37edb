#!/usr/bin/env bash
# The hotspots benchmark lives with its module: bench/Analysis/Aggregates/hotspots.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Analysis/Aggregates/hotspots.sh" "$@"
