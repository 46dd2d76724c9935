#!/usr/bin/env bash
# The benchmark in one command: builds the jar, starts fakes of Clerk and Dub (fixed latency) and the
# service, drives each path with wrk at fixed concurrency, and writes bench/results.md.
# Every setting is an environment variable; see bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="${WORK:-$BENCH/work}"
OUT="${OUT:-$BENCH/results.md}"

# QUICK=1: a comparison run of a few minutes (the fresh-token fast path and the full path at two
# concurrencies, no start-up variants); any setting given explicitly still wins.
if [ "${QUICK:-0}" = 1 ]; then
  : "${PATHS:=fast-fresh full}" "${CONNECTIONS:=16 64}" "${FRESH_CONNECTIONS:=16 64}" "${FRESH_WARMUP:=20s}"
  : "${FULL_WARMUP:=90s}" "${START_VARIANTS:=}"
fi
DURATION="${DURATION:-10s}"            # per row
WARMUP="${WARMUP:-15s}"                # warm-up of the health and repeated-token paths (JIT)
FRESH_WARMUP="${FRESH_WARMUP:-5s}"     # the fresh-token path shares most code with the repeated one
FULL_WARMUP="${FULL_WARMUP:-120s}"     # the full path runs the most code: C2 is still compiling it after 60 s
DELAY_MS="${DELAY_MS:-5}"              # latency of every fake upstream call
CONNECTIONS="${CONNECTIONS:-8 16 64 256}"
FRESH_CONNECTIONS="${FRESH_CONNECTIONS:-16 64}"   # each fresh row spends thousands of minted tokens
THREADS="${THREADS:-2}"                # wrk threads
PATHS="${PATHS:-health fast-repeated fast-fresh full upstream}"
UPSTREAM_CONNECTIONS="${UPSTREAM_CONNECTIONS:-8}"  # the floor: one fake call alone, no service
PORT="${PORT:-18080}"
CLERK_PORT="${CLERK_PORT:-18081}"
DUB_PORT="${DUB_PORT:-18082}"
MANAGEMENT_PORT="${MANAGEMENT_PORT:-18083}"   # the service's health and metrics (its management interface)
FAST_TOKENS="${FAST_TOKENS:-60000}"     # distinct tokens for the fresh-token fast path (one run uses each once)
FULL_TOKENS="${FULL_TOKENS:-120000}"    # distinct users for the full path (warm-up included)
TOKEN_TTL="${TOKEN_TTL:-86400}"         # the tokens' exp, so that the pool is minted once a day
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--Xms48m -Xmx64m -XX:+UseSerialGC}"   # the heap sized to the live set (~30 MB)
SERVICE_MALLOC_ARENA_MAX="${SERVICE_MALLOC_ARENA_MAX:-2}"   # glibc malloc arenas of the service (docker/Dockerfile.jvm sets the same)
APPCDS="${APPCDS:-1}"                   # 1: build and use an AppCDS archive (faster start)
FAKE_JAVA_OPTS="${FAKE_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STARTS="${STARTS:-5}"                   # starts per start-up variant (the table reports the median)
# The app-wide budgets of upstream requests far above what the rows send: the rows measure the service, and the
# fakes have no limit to protect (past a budget, every answer would be a cheap 429).
UPSTREAM_RATE="${UPSTREAM_RATE:-100000000/1m}"
REDIS="${REDIS:-0}"                     # 1: the service shares its state through a redis-server started here
REDIS_PORT="${REDIS_PORT:-18084}"
START_VARIANTS="${START_VARIANTS-fast-jar appcds aot-jar-cds aot-cache}"   # empty: no start-up variants
AOT_JAVA="${AOT_JAVA:-$(ls -d /usr/lib/jvm/*-25*/bin/java 2>/dev/null | head -n1 || true)}"  # JDK 25+ for aot-cache
JFR="${JFR:-0}"                         # 1: record the whole run to $WORK/service.jfr (profile settings)
NMT="${NMT:-0}"                         # 1: native memory tracking, summary written to $WORK/nmt.txt at the end
NATIVE_BINARY="${NATIVE_BINARY:-}"      # a prebuilt native binary (target/*-runner): its rows and start beside the jar's
NATIVE_OPTS="${NATIVE_OPTS:--Xmx64m}"   # its runtime options (the rows' heap cap, as SERVICE_JAVA_OPTS)
NATIVE_PATHS="${NATIVE_PATHS:-fast-fresh full}"   # its rows (any of PATHS but upstream, which has no service)
NATIVE_WARMUP="${NATIVE_WARMUP:-5s}"    # per path: no JIT to wait for, only connections and pools to fill
APP="${APP:-}"                          # a built quarkus-app folder to measure instead of this checkout's (no build)
APP_LABEL="${APP_LABEL:-}"              # what the report calls it (default: the commit of the checkout it is in)
BASELINE="${BASELINE:-}"                # a commit: its rows are run beside this checkout's, alternating
BASELINE_APP="${BASELINE_APP:-}"        # or a quarkus-app folder built from it already
BASELINE_LABEL="${BASELINE_LABEL:-}"    # what the report calls the baseline (default: its commit)
ROUNDS="${ROUNDS:-1}"                   # with a baseline: how many times each is measured, alternating

