#!/usr/bin/env bash
# The XLSForm conversion benchmark lives with its module: bench/Governance/Surveys/surveys-forms.sh.
exec "$(dirname "$0")/Governance/Surveys/surveys-forms.sh" "$@"
