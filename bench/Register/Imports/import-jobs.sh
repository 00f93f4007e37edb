#!/usr/bin/env bash
# Import jobs over HTTP: starts the real server (Release) on a fresh data directory, once on SQLite and once on
# PostgreSQL, uploads the sample data (src/Amani/SampleData) and the reference datasets (datasets/) to POST /api/v1/imports with curl and polls each job to its end.
# First the server's peak resident memory (VmHWM) before and after a 512 MB upload (streamed to disk, then refused by
# its header); then per file: upload time (streaming to disk + header check), time until the job succeeded (polled
# every 0.2 s), the job's rows/s and its counts.
#   ./bench/import-jobs.sh [--only sqlite|postgres]
# PostgreSQL: $AMANI_BENCH_POSTGRES when set (a fresh schema per run), else a throw-away database like ./bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
only="${2:-}"
if [ "${1:-}" != "--only" ]; then only=""; fi
if [ -z "${AMANI_BENCH_POSTGRES:-}" ] && [ "$only" != "sqlite" ]; then
  source scripts/test-services.sh
  ensure_postgres
  AMANI_BENCH_POSTGRES=$(create_test_database)
  database=$(sed -E 's/.*Database=([^;]+).*/\1/' <<<"$AMANI_BENCH_POSTGRES")
  trap 'drop_test_database "$database"' EXIT
fi
dotnet build src/Amani/Amani.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dll="$PWD/src/Amani/bin/Release/net10.0/Amani.dll"
echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average/load average/')"

field() { sed -E "s/.*$1=([^;]+).*/\1/" <<<"$AMANI_BENCH_POSTGRES"; }
hwm() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

run() {
  local label="$1" db="$2" data port token pid
  data=$(mktemp -d /tmp/amani-bench-jobs-XXXX)
  export AMANI_DATA_DIR="$data" AMANI_DATABASE="$db" AMANI_DEMO=false
  if [ -n "$db" ]; then
    PGPASSWORD="$(field Password)" psql -q -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$(field Database)" \
      -c "CREATE SCHEMA $(sed -E 's/.*Search Path=([^;]+).*/\1/' <<<"$db")"
  fi
  dotnet "$dll" missions create --code BENCH --name Benchmark --country CAF >/dev/null 2>&1
  echo "a long passphrase for the import run" > "$data/password"
  dotnet "$dll" users create-admin --email bench@bench.local --password-file "$data/password" >/dev/null 2>&1
  token=$(dotnet "$dll" tokens create --user bench@bench.local --scopes imports:run 2>/dev/null | tail -1 | tr -d '[:space:]')
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dotnet "$dll" serve --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.5; done
  echo "$label: server VmHWM after start $(hwm "$pid") MB"
  upload() { # kind level file
    local kind="$1" level="$2" file="$3" start answer id job mission=()
    [ "$kind" != "views-cm" ] && mission=(-F mission=BENCH)
    [ -n "$level" ] && mission+=(-F "level=$level")
    start=$(date +%s.%N)
    answer=$(curl -sS -H "Authorization: Bearer $token" -F "kind=$kind" "${mission[@]}" -F "file=@$file" "http://127.0.0.1:$port/api/v1/imports")
    local uploaded; uploaded=$(date +%s.%N)
    id=$(jq -r .id <<<"$answer")
    [ "$id" = "null" ] && { echo "refused: $answer"; return 1; }
    while :; do
      job=$(curl -sS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/imports/$id")
      [ "$(jq -r .finished <<<"$job")" = "true" ] && break
      sleep 0.2
    done
    local done; done=$(date +%s.%N)
    printf '%-12s %-44s %10s %9.2f %9.1f %9s %7s  %s %s\n' "$kind" "$(basename "$file")" "$(stat -c %s "$file")" \
      "$(echo "$uploaded - $start" | bc)" "$(echo "$done - $start" | bc)" "$(jq -r .progress.rowsPerSecond <<<"$job")" "$(hwm "$pid")" \
      "$(jq -r '.counts | "\(.read)/\(.inserted)/\(.updated)/\(.unchanged)/\(.rejected)"' <<<"$job")" "$(jq -r .status <<<"$job")"
  }
  # Memory: a 512 MB file (a wrong header, so it is refused after being streamed to disk and checked).
  { echo "not,a,dataset"; head -c $((512 * 1024 * 1024)) /dev/zero | tr '\0' 'x' | fold -w 100; } > "$data/big.csv"
  local before start status
  before=$(hwm "$pid"); start=$(date +%s.%N)
  status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -F kind=views-cm -F "file=@$data/big.csv" \
    "http://127.0.0.1:$port/api/v1/imports")
  echo "$label: 512 MB upload answered $status in $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f') s; VmHWM $before MB before, $(hwm "$pid") MB after"
  printf '%-12s %-44s %10s %9s %9s %9s %7s  %s\n' "kind" "file" "bytes" "upload s" "job s" "rows/s" "VmHWM" "read/inserted/updated/unchanged/rejected"
  upload areas 1 src/Amani/SampleData/geo/caf_adm1.geojson
  upload areas 2 src/Amani/SampleData/geo/caf_adm2.geojson
  upload ucdp-ged "" src/Amani/SampleData/ucdp/ged231_events_central_african_republic.csv
  upload ucdp-ged "" src/Amani/SampleData/ucdp/ged231_events_central_african_republic.csv
  upload ucdp-ged "" src/Amani/SampleData/ucdp/ged191_events_syria_2016-2019.csv
  upload views-cm "" datasets/ucdp/views_cm_1988-12_2020-08.csv
  upload views-cm "" datasets/ucdp/views_cm_1988-12_2020-08.csv
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}

[ "$only" != "postgres" ] && run SQLite ""
if [ "$only" != "sqlite" ]; then
  run PostgreSQL "$AMANI_BENCH_POSTGRES;Search Path=bench_jobs_$(date +%Y%m%d%H%M%S)_$$"
fi