APP_GIVEN=0
if [ -n "$APP" ]; then
  [ -f "$APP/quarkus-run.jar" ] || { echo "APP=$APP holds no quarkus-run.jar" >&2; exit 1; }
  APP="$(cd "$APP" && pwd)"; APP_GIVEN=1; SKIP_BUILD=1
fi
APP="${APP:-$ROOT/target/quarkus-app}"
APP_ROOT="$(git -C "$APP" rev-parse --show-toplevel 2>/dev/null || echo "$ROOT")"   # the checkout it was built from
JAR="$APP/quarkus-run.jar"
LIB="$APP/lib/main"
ISSUER="http://127.0.0.1:$CLERK_PORT"
SERVICE="http://127.0.0.1:$PORT"
MANAGEMENT="http://127.0.0.1:$MANAGEMENT_PORT"
mkdir -p "$WORK"
PIDS=()
if [ -n "$NATIVE_BINARY" ]; then
  NATIVE_BINARY="$(cd "$(dirname "$NATIVE_BINARY")" && pwd)/$(basename "$NATIVE_BINARY")"
  [ -f "$NATIVE_BINARY" ] && [ -x "$NATIVE_BINARY" ] || { echo "NATIVE_BINARY=$NATIVE_BINARY is not an executable file" >&2; exit 1; }
  [[ " $START_VARIANTS " == *" native "* ]] || START_VARIANTS="$START_VARIANTS native"
fi

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# ---- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi

# ---- the shared state ----------------------------------------------------------------------------
# REDIS=1: Debian's redis-server on the loopback, nothing saved, and every instance started below uses it.
STATE_ENV=()
if [ "$REDIS" = 1 ]; then
  if ! command -v redis-server >/dev/null; then
    log "installing redis-server (Debian package)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y redis-server >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y redis-server >/dev/null; }
  fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
  PIDS+=("$!")
  STATE_ENV=(QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT")
  log "state: Redis on port $REDIS_PORT"
fi

# ---- build -------------------------------------------------------------------------------------
BUILD_FLAGS=""
[ "$APPCDS" = 1 ] && BUILD_FLAGS="-Dquarkus.package.jar.appcds.enabled=true"
if [ "$SKIP_BUILD" != 1 ] || [ ! -f "$JAR" ]; then
  log "building the jar"
  # shellcheck disable=SC2086
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests $BUILD_FLAGS)
fi
AOT_APP="$(dirname "$APP")/bench-aot"
if [[ " $START_VARIANTS " == *" aot-"* ]] && [ "$APP_GIVEN" = 0 ] && { [ "$SKIP_BUILD" != 1 ] || [ ! -f "$AOT_APP/quarkus-run.jar" ]; }; then
  log "building the aot-jar packaging for the start-up variants (target/bench-aot)"
  # The same application, its libraries on the JDK's own class path (no Quarkus class loader), which
  # the JDK's class archives can hold: Quarkus' packaging for AOT caches.
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar \
    -Dquarkus.package.output-directory=bench-aot)
fi
CDS_OPTS=""
# The archive records the class path as the build ran it: relative to the quarkus-app folder.
cds_opts() { [ "$APPCDS" = 1 ] && [ -f "$1/app-cds.jsa" ] && echo "-XX:SharedArchiveFile=app-cds.jsa" || true; }
CDS_OPTS="$(cds_opts "$APP")"

# The baseline: a commit of this repository, built from its files (git archive) under $WORK/baseline.
commit_of() { # checkout: its short commit, "+changes" when src or pom.xml differ from it
  local c
  c="$(git -C "$1" rev-parse --short HEAD 2>/dev/null)" || { echo "$1"; return; }
  git -C "$1" diff --quiet HEAD -- src pom.xml || c+="+changes"
  echo "$c"
}
if [ -n "$BASELINE" ] && [ -z "$BASELINE_APP" ]; then
  BASELINE_COMMIT="$(git -C "$ROOT" rev-parse --short "$BASELINE^{commit}")"
  BASELINE_DIR="$WORK/baseline/$BASELINE_COMMIT"
  if [ ! -f "$BASELINE_DIR/target/quarkus-app/quarkus-run.jar" ]; then
    log "building the baseline $BASELINE_COMMIT in $BASELINE_DIR"
    rm -rf "$BASELINE_DIR"; mkdir -p "$BASELINE_DIR"
    git -C "$ROOT" archive "$BASELINE_COMMIT" | tar -x -C "$BASELINE_DIR"
    # shellcheck disable=SC2086
    (cd "$BASELINE_DIR" && ./mvnw -B -q package -DskipTests $BUILD_FLAGS)
  fi
  BASELINE_APP="$BASELINE_DIR/target/quarkus-app"
  BASELINE_LABEL="${BASELINE_LABEL:-$BASELINE_COMMIT}"
elif [ -n "$BASELINE_APP" ]; then
  [ -f "$BASELINE_APP/quarkus-run.jar" ] || { log "BASELINE_APP=$BASELINE_APP holds no quarkus-run.jar"; exit 1; }
  BASELINE_APP="$(cd "$BASELINE_APP" && pwd)"
  BASELINE_LABEL="${BASELINE_LABEL:-$(commit_of "$(git -C "$BASELINE_APP" rev-parse --show-toplevel 2>/dev/null || echo "$BASELINE_APP")")}"
fi
APP_LABEL="${APP_LABEL:-$(commit_of "$APP_ROOT")}"

