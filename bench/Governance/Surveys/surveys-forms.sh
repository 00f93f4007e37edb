#!/usr/bin/env bash
# XLSForm conversion benchmark (in-process, Release): a 300-row perception survey in two languages converted to an ODK
# XForm, against the reference of MiniExcel reading the same workbook. Target (issue 14): ≤ 1 s.
#   ./bench/surveys-forms.sh [--rows 300] [--runs 30]
set -euo pipefail
cd "$(dirname "$0")/../../.."
dotnet build -c Release bench/Governance/Surveys/Amani.Bench.SurveyForms -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet bench/Governance/Surveys/Amani.Bench.SurveyForms/bin/Release/net10.0/Amani.Bench.SurveyForms.dll "$@"
