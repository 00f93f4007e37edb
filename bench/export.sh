#!/usr/bin/env bash
# The export benchmark lives with its module: bench/Register/Exports/export.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Register/Exports/export.sh" "$@"
