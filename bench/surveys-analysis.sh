#!/usr/bin/env bash
# The survey analysis benchmark lives with its module: bench/Governance/Surveys/surveys-analysis.sh.
exec "$(dirname "$0")/Governance/Surveys/surveys-analysis.sh" "$@"
