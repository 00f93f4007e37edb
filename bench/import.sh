#!/usr/bin/env bash
# The import benchmark lives with its module: bench/Register/Imports/import.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Register/Imports/import.sh" "$@"
