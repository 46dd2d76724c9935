#!/usr/bin/env bash
# Lambda cold start on this machine: the function (the -Plambda build's jar, or a native bootstrap handed in
# NATIVE_BOOTSTRAP) started by LambdaRuntimeStandIn.java, a stand-in for the Lambda runtime API, against the
# bench's fakes of Clerk and Dub. Reports the launch to the first answered API Gateway event (a verified
# session token: the JWKS fetched, the token checked) and the RSS then; writes the "Lambda cold start"
# section of bench/results.md. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="${WORK:-$BENCH/work}"
OUT="${OUT:-$BENCH/results.md}"
STARTS="${STARTS:-5}"
EVENTS="${EVENTS:-20}"                  # events per start: the first is the cold one, the rest are warm
CLERK_PORT="${CLERK_PORT:-18091}"
DUB_PORT="${DUB_PORT:-18092}"
DELAY_MS="${DELAY_MS:-5}"
SKIP_BUILD="${SKIP_BUILD:-0}"
NATIVE_BOOTSTRAP="${NATIVE_BOOTSTRAP:-}"   # a bootstrap built elsewhere (./mvnw package -Plambda -Dnative)
# The Lambda java runtimes' own JVM options: tiered compilation stops at C1 for a short-lived start.
LAMBDA_JAVA_OPTS="${LAMBDA_JAVA_OPTS:--XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto}"
JAR="$(ls "$ROOT"/target/*-runner.jar 2>/dev/null | head -n1 || true)"
ISSUER="http://127.0.0.1:$CLERK_PORT"
mkdir -p "$WORK"
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
FAKES_PID=""
trap '[ -n "$FAKES_PID" ] && kill "$FAKES_PID" 2>/dev/null; true' EXIT

if [ "$SKIP_BUILD" != 1 ] || [ -z "$JAR" ]; then
  log "building the Lambda jar (-Plambda)"
  (cd "$ROOT" && ./mvnw -B -q package -Plambda -DskipTests)
  JAR="$(ls "$ROOT"/target/*-runner.jar | head -n1)"
fi

log "minting a token for $ISSUER"
java "$BENCH/MintTokens.java" "$WORK/lambda" "$ISSUER" 86400 1 1 >/dev/null
# The fakes take Vert.x from the project's dependencies (the Lambda jar's lib/ holds Quarkus' trimmed Netty).
FAKES_CP="$(cd "$ROOT" && ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
java -cp "$FAKES_CP" "$BENCH/FakeUpstreams.java" "$CLERK_PORT" "$DUB_PORT" "$DELAY_MS" "$WORK/lambda/jwks.json" \
  >"$WORK/lambda-fakes.log" 2>&1 &
FAKES_PID=$!
until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$CLERK_PORT/__stats"; do
  kill -0 "$FAKES_PID" 2>/dev/null || { log "the fakes died:"; tail -5 "$WORK/lambda-fakes.log" >&2; exit 1; }
  sleep 0.2
done

TOKEN="$(head -n1 "$WORK/lambda/fast-repeated.txt")"
cat >"$WORK/lambda-event.json" <<JSON
{"version":"2.0","routeKey":"\$default","rawPath":"/api/track-lead","rawQueryString":"","cookies":["dub_id=clk_bench"],
 "headers":{"authorization":"Bearer $TOKEN","origin":"https://app.example.com","host":"abc123.execute-api.eu-west-1.amazonaws.com",
  "content-length":"0","x-forwarded-for":"203.0.113.7","x-forwarded-port":"443","x-forwarded-proto":"https"},
 "requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"abc123.execute-api.eu-west-1.amazonaws.com",
  "http":{"method":"POST","path":"/api/track-lead","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"bench"},
  "requestId":"bench","routeKey":"\$default","stage":"\$default","timeEpoch":0},
 "isBase64Encoded":false}
JSON

ENVS=(CLERK_SECRET_KEY=sk_test_bench CLERK_ISSUER="$ISSUER" CLERK_AUTHORIZED_PARTIES=https://app.example.com
  DUB_API_KEY=dub_bench CLERK_API_URL="$ISSUER" DUB_API_URL="http://127.0.0.1:$DUB_PORT" MALLOC_ARENA_MAX=2)
