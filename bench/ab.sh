#!/usr/bin/env bash
# Two builds of the gateway head to head in one run: the same mock upstream behind both, warmed up
# alike, CPU per request read in alternating rounds, latency and time to first byte from one open
# loop whose slots alternate between the two. Usage: bench/ab.sh BASELINE_JAR [CANDIDATE_JAR]
# (the candidate defaults to target/switchyard.jar; knobs: see bench/README.md, "Two builds").
# Every phase is bounded in request count and in time, and only 127.0.0.1 is ever targeted.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -ge 1 ] || { sed -n '2,5p' "$0"; exit 2; }
jar_a=$(readlink -f "$1")
jar_b=$(readlink -f "${2:-target/switchyard.jar}")
[ -f "$jar_a" ] && [ -f "$jar_b" ] || { echo "ab: both jars must exist" >&2; exit 2; }

ROUNDS=${ROUNDS:-3}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
WARMUP_MAX_SECONDS=${WARMUP_MAX_SECONDS:-240}
CPU_REQUESTS=${CPU_REQUESTS:-50000}
CPU_CONCURRENCY=${CPU_CONCURRENCY:-8}
LAT_RATE=${LAT_RATE:-200}
LAT_SECONDS=${LAT_SECONDS:-20}
TTFB_RATE=${TTFB_RATE:-50}
TTFB_SECONDS=${TTFB_SECONDS:-20}