# ---- tokens (minted once, reused while they are valid for another hour) -------------------------
mint_needed() {
  [ -f "$WORK/tokens.exp" ] && [ -f "$WORK/fast-fresh.txt" ] && [ -f "$WORK/full.txt" ] || return 0
  [ "$(cat "$WORK/issuer" 2>/dev/null)" = "$ISSUER" ] || return 0
  [ "$(wc -l <"$WORK/fast-fresh.txt")" -ge "$FAST_TOKENS" ] || return 0
  [ "$(wc -l <"$WORK/full.txt")" -ge "$FULL_TOKENS" ] || return 0
  [ "$(cat "$WORK/tokens.exp")" -gt $(( $(date +%s) + 3600 )) ] || return 0
  return 1
}
if mint_needed; then
  log "minting $FAST_TOKENS fast-path and $FULL_TOKENS full-path tokens (RS256; once per TOKEN_TTL)"
  java "$BENCH/MintTokens.java" "$WORK" "$ISSUER" "$TOKEN_TTL" "$FAST_TOKENS" "$FULL_TOKENS"
  echo "$ISSUER" >"$WORK/issuer"
fi

# ---- fakes -------------------------------------------------------------------------------------
wait_http() { # url, seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -s -o /dev/null --max-time 1 "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "no answer from $1"; exit 1; }
    sleep 0.1
  done
}
for port in "$PORT" "$MANAGEMENT_PORT" "$CLERK_PORT" "$DUB_PORT"; do   # a process left on a port would answer in our place
  ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" || { log "port $port is taken: stop what listens there"; exit 1; }
done
log "starting the fakes (delay ${DELAY_MS} ms)"
# shellcheck disable=SC2086
java $FAKE_JAVA_OPTS -cp "$LIB/*" "$BENCH/FakeUpstreams.java" "$CLERK_PORT" "$DUB_PORT" "$DELAY_MS" "$WORK/jwks.json" \
  >"$WORK/fakes.log" 2>&1 &
FAKES_PID=$!
PIDS+=("$FAKES_PID")
wait_http "http://127.0.0.1:$CLERK_PORT/__stats" 60
wait_http "http://127.0.0.1:$DUB_PORT/__stats" 10

# ---- service -----------------------------------------------------------------------------------
REPEATED_TOKEN="$(head -n1 "$WORK/fast-repeated.txt")"
fast_call() { curl -s --max-time "${CALL_TIMEOUT:-10}" -X POST -H "Authorization: Bearer $1" -H "Origin: https://app.example.com" \
  -H "Cookie: dub_id=clk_bench" -w ' %{http_code}' "$SERVICE/api/track-lead"; }

# recording_opts name: the JVM options of JFR (to $WORK/<name>.jfr) and NMT, as asked
recording_opts() {
  [ "$JFR" = 1 ] && printf '%s ' "-XX:StartFlightRecording=filename=$WORK/$1.jfr,settings=profile,dumponexit=true"
  [ "$NMT" = 1 ] && printf '%s ' "-XX:NativeMemoryTracking=summary"
  true
}

