#!/usr/bin/env bash
# The import-jobs benchmark lives with its module: bench/Register/Imports/import-jobs.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Register/Imports/import-jobs.sh" "$@"
