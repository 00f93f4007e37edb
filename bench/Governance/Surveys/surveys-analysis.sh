#!/usr/bin/env bash
# Survey analysis benchmark (in-process, Release): two rounds of 20,000 respondents × 60 questions in 100 areas —
# build the rounds, the design-based estimates overall and by area, the change between the rounds — against the
# unweighted shares by area over the same respondents, measured in the same run.
#   ./bench/surveys-analysis.sh [--respondents 20000] [--questions 60] [--areas 100] [--runs 5]
set -euo pipefail
cd "$(dirname "$0")/../../.."
dotnet build -c Release bench/Governance/Surveys/Amani.Bench.SurveysAnalysis -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet bench/Governance/Surveys/Amani.Bench.SurveysAnalysis/bin/Release/net10.0/Amani.Bench.SurveysAnalysis.dll "$@"