# launch dir log command...: starts the service's command in dir against the fakes; sets SERVICE_PID
# and START_US.
launch() {
  local dir=$1 out=$2
  shift 2
  START_US=${EPOCHREALTIME/./}
  (cd "$dir" && exec env MALLOC_ARENA_MAX="$SERVICE_MALLOC_ARENA_MAX" PORT="$PORT" MANAGEMENT_PORT="$MANAGEMENT_PORT" CLERK_SECRET_KEY=sk_test_bench \
    CLERK_ISSUER="$ISSUER" CLERK_AUTHORIZED_PARTIES=https://app.example.com DUB_API_KEY=dub_bench \
    CLERK_API_URL="$ISSUER" DUB_API_URL="http://127.0.0.1:$DUB_PORT" DUB_RATE_LIMIT="$UPSTREAM_RATE" \
    CLERK_RATE_LIMIT="$UPSTREAM_RATE" "${STATE_ENV[@]}" "$@") >"$out" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
}
# launch_service app_dir log java [options...]: the jar of app_dir (a quarkus-app folder).
launch_service() {
  local dir=$1 out=$2 java=$3
  shift 3
  launch "$dir" "$out" "$java" "$@" -jar quarkus-run.jar
}
# launch_native log: NATIVE_BINARY with NATIVE_OPTS, in $WORK.
launch_native() {
  # shellcheck disable=SC2086
  launch "$WORK" "$1" "$NATIVE_BINARY" $NATIVE_OPTS
}
# wait_first_200 log: sets FIRST_200_MS (from launch_service's START_US to the first 200 of the
# endpoint itself: JWKS loaded, token verified) and QUARKUS_STARTED. Until the log says the port is
# open, the wait forks nothing (the log read, the clock and the 10 ms pause are shell builtins): a
# process forked every 10 ms would take CPU from the start it measures, on 2 cores.
exec {NAP_FD}<> <(:)   # a pipe nobody writes to: read -t on it is a sleep without a fork
nap() { read -r -t 0.01 -u "$NAP_FD" || true; }
elapsed_ms() { ELAPSED_MS=$(( (${EPOCHREALTIME/./} - START_US) / 1000 )); }
wait_first_200() {
  local out=$1 text
  while :; do
    text=""
    [ -f "$out" ] && { IFS= read -r -d '' text <"$out" || true; }
    [[ "$text" == *"Listening on"* ]] && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "the service died:"; tail -20 "$out" >&2; exit 1; }
    elapsed_ms; [ "$ELAPSED_MS" -lt 60000 ] || { log "not listening within 60 s"; exit 1; }
    nap
  done
  until [ "$(CALL_TIMEOUT=2 fast_call "$REPEATED_TOKEN" 2>/dev/null | tail -c 3)" = 200 ]; do
    elapsed_ms; [ "$ELAPSED_MS" -lt 60000 ] || { log "no 200 within 60 s"; exit 1; }
    nap
  done
  elapsed_ms
  FIRST_200_MS=$ELAPSED_MS
  QUARKUS_STARTED="$(grep -o 'started in [0-9.]*s' "$out" | head -1 || true)"
}
stop_service() { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${1:-$SERVICE_PID}/stat"; }   # user + system, all threads
TICK=$(getconf CLK_TCK)
rss_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVICE_PID/status"; }

# ---- checks: each path answers what it should ---------------------------------------------------
expect() { # label, output, pattern
  if ! tr -d '\n' <<<"$2" | grep -q -- "$3"; then log "$1 answered: $2 (expected $3)"; exit 1; fi
}
check_paths() {
  expect "fast path" "$(fast_call "$REPEATED_TOKEN")" '"status":"already_tracked"} 200'
  expect "full path" "$(fast_call "$(head -n1 "$WORK/full.txt")")" '"status":"tracked".* 200'
  expect "health" "$(curl -s -w ' %{http_code}' "$MANAGEMENT/q/health/live")" 'UP.* 200'
}

# serve app_dir name: starts the jar of app_dir against the fakes (log $WORK/<name>.log), checks each path,
# and starts the token pools again from the top: a new process has seen none of the tokens, and the fakes
# keep no state (line 1 of full.txt goes to the check).
serve() {
  local dir=$1
  SERVICE_LOG="$WORK/$2.log"
  # shellcheck disable=SC2046
  launch_service "$dir" "$SERVICE_LOG" java $SERVICE_JAVA_OPTS $(cds_opts "$dir") $(recording_opts "$2")
  wait_first_200 "$SERVICE_LOG"
  log "$2: first 200 after ${FIRST_200_MS} ms ($QUARKUS_STARTED)"
  check_paths
  FRESH_NEXT=1
  FULL_NEXT=2
}

log "starting the service"
serve "$APP" service
LOADED_FIRST_200_MS=$FIRST_200_MS
LOADED_STARTED=$QUARKUS_STARTED

# ---- load --------------------------------------------------------------------------------------
ROWS=()
OWN_ROWS=()

# run_wrk path connections duration: sets RESULT to wrk's RESULT line and moves the pool offsets past
# what the run used (not in a subshell, so that the offsets stick)
run_wrk() {
  local path=$1 conns=$2 duration=$3 url mode file="" pool_next=0 out auth=""
  case $path in
    health) url="$MANAGEMENT/q/health/live"; mode=get ;;
    upstream) url="http://127.0.0.1:$CLERK_PORT/v1/users/user_bench_floor"; mode=get; auth="Bearer sk_test_bench" ;;
    fast-repeated) url="$SERVICE/api/track-lead"; mode=repeat; file="$WORK/fast-repeated.txt" ;;
    fast-fresh) url="$SERVICE/api/track-lead"; mode=fresh; pool_next=$FRESH_NEXT; file="$WORK/fast-fresh.txt" ;;
    full) url="$SERVICE/api/track-lead"; mode=fresh; pool_next=$FULL_NEXT; file="$WORK/full.txt" ;;
  esac
  if [ "$pool_next" -gt 0 ]; then
    tail -n +"$pool_next" "$file" >"$WORK/slice.txt"
    [ -s "$WORK/slice.txt" ] || head -n 1000 "$file" >"$WORK/slice.txt"   # exhausted: reuse, reported
    file="$WORK/slice.txt"
  fi
  out="$(BENCH_MODE=$mode BENCH_TOKENS=$file BENCH_THREADS=$THREADS BENCH_AUTH=$auth \
    wrk -t"$THREADS" -c"$conns" -d"$duration" --timeout 5s -s "$BENCH/track-lead.lua" "$url" 2>&1)"
  local result
  result="$(grep '^RESULT' <<<"$out" || { echo "$out" >&2; exit 1; })"
  local used
  used=$(( $(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result") + conns ))
  case $path in
    fast-fresh) FRESH_NEXT=$(( FRESH_NEXT + used )) ;;
    full) FULL_NEXT=$(( FULL_NEXT + used )) ;;
  esac
  RESULT="$result"
}

# The service's own time per full-path request, from its request log lines written since line $1:
# "track-lead 200 tracked user=... 22ms clerk_get_user=7ms ..." gives 22 minus the upstream calls.
# Millisecond values, each rounded down; verification of the token comes before the log's clock starts.
own_time() {
  tail -n +"$1" "$SERVICE_LOG" | grep -o 'track-lead 200 [a-z_]* user=[^ ]* [0-9]*ms.*' \
    | awk '{ up = 0; for (i = 6; i <= NF; i++) { split($i, kv, "="); up += kv[2] + 0 } print $5 - up }' \
    | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- | - | 0"; exit }
        p50 = v[int((NR - 1) * 0.5) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]; printf "%d | %d | %d", p50, p99, NR }'
}