JAVA_HOME=$("$root/bin/java-home")
java="$JAVA_HOME/bin/java"
clk_tck=$(getconf CLK_TCK)
out="$root/bench/out/ab-$(date -u +%Y%m%dT%H%M%SZ)"
work=$(mktemp -d)
mkdir -p "$out"
log() { printf '[ab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/classes"
"$JAVA_HOME/bin/javac" -Xlint:-classfile -d "$work/classes" -cp "$jar_b" bench/src/dev/switchyard/bench/*.java
tool_java=("$java" -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$work/classes:$jar_b")

wait_for() { # url, what
  for _ in $(seq 300); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.2
  done
  log "$2 did not come up in 60 s"; exit 1
}

"${tool_java[@]}" dev.switchyard.bench.MockUpstream --port-file "$work/mock.port" --chunks 20 --interval-ms 10 \
  --slow-chunks 2 --slow-interval-ms 10 > "$out/mock.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/mock.port" ] && break; sleep 0.1; done
mock_port=$(cat "$work/mock.port")
wait_for "http://127.0.0.1:$mock_port/health" mock

master_key="sk-bench-master-$(date +%s)"
start_gateway() { # name, jar: starts it, sets port_<name> and pid_<name>
  local name=$1 jar=$2 port
  port=$("${tool_java[@]}" dev.switchyard.bench.FreePort)
  cat > "$work/$name.yaml" <<YAML
server:
  host: 127.0.0.1
  master_key: $master_key
storage:
  url: sqlite:$work/$name.db
providers:
  - {name: mock, kind: openai, base_url: "http://127.0.0.1:$mock_port/v1", api_keys: [sk-upstream-bench], timeout: 120s}
models:
  - {name: bench-model, targets: [{provider: mock, model: bench-model}]}
YAML
  "$java" -jar "$jar" --config "$work/$name.yaml" --port "$port" > "$out/gateway-$name.log" 2>&1 &
  pids+=($!)
  printf -v "pid_$name" '%s' "$!"
  printf -v "port_$name" '%s' "$port"
  wait_for "http://127.0.0.1:$port/health/live" "gateway $name"
}
start_gateway a "$jar_a"
start_gateway b "$jar_b"
log "mock on $mock_port; a ($(basename "$jar_a")) on $port_a, pid $pid_a; b ($(basename "$jar_b")) on $port_b, pid $pid_b"

cat > "$work/chat.json" <<'JSON'
{"model":"bench-model","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"What is the capital of France? Answer in one sentence."}],"temperature":0.2,"max_tokens":64}
JSON
sed 's/"max_tokens":64}/"max_tokens":64,"stream":true}/' "$work/chat.json" > "$work/stream.json"
auth="Authorization: Bearer $master_key"
chat() { echo "$1;http://127.0.0.1:$2/v1/chat/completions;$work/chat.json;$auth"; }
stream() { echo "$1;http://127.0.0.1:$2/v1/chat/completions;$work/stream.json;$auth"; }

load() { # phase name, then LoadGen arguments
  local phase=$1; shift
  log "phase $phase"
  "${tool_java[@]}" dev.switchyard.bench.LoadGen --phase "$phase" --clk-tck "$clk_tck" --out "$out/$phase.txt" "$@" \
    >> "$out/loadgen.log" 2>&1
}
value() { grep -m1 "^$2=" "$out/$1.txt" | cut -d= -f2; }

for g in a b; do
  pid_var="pid_$g"; port_var="port_$g"
  load "warmup-$g" --mode closed --concurrency "$CPU_CONCURRENCY" --requests 2000 --max-seconds 60 \
    --warmup-seconds "$WARMUP_SECONDS" --settle-pid "${!pid_var}" --settle-max-seconds "$WARMUP_MAX_SECONDS" \
    --target "$(chat "$g" "${!port_var}")" --target "$(stream "${g}_stream" "${!port_var}")"
done

summary="$out/summary.md"
{
  echo "A: $(basename "$(dirname "$(dirname "$jar_a")")")/$(basename "$jar_a"); B: $(basename "$(dirname "$(dirname "$jar_b")")")/$(basename "$jar_b"); $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs"
  echo
  echo "| measure | A | B | B / A |"
  echo "|---|---|---|---|"
} > "$summary"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (a > 0 ? "%.3f" : "-"), b / a }'; }
row() { echo "| $1 | $2 | $3 | $(ratio "$2" "$3") |" >> "$summary"; }

sum_a=0 sum_b=0
for round in $(seq "$ROUNDS"); do
  order="a b"; [ $((round % 2)) = 0 ] && order="b a"
  for g in $order; do
    pid_var="pid_$g"; port_var="port_$g"
    load "cpu-$g-$round" --mode closed --concurrency "$CPU_CONCURRENCY" --requests "$CPU_REQUESTS" --max-seconds 300 \
      --warmup-seconds 3 --target "$(chat "$g" "${!port_var}")" --watch "$g=${!pid_var}"
  done
  a=$(value "cpu-a-$round" cpu.a.us_per_req_excl_jit); b=$(value "cpu-b-$round" cpu.b.us_per_req_excl_jit)
  row "CPU per non-stream request, round $round (closed loop, µs, without JIT)" "$a" "$b"
  sum_a=$(awk -v s="$sum_a" -v x="$a" 'BEGIN { print s + x }'); sum_b=$(awk -v s="$sum_b" -v x="$b" 'BEGIN { print s + x }')
done
row "CPU per non-stream request, mean of the rounds (µs)" "$(awk -v s="$sum_a" -v n="$ROUNDS" 'BEGIN { printf "%.1f", s / n }')" \
  "$(awk -v s="$sum_b" -v n="$ROUNDS" 'BEGIN { printf "%.1f", s / n }')"

load latency --mode rate --rate "$LAT_RATE" --seconds "$LAT_SECONDS" --warmup-seconds 3 \
  --target "$(chat a "$port_a")" --target "$(chat b "$port_b")" --watch "a=$pid_a@a" --watch "b=$pid_b@b"
for p in p50 p90 p99; do
  row "latency $p at $LAT_RATE req/s each, slots alternating (µs)" "$(value latency "t.a.lat.${p}_us")" \
    "$(value latency "t.b.lat.${p}_us")"
done
row "CPU per request at that rate (µs)" "$(value latency cpu.a.us_per_req)" "$(value latency cpu.b.us_per_req)"

load ttfb --mode rate --rate "$TTFB_RATE" --seconds "$TTFB_SECONDS" --warmup-seconds 3 \
  --target "$(stream a "$port_a")" --target "$(stream b "$port_b")" --watch "a=$pid_a@a" --watch "b=$pid_b@b"
for p in p50 p99; do
  row "time to first byte of a stream $p at $TTFB_RATE streams/s each (µs)" "$(value ttfb "t.a.ttfb.${p}_us")" \
    "$(value ttfb "t.b.ttfb.${p}_us")"
done
row "CPU per relayed stream of 20 chunks (µs)" "$(value ttfb cpu.a.us_per_req)" "$(value ttfb cpu.b.us_per_req)"

cat "$summary"
log "figures in $out"
