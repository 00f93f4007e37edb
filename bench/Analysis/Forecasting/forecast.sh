#!/usr/bin/env bash
# Forecasting benchmark (Release build): times the whole ViEWS 2020 task 2 evaluation (every model, the learned one
# re-fitted on the protocol's schedule) and one predict (54 countries × steps 2–7 from the last month of the data),
# and prints each figure with its ratio to the target (evaluation ≤ 60 s, predict ≤ 5 s on 2 cores).
#   ./bench/forecast.sh [--data FILE] [--runs N]
# Wall time depends on what else runs on the machine: the load average before and after is printed with the figures,
# with the process's CPU time (user + system), which depends much less on it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=datasets/ucdp/views_cm_1988-12_2020-08.csv
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: $0 [--data FILE] [--runs N]" >&2; exit 2 ;;
  esac
done
[ -f "$data" ] || { echo "no data file $data (the ViEWS country-month CSV)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./amani --help >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }   # builds Release into .build/amani when needed (not timed)
countries="$work/countries.csv"
{ echo country_id; for id in 40 41 42 43 47 48 49 50 52 53 54 55 56 57 67 69 70 73 74 76 78 79 80 81 120 154 155 156 157 158 159 160 161 162 163 \
    164 165 166 167 169 170 172 173 174 213 214 222 235 237 242 243 244 245 246; do echo "$id"; done; } > "$countries"
last=$(tail -n +2 "$data" | cut -d, -f1 | sort -n | tail -1)

timed() { # label target-seconds command…: runs it, prints wall and CPU seconds and the ratio to the target
  local label=$1 target=$2; shift 2
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r wall user sys < "$work/time"
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v t="$target" \
    'BEGIN { printf "%-10s wall %7.2f s   cpu %7.2f s   target %5.1f s   wall/target %.2f\n", l, w, u + s, t, w / t }'
}

echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average/load average/')"
for run in $(seq "$runs"); do
  timed evaluate 60 ./amani forecast evaluate --protocol views2020-task2 --data "$data" --countries "$countries"
  cat "$work/out" | sed 's/^/    /'
  timed predict 5 ./amani forecast predict --data "$data" --last-month "$last" --countries "$countries" --steps 2-7 --out "$work/predict.csv"
  sed 's/^/    /' "$work/out"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