field() { sed -E "s/.*[ ]$2=([^ ]+).*/\1/" <<<"$1"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
cpu_ms_per_request() { awk -v t="$1" -v hz="$TICK" -v r="$2" 'BEGIN { printf "%.3f", r ? t * 1000 / hz / r : 0 }'; }
# Bytes the service has allocated since it started, all threads: Micrometer's
# jvm_gc_memory_allocated_bytes_total (at each collection, what the young generation took in since the
# previous one, from the JVM's own memory-pool figures) plus what the young generation holds now, which
# the next collection would add. "-" where the service has no such metrics (a native binary).
allocated_bytes() {
  curl -s "$MANAGEMENT/q/metrics" | awk '
    /^jvm_gc_memory_allocated_bytes_total / { total = $2; seen = 1 }
    /^jvm_memory_used_bytes\{/ && /[Ee]den/ { eden += $2 }
    END { if (seen) printf "%.0f\n", total + eden; else print "-" }'
}
# One reading allocates too (the metrics page is written on each scrape): measured on the idle service
# as the difference of two readings in a row, and taken off each row's figure.
scrape_bytes() {
  local a b
  allocated_bytes >/dev/null
  a=$(allocated_bytes); b=$(allocated_bytes)
  [ "$a" = - ] && echo 0 || echo $(( b - a ))
}
alloc_kb_per_request() { # before, after, scrape cost, requests
  [ "$1" = - ] && { echo -; return; }
  awk -v d=$(( $2 - $1 - $3 )) -v r="$4" 'BEGIN { printf "%.1f", r ? d / 1024 / r : 0 }'
}
upstream_calls() { curl -s "http://127.0.0.1:$CLERK_PORT/__stats" | tr ' ' '\n' \
  | awk -F= '$1 == "get_user" || $1 == "patch_metadata" || $1 == "track_lead" { s += $2 } END { print s }'; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
# cpu line of /proc/stat: user nice system idle iowait irq softirq steal; steal is time the host gave
# this machine's virtual CPUs to someone else
STAT_BEFORE="$(head -n1 /proc/stat)"
OTHERS_BEFORE="$(ps -eo pid,pcpu,etimes,args --sort=-pcpu | awk -v me="$SERVICE_PID" -v f="$FAKES_PID" \
  'NR > 1 && $2 > 20 && $1 != me && $1 != f { printf "%s (%s%% CPU) %s\n", $1, $2, substr($0, index($0, $4), 90) }' | head -5)"

warm_up() {
  log "warm-up: $WARMUP health and repeated token, $FRESH_WARMUP fresh token, $FULL_WARMUP full path"
  for path in $PATHS; do
    case $path in
      fast-fresh|upstream) run_wrk "$path" 16 "$FRESH_WARMUP" ;;
      full) run_wrk "$path" 16 "$FULL_WARMUP" ;;
      *) run_wrk "$path" 16 "$WARMUP" ;;
    esac
  done
}
warm_up

# run_rows paths...: one row per path and concurrency, against the running service ($SERVICE_PID,
# logging to $SERVICE_LOG), added to ROWS and OWN_ROWS
run_rows() {
local scrape
scrape=$(scrape_bytes)
for path in "$@"; do
  conns_list=$CONNECTIONS
  [ "$path" = fast-fresh ] && conns_list=$FRESH_CONNECTIONS
  [ "$path" = upstream ] && conns_list=$UPSTREAM_CONNECTIONS
  for conns in $conns_list; do
    calls_before=$(upstream_calls)
    cpu_before=$(cpu_ticks)
    fakes_before=$(cpu_ticks "$FAKES_PID")
    log_before=$(( $(wc -l <"$SERVICE_LOG") + 1 ))
    alloc_before=$(allocated_bytes)
    run_wrk "$path" "$conns" "$DURATION"
    result=$RESULT
    [ "$path" = full ] && OWN_ROWS+=("| $conns | $(own_time "$log_before") |")
    cpu_after=$(cpu_ticks)
    fakes_after=$(cpu_ticks "$FAKES_PID")
    calls_after=$(upstream_calls)
    alloc_after=$(allocated_bytes)
    requests=$(field "$result" requests)
    per_request=$(awk -v c=$(( calls_after - calls_before )) -v r="$requests" 'BEGIN { printf "%.2f", r ? c / r : 0 }')
    cpu_per_request=$(cpu_ms_per_request $(( cpu_after - cpu_before )) "$requests")
    fakes_per_request=$(cpu_ms_per_request $(( fakes_after - fakes_before )) "$requests")
    socket=$(( $(field "$result" connect) + $(field "$result" read) + $(field "$result" write) + $(field "$result" timeout) ))
    row="| $path | $conns | $(field "$result" rps) | $(ms "$(field "$result" p50_us)") | $(ms "$(field "$result" p99_us)")"
    row+=" | $(ms "$(field "$result" p999_us)") | $(field "$result" status_errors) | $socket | $per_request | $cpu_per_request"
    row+=" | $(alloc_kb_per_request "$alloc_before" "$alloc_after" "$scrape" "$requests") | $fakes_per_request"
    row+=" | $(( $(rss_kb VmRSS) / 1024 )) | $(( $(rss_kb VmHWM) / 1024 )) | $(field "$result" reused) |"
    ROWS+=("$row")
    log "$row"
  done
done
}
# shellcheck disable=SC2086
run_rows $PATHS
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
STEAL_PERCENT="$(printf '%s\n%s\n' "$STAT_BEFORE" "$(head -n1 /proc/stat)" | awk '
  { t = 0; for (i = 2; i <= 9; i++) t += $i; total[NR] = t; steal[NR] = $9 }
  END { d = total[2] - total[1]; printf "%.1f", d ? 100 * (steal[2] - steal[1]) / d : 0 }')"
