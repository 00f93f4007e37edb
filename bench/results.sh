#!/usr/bin/env bash
# The results framework benchmark lives with its module: bench/Governance/Results/results.sh.
exec "$(dirname "$0")/Governance/Results/results.sh" "$@"
