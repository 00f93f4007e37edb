#!/usr/bin/env bash
# The stored-round analysis benchmark lives with its module: bench/Governance/Surveys/surveys-rounds.sh.
exec "$(dirname "$0")/Governance/Surveys/surveys-rounds.sh" "$@"