[ "$NMT" = 1 ] && jcmd "$SERVICE_PID" VM.native_memory summary >"$WORK/nmt.txt" 2>&1
PEAK_RSS_MB=$(( $(rss_kb VmHWM) / 1024 ))
METRICS="$(curl -s "$MANAGEMENT/q/metrics" | grep -E '^(jvm_gc_pause_seconds_(count|sum)(\{[^}]*\})?|quota_entries\{[^}]*\}) ' || true)"

# ---- before and after --------------------------------------------------------------------------
# The baseline's jar serves the same rows against the same fakes, then this checkout's again, ROUNDS
# times in turn (after, before, after, before...), so that both meet the machine's load alike.
stop_service
AFTER_ROWS=("${ROWS[@]}"); AFTER_LOADS=("$LOAD_BEFORE")
BEFORE_ROWS=(); BEFORE_LOADS=()
if [ -n "$BASELINE_APP" ]; then
  MAIN_ROWS=("${ROWS[@]}"); MAIN_OWN_ROWS=("${OWN_ROWS[@]}")
  for round in $(seq "$ROUNDS"); do
    if [ "$round" -gt 1 ]; then
      ROWS=(); serve "$APP" "service-$round"; warm_up
      AFTER_LOADS+=("$(cut -d' ' -f1-3 /proc/loadavg)")
      # shellcheck disable=SC2086
      run_rows $PATHS
      AFTER_ROWS+=("${ROWS[@]}"); stop_service
    fi
    ROWS=(); serve "$BASELINE_APP" "baseline-$round"; warm_up
    BEFORE_LOADS+=("$(cut -d' ' -f1-3 /proc/loadavg)")
    # shellcheck disable=SC2086
    run_rows $PATHS
    BEFORE_ROWS+=("${ROWS[@]}"); stop_service
  done
  ROWS=("${MAIN_ROWS[@]}"); OWN_ROWS=("${MAIN_OWN_ROWS[@]}")
fi

# ---- the native binary's rows ------------------------------------------------------------------
# The jar's instance stopped, the binary serves the same paths against the same fakes. A new process
# has seen none of the tokens, and the fakes keep no state, so the pools start again from the top.
NATIVE_ROWS=()
NATIVE_OWN_ROWS=()
if [ -n "$NATIVE_BINARY" ]; then
  JAR_ROWS=("${ROWS[@]}"); JAR_OWN_ROWS=("${OWN_ROWS[@]}")
  ROWS=(); OWN_ROWS=()
  FRESH_NEXT=1; FULL_NEXT=2
  log "starting the native binary $NATIVE_BINARY"
  SERVICE_LOG="$WORK/service-native.log"
  sleep 1
  launch_native "$SERVICE_LOG"
  wait_first_200 "$SERVICE_LOG"
  NATIVE_FIRST_200_MS=$FIRST_200_MS
  NATIVE_STARTED=$QUARKUS_STARTED
  log "native: first 200 after ${FIRST_200_MS} ms ($QUARKUS_STARTED), RSS $(( $(rss_kb VmRSS) / 1024 )) MB"
  check_paths
  native_paths=""
  for path in $NATIVE_PATHS; do
    [ "$path" = upstream ] || native_paths+="$path "
  done
  log "native warm-up: $NATIVE_WARMUP per path"
  for path in $native_paths; do run_wrk "$path" 16 "$NATIVE_WARMUP"; done
  # shellcheck disable=SC2086
  run_rows $native_paths
  NATIVE_PEAK_RSS_MB=$(( $(rss_kb VmHWM) / 1024 ))
  stop_service
  NATIVE_ROWS=("${ROWS[@]}"); NATIVE_OWN_ROWS=("${OWN_ROWS[@]}")
  ROWS=("${JAR_ROWS[@]}"); OWN_ROWS=("${JAR_OWN_ROWS[@]}")
fi

