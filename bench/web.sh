#!/usr/bin/env bash
# The web benchmark lives with its module: bench/Platform/Web/web.sh (this entry point stays for the documented command).
exec "$(dirname "$0")/Platform/Web/web.sh" "$@"