ROWS=()
measure() { # name, what, command...
  local name=$1 what=$2 firsts="" rss="" warm="" line
  shift 2
  for _ in $(seq "$STARTS"); do
    sleep 1
    line="$(env "${ENVS[@]}" java -Dstandin.log="$WORK/lambda-$name.log" "$BENCH/LambdaRuntimeStandIn.java" \
      "$WORK/lambda-event.json" "$EVENTS" "$@" | grep '^RESULT')"
    grep -q 'status=200' <<<"$line" || { log "$name: the first event was not answered 200: $line"; exit 1; }
    firsts+="$(sed -E 's/.*first_answer_ms=([0-9]+).*/\1/' <<<"$line") "
    rss+="$(sed -E 's/.*[ ]rss_mb=([0-9]+).*/\1/' <<<"$line") "
    warm+="$(sed -E 's/.*warm_p50_ms=([0-9.]+).*/\1/' <<<"$line") "
    log "$name: $line"
  done
  med() { tr ' ' '\n' | sort -n | awk 'NF { v[++n] = $1 } END { printf "%s", v[int((n + 1) / 2)] }'; }
  range() { tr ' ' '\n' | sort -n | awk 'NF { v[++n] = $1 } END { printf "%s to %s", v[1], v[n] }'; }
  ROWS+=("| \`$name\` | $what | **$(med <<<"$firsts")** | $(range <<<"$firsts") | $(med <<<"$rss") | $(med <<<"$warm") |")
}
# On the JVM the runner jar does not poll the runtime API itself: Lambda's java runtime does, and calls
# Quarkus' handler. AWS's runtime interface client (from Maven Central) plays that part here.
RIC="$WORK/ric"
if [ ! -d "$RIC" ]; then
  for artifact in com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1 com.amazonaws:aws-lambda-java-serialization:1.2.0 software.amazon.awssdk:utils-lite:2.34.0; do
    (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory="$RIC")
  done
fi
# shellcheck disable=SC2086
measure jvm "the -Plambda function (runner jar and lib/) on $(java -version 2>&1 | sed -n 2p | sed -E 's/ \(build ([^)]*)\)/ \1/') under AWS's runtime interface client, \`$LAMBDA_JAVA_OPTS\`" \
  java $LAMBDA_JAVA_OPTS -cp "$JAR:$RIC/*" com.amazonaws.services.lambda.runtime.api.client.AWSLambda \
  io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest
if [ -n "$NATIVE_BOOTSTRAP" ]; then
  measure native "the native bootstrap \`$(basename "$NATIVE_BOOTSTRAP")\` handed in NATIVE_BOOTSTRAP" "$NATIVE_BOOTSTRAP"
fi

SECTION="$(
  echo "## Lambda cold start"
  echo
  echo "Written by \`bench/lambda.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$(git -C "$ROOT" rev-parse --short HEAD)\`, $(nproc) cores."
  echo "Each row: $STARTS starts; the function started by \`LambdaRuntimeStandIn.java\` (a stand-in for the Lambda runtime"
  echo "API on 127.0.0.1), from its launch to the answer of its first API Gateway event (a session token verified:"
  echo "the JWKS fetched from the fake Clerk), its RSS then, and the median of the $((EVENTS - 1)) warm events after it."
  echo "Lambda's own part of a cold start (fetching the code, starting the sandbox, its runtime's bootstrap) is not in it."
  echo "The warm figure is mostly the stand-in's and the runtime client's own round trips (the service logs 0 ms per"
  echo "event): it says the function keeps answering, not how fast API Gateway would see it."
  echo
  echo "| function | what | first answer, median ms | range ms | RSS MB | warm event p50 ms |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
)"
if [ -f "$OUT" ] && grep -q '^## Lambda cold start' "$OUT"; then
  awk '/^## Lambda cold start/ { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$OUT" >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
fi
printf '\n%s\n' "$SECTION" >>"$OUT"
log "wrote the Lambda section of $OUT"