# ---- start-up variants -------------------------------------------------------------------------
# The same service, started STARTS times in each variant against the same fakes (the loaded instance
# is stopped first); a variant with a training run gets its archive from a service that served each
# path for a few seconds, then exited.
train() { # drives each path for a few seconds (the pools move on, as in the rows)
  run_wrk fast-repeated 4 3s; run_wrk fast-fresh 4 2s; run_wrk full 4 3s; run_wrk health 4 1s
}
median() { tr ' ' '\n' | sort -n | awk 'NF { v[++n] = $1 } END { printf "%s", v[int((n + 1) / 2)] }'; }
START_ROWS=()
start_variant() { # name, description, app dir ("native": NATIVE_BINARY), java, options...
  local name=$1 what=$2 dir=$3 java=$4 firsts="" starteds="" rsss=""
  shift 4
  for _ in $(seq "$STARTS"); do
    sleep 1   # the previous process's exit (its memory handed back) out of the way
    if [ "$dir" = native ]; then
      launch_native "$WORK/start-$name.log"
    else
      launch_service "$dir" "$WORK/start-$name.log" "$java" "$@"
    fi
    wait_first_200 "$WORK/start-$name.log"
    rsss+="$(( $(rss_kb VmRSS) / 1024 )) "
    stop_service
    firsts+="$FIRST_200_MS "
    starteds+="$(grep -o '[0-9.]*' <<<"$QUARKUS_STARTED") "
  done
  local range
  range="$(tr ' ' '\n' <<<"$firsts" | sort -n | awk 'NF { v[++n] = $1 } END { printf "%s to %s", v[1], v[n] }')"
  START_ROWS+=("| \`$name\` | $what | **$(median <<<"$firsts")** | $range | $(median <<<"$starteds") s | $(median <<<"$rsss") |")
  log "start-up $name: first 200 after $firsts ms, RSS then $rsss MB"
}
for variant in $START_VARIANTS; do
  case $variant in
    fast-jar)
      # shellcheck disable=SC2086
      start_variant fast-jar "JDK 17, the fast-jar as \`docker/Dockerfile.jvm\` runs it" \
        "$APP" java $SERVICE_JAVA_OPTS ;;
    appcds)
      [ -n "$CDS_OPTS" ] || { log "no AppCDS archive (APPCDS=0): skipping appcds"; continue; }
      # shellcheck disable=SC2086
      start_variant appcds "JDK 17, the fast-jar with Quarkus' AppCDS archive (classes of its static init)" \
        "$APP" java $SERVICE_JAVA_OPTS $CDS_OPTS ;;
    aot-jar-cds)
      [ -f "$AOT_APP/quarkus-run.jar" ] || { log "no $AOT_APP: skipping aot-jar-cds"; continue; }
      rm -f "$WORK/aot-jar.jsa"
      # shellcheck disable=SC2086
      launch_service "$AOT_APP" "$WORK/train-cds.log" java $SERVICE_JAVA_OPTS -XX:ArchiveClassesAtExit="$WORK/aot-jar.jsa"
      wait_first_200 "$WORK/train-cds.log"; train; stop_service
      # shellcheck disable=SC2086
      start_variant aot-jar-cds "JDK 17, the aot-jar with a CDS archive of a training run (\`-XX:ArchiveClassesAtExit\`)" \
        "$AOT_APP" java $SERVICE_JAVA_OPTS -XX:SharedArchiveFile="$WORK/aot-jar.jsa" ;;
    aot-cache)
      [ -x "$AOT_JAVA" ] || { log "no JDK 25 (AOT_JAVA): skipping aot-cache"; continue; }
      [ -f "$AOT_APP/quarkus-run.jar" ] || { log "no $AOT_APP: skipping aot-cache"; continue; }
      rm -f "$WORK/app.aot"
      # shellcheck disable=SC2086
      launch_service "$AOT_APP" "$WORK/train-aot.log" "$AOT_JAVA" $SERVICE_JAVA_OPTS -XX:AOTCacheOutput="$WORK/app.aot"
      wait_first_200 "$WORK/train-aot.log"; train; stop_service
      # shellcheck disable=SC2086
      start_variant aot-cache "$("$AOT_JAVA" -version 2>&1 | sed -n 2p | sed -E 's/ \(build ([^)]*)\)/ \1/'), the aot-jar with an AOT cache of a training run (\`-XX:AOTCacheOutput\`)" \
        "$AOT_APP" "$AOT_JAVA" $SERVICE_JAVA_OPTS -XX:AOTCache="$WORK/app.aot" ;;
    native)
      [ -n "$NATIVE_BINARY" ] || { log "no NATIVE_BINARY: skipping native"; continue; }
      start_variant native "the native binary \`$(basename "$NATIVE_BINARY")\`, \`${NATIVE_OPTS}\`" native "" ;;
    *) log "unknown start-up variant $variant"; exit 1 ;;
  esac
done

# ---- report ------------------------------------------------------------------------------------
rows_table() { # rows...
  echo "| path | conns | req/s | p50 ms | p99 ms | p99.9 ms | non-2xx | socket errors | upstream calls/req | service CPU ms/req | service alloc KB/req | fakes CPU ms/req | RSS MB | peak RSS MB | reused tokens |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  [ "$#" -eq 0 ] || printf '%s\n' "$@"
}
# compare_table: the baseline's rows and this checkout's side by side, round by round
compare_table() {
  local per=$(( ${#BEFORE_ROWS[@]} / ROUNDS )) i
  echo "| path | conns | round | req/s before | req/s after | CPU ms/req before | CPU ms/req after | alloc KB/req before | alloc KB/req after | p50 ms before | p50 ms after | p99 ms before | p99 ms after |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for i in "${!BEFORE_ROWS[@]}"; do
    awk -v b="${BEFORE_ROWS[$i]}" -v a="${AFTER_ROWS[$i]}" -v round=$(( i / per + 1 )) 'BEGIN {
      split(b, x, "|"); split(a, y, "|")
      for (k in x) gsub(/^ +| +$/, "", x[k]); for (k in y) gsub(/^ +| +$/, "", y[k])
      printf "| %s | %s | %d | %s | %s | %s | **%s** | %s | **%s** | %s | %s | %s | %s |\n", x[2], x[3], round,
        x[4], y[4], x[11], y[11], x[12], y[12], x[5], y[5], x[6], y[6] }'
  done
}
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$APP_LABEL\`."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory"
  echo "- JVM: $(java -version 2>&1 | sed -n 2p)"
  echo "- wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $THREADS threads, \`--timeout 5s\`"
  echo "- Load average (1, 5, 15 min) before the rows: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "- CPU time the host took from this virtual machine during the rows (steal): ${STEAL_PERCENT} %"
  if [ -n "$OTHERS_BEFORE" ]; then
    echo "- Other busy processes when the rows began (over 20% CPU, averaged over their lifetime):"
    sed 's/^/  - /' <<<"$OTHERS_BEFORE"
  else
    echo "- No other process above 20% CPU when the rows began."
  fi
  echo "- The service, the fakes (one JVM, ${FAKE_JAVA_OPTS}) and wrk all share these cores: every figure is what is left after the load generator and the fakes took their share."
  echo
  echo "## Settings"
  echo
  echo "- Each row: \`$DURATION\` at fixed concurrency, after warm-ups (health and repeated token $WARMUP, fresh token $FRESH_WARMUP, full path $FULL_WARMUP); fake upstream latency $DELAY_MS ms per call."
  echo "- Service JVM options: \`${SERVICE_JAVA_OPTS:-(none: JVM defaults)} ${CDS_OPTS}\`, \`MALLOC_ARENA_MAX=$SERVICE_MALLOC_ARENA_MAX\`"
  echo "- Start to first 200 of the instance under load (\`POST /api/track-lead\`, fast path, from the \`java\` launch): **${LOADED_FIRST_200_MS} ms** (Quarkus: $LOADED_STARTED); the start-up variants are compared at the end"
  echo "- Peak RSS of the service over the whole run (VmHWM): **${PEAK_RSS_MB} MB**"
  echo
  rows_table "${ROWS[@]}"
  echo
  if [ "${#OWN_ROWS[@]}" -gt 0 ]; then
    echo "The full path's own time, from the service's request log (total minus the three upstream calls as the"
    echo "service timed them; whole milliseconds, each rounded down; the token's verification comes before the log's"
    echo "clock starts and is not in it). The \`upstream\` row is one fake call alone, no service: three of them in a"
    echo "row are the floor of the full path on this machine."
    echo
    echo "| full path conns | own ms p50 | own ms p99 | requests logged |"
    echo "|---:|---:|---:|---:|"
    printf '%s\n' "${OWN_ROWS[@]}"
    echo
  fi
  if [ "${#BEFORE_ROWS[@]}" -gt 0 ]; then
    echo "## Before and after"
    echo
    echo "The same rows for the baseline \`$BASELINE_LABEL\` (before) and \`$APP_LABEL\` (after), each a fresh"
    echo "instance with the same settings and warm-ups, against the same fakes, in turn: after, before$( [ "$ROUNDS" -gt 1 ] && echo ", after, before..."),"
    echo "$ROUNDS round(s). Load average (1, 5, 15 min) as each instance's rows began:"
    for i in "${!BEFORE_LOADS[@]}"; do echo "round $(( i + 1 )): after ${AFTER_LOADS[$i]}, before ${BEFORE_LOADS[$i]};"; done
    echo
    compare_table
    echo
    echo "The baseline's rows in full:"
    echo
    rows_table "${BEFORE_ROWS[@]}"
    echo
  fi
  if [ -n "$METRICS" ]; then
    echo "GC pauses over the whole run, and the quotas' bounded maps at its end (\`/q/metrics\`):"
    echo
    echo '```'
    echo "$METRICS"
    echo '```'
    echo
  fi
  if [ -n "$NATIVE_BINARY" ]; then
    echo "## The native binary"
    echo
    echo "\`$NATIVE_BINARY\` with \`${NATIVE_OPTS:-(no options)}\`, after the jar's rows (that instance stopped), against the same"
    echo "fakes, with the same settings; the token pools start again from the top (every token is new to this process)."
    echo "Warm-up: $NATIVE_WARMUP per path (no JIT)."
    echo
    echo "- Start to first 200 (from the launch): **${NATIVE_FIRST_200_MS} ms** (Quarkus: $NATIVE_STARTED)"
    echo "- Peak RSS over its rows (VmHWM): **${NATIVE_PEAK_RSS_MB} MB** (the jar's: ${PEAK_RSS_MB} MB)"
    echo
    rows_table "${NATIVE_ROWS[@]}"
    echo
    if [ "${#NATIVE_OWN_ROWS[@]}" -gt 0 ]; then
      echo "| full path conns | own ms p50 | own ms p99 | requests logged |"
      echo "|---:|---:|---:|---:|"
      printf '%s\n' "${NATIVE_OWN_ROWS[@]}"
      echo
    fi
  fi
  if [ "${#START_ROWS[@]}" -gt 0 ]; then
    echo "## Start to the first 200"
    echo
    echo "Each variant started $STARTS times against the same fakes, with \`${SERVICE_JAVA_OPTS}\` (the native binary with its own options), nothing else running"
    echo "(the loaded instance stopped): from the launch (\`java\`, or the native binary) to the first 200 of"
    echo "\`POST /api/track-lead\` (fast path, a verified token), Quarkus' own \"started in\" (from its main, so without the"
    echo "JVM's own start), and the resident set right after that first 200."
    echo
    echo "| variant | what | first 200, median ms | range ms | Quarkus \"started in\", median | RSS at first 200, median MB |"
    echo "|---|---|---:|---:|---:|---:|"
    printf '%s\n' "${START_ROWS[@]}"
    echo
  fi
} >"$OUT"
log "wrote $OUT"
