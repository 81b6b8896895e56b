#!/usr/bin/env bash
# Switchyard's benchmark: the gateway's own cost, measured against direct calls to the same mock
# upstream in the same run. Usage: bench/run.sh [--quick]   (knobs: see bench/README.md)
# Every phase is bounded in request count and in time, and only 127.0.0.1 is ever targeted.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# ---- knobs (environment), full run / --quick ----
pick() { if [ "$quick" = 1 ]; then echo "$2"; else echo "$1"; fi; }
WARMUP_SECONDS=${WARMUP_SECONDS:-$(pick 30 15)}
WARMUP_MAX_SECONDS=${WARMUP_MAX_SECONDS:-$(pick 120 60)}
CPU_REQUESTS=${CPU_REQUESTS:-$(pick 100000 20000)}
CPU_CONCURRENCY=${CPU_CONCURRENCY:-8}
LAT_RATE=${LAT_RATE:-200}
LAT_SECONDS=${LAT_SECONDS:-$(pick 20 8)}
TTFB_RATE=${TTFB_RATE:-50}
TTFB_SECONDS=${TTFB_SECONDS:-$(pick 20 8)}
STREAM_CHUNKS=${STREAM_CHUNKS:-20}
STREAM_INTERVAL_MS=${STREAM_INTERVAL_MS:-10}
STREAMS=${STREAMS:-5000}
STREAM_RAMP=${STREAM_RAMP:-1000}
SLOW_CHUNKS=${SLOW_CHUNKS:-$(pick 60 30)}
SLOW_INTERVAL_MS=${SLOW_INTERVAL_MS:-1000}
SOAK_SECONDS=${SOAK_SECONDS:-$(pick 600 60)}
SOAK_RATE=${SOAK_RATE:-100}
RSS_EVERY=${RSS_EVERY:-10}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
PIN=${PIN:-0}
PEER=${PEER:-}
PEER_LAT_RATE=${PEER_LAT_RATE:-50}
PEER_CPU_REQUESTS=${PEER_CPU_REQUESTS:-$(pick 20000 5000)}
XLATE_WARMUP_SECONDS=${XLATE_WARMUP_SECONDS:-$(pick 20 10)}
XLATE_WARMUP_MAX_SECONDS=${XLATE_WARMUP_MAX_SECONDS:-$(pick 60 30)}
XLATE_CPU_REQUESTS=${XLATE_CPU_REQUESTS:-$(pick 40000 8000)}
XLATE_STREAMS=${XLATE_STREAMS:-$(pick 2000 400)}
XLATE_STREAM_CONCURRENCY=${XLATE_STREAM_CONCURRENCY:-32}
PHASES=${PHASES:-cpu,latency,ttfb,streams,soak,translation}

JAVA_HOME=$("$root/bin/java-home")
java="$JAVA_HOME/bin/java"
clk_tck=$(getconf CLK_TCK)
run_id=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/bench/out/$run_id"
work=$(mktemp -d)
mkdir -p "$out"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- processes we start, and only those, are stopped on exit ----
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build ----
if [ ! -f target/switchyard.jar ]; then
  log "building target/switchyard.jar"
  ./bin/mvn -q -B -o package -DskipTests || ./bin/mvn -q -B package -DskipTests
fi
log "compiling the bench tools"
rm -rf bench/classes && mkdir -p bench/classes
if ! "$JAVA_HOME/bin/javac" -Xlint:-classfile -d bench/classes -cp target/switchyard.jar \
    bench/src/dev/switchyard/bench/*.java 2> "$out/javac.log"; then
  cat "$out/javac.log" >&2; exit 1
fi
cp="$root/bench/classes:$root/target/switchyard.jar"
tool_java=("$java" -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$cp")

# ---- file descriptors: 5,000 streams need ~10,000 sockets in the gateway ----
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt $((2 * STREAMS + 1000)) ]; then
  log "warning: the hard limit of open files ($hard) is below what $STREAMS streams need"
fi
ulimit -n "$hard"

# ---- CPU pinning (PIN=1): gateway on CPU 1; mock, load generator and peer on CPU 0 ----
pin_gateway=() pin_tools=()
if [ "$PIN" = 1 ]; then
  pin_gateway=(taskset -c 1)
  pin_tools=(taskset -c 0)
fi

wait_for() { # url, what, pid
  for _ in $(seq 300); do
    if curl -s -o /dev/null --max-time 1 "$1"; then return 0; fi
    kill -0 "$3" 2>/dev/null || { log "$2 exited; its log:"; tail -30 "$out/$2.log" >&2; exit 1; }
    sleep 0.2
  done
  log "$2 did not come up in 60 s"; exit 1
}

# ---- the mock upstream ----
"${pin_tools[@]}" "${tool_java[@]}" dev.switchyard.bench.MockUpstream --port-file "$work/mock.port" \
  --chunks "$STREAM_CHUNKS" --interval-ms "$STREAM_INTERVAL_MS" \
  --slow-chunks "$SLOW_CHUNKS" --slow-interval-ms "$SLOW_INTERVAL_MS" > "$out/mock.log" 2>&1 &
mock_pid=$!
pids+=("$mock_pid")
for _ in $(seq 100); do [ -s "$work/mock.port" ] && break; sleep 0.1; done
mock_port=$(cat "$work/mock.port")
wait_for "http://127.0.0.1:$mock_port/health" mock "$mock_pid"
log "mock upstream on 127.0.0.1:$mock_port (pid $mock_pid)"

# ---- the gateway ----
master_key="sk-bench-master-$(date +%s)"
gateway_port=$("${tool_java[@]}" dev.switchyard.bench.FreePort)
cat > "$work/bench.yaml" <<YAML
server:
  host: 127.0.0.1
  master_key: $master_key
storage:
  url: sqlite:$work/bench.db
providers:
  - name: mock
    kind: openai
    base_url: http://127.0.0.1:$mock_port/v1
    api_keys: [sk-upstream-bench]
    timeout: 120s
  - name: mock-slow
    kind: openai
    base_url: http://127.0.0.1:$mock_port/slow/v1
    api_keys: [sk-upstream-bench]
    timeout: 120s
  - name: anthropic
    kind: anthropic
    base_url: http://127.0.0.1:$mock_port
    api_keys: [sk-upstream-bench]
    timeout: 120s
  - name: gemini
    kind: gemini
    base_url: http://127.0.0.1:$mock_port
    api_keys: [sk-upstream-bench]
    timeout: 120s
models:
  - name: bench-model
    targets: [{provider: mock, model: bench-model}]
  - name: bench-slow
    targets: [{provider: mock-slow, model: bench-model}]
  - name: bench-claude
    targets: [{provider: anthropic, model: bench-claude}]
  - name: bench-gemini
    targets: [{provider: gemini, model: bench-gemini}]
YAML
# shellcheck disable=SC2086  # the options are meant to split
"${pin_gateway[@]}" "$java" $GATEWAY_JAVA_OPTS -jar target/switchyard.jar --config "$work/bench.yaml" \
  --port "$gateway_port" > "$out/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
wait_for "http://127.0.0.1:$gateway_port/health/live" gateway "$gateway_pid"
log "gateway on 127.0.0.1:$gateway_port (pid $gateway_pid, flags: ${GATEWAY_JAVA_OPTS:-none})"

# ---- request bodies: the same bytes go direct and through the gateway ----
cat > "$work/chat.json" <<'JSON'
{"model":"bench-model","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"What is the capital of France? Answer in one sentence."}],"temperature":0.2,"max_tokens":64}
JSON
cat > "$work/stream.json" <<'JSON'
{"model":"bench-model","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"What is the capital of France? Answer in one sentence."}],"temperature":0.2,"max_tokens":64,"stream":true}
JSON
sed 's/"bench-model"/"bench-slow"/' "$work/stream.json" > "$work/slow.json"
# the translated paths: the same question as an OpenAI body for the Claude and Gemini models, as an
# Anthropic Messages body and as a Gemini generateContent body for the OpenAI model
sed 's/"bench-model"/"bench-claude"/' "$work/chat.json" > "$work/claude-chat.json"
sed 's/"bench-model"/"bench-claude"/' "$work/stream.json" > "$work/claude-stream.json"
sed 's/"bench-model"/"bench-gemini"/' "$work/chat.json" > "$work/gemini-chat.json"
sed 's/"bench-model"/"bench-gemini"/' "$work/stream.json" > "$work/gemini-stream.json"
cat > "$work/messages.json" <<'JSON'
{"model":"bench-model","max_tokens":64,"system":"You are a helpful assistant.","messages":[{"role":"user","content":"What is the capital of France? Answer in one sentence."}],"temperature":0.2}
JSON
cat > "$work/messages-stream.json" <<'JSON'
{"model":"bench-model","max_tokens":64,"system":"You are a helpful assistant.","messages":[{"role":"user","content":"What is the capital of France? Answer in one sentence."}],"temperature":0.2,"stream":true}
JSON
# Gemini names the model and asks for a stream in the URL: one body serves both methods
cat > "$work/generate.json" <<'JSON'
{"systemInstruction":{"parts":[{"text":"You are a helpful assistant."}]},"contents":[{"role":"user","parts":[{"text":"What is the capital of France? Answer in one sentence."}]}],"generationConfig":{"temperature":0.2,"maxOutputTokens":64}}
JSON
cat > "$work/embed.json" <<'JSON'
{"model":"bench-model","input":"The capital of France is Paris.","encoding_format":"float"}
JSON
mock="http://127.0.0.1:$mock_port/v1"
gw="http://127.0.0.1:$gateway_port/v1"
auth="Authorization: Bearer $master_key"
direct_chat="direct;$mock/chat/completions;$work/chat.json"
gateway_chat="gateway;$gw/chat/completions;$work/chat.json;$auth"
direct_stream="direct;$mock/chat/completions;$work/stream.json"
gateway_stream="gateway;$gw/chat/completions;$work/stream.json;$auth"

# ---- run facts ----
# the gateway's code is src/ and pom.xml: name the last commit that changed them
commit=$(git log -1 --format=%h -- src pom.xml 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src pom.xml 2>/dev/null || commit="$commit+local-changes"
{
  echo "run=$run_id"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$commit"
  echo "cpus=$(nproc)"
  echo "jdk=$("$java" -version 2>&1 | head -1)"
  echo "jvm_flags=${GATEWAY_JAVA_OPTS:-none (JVM defaults)}"
  echo "pinning=$([ "$PIN" = 1 ] && echo 'gateway CPU 1, tools CPU 0' || echo none)"
  echo "quick=$quick"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/meta.txt"

load() { # phase name, then LoadGen arguments
  local phase=$1; shift
  log "phase $phase"
  "${pin_tools[@]}" "${tool_java[@]}" dev.switchyard.bench.LoadGen --phase "$phase" --clk-tck "$clk_tck" \
    --out "$out/$phase.txt" "$@" | tee -a "$out/loadgen.log" >&2
  kill -0 "$gateway_pid" 2>/dev/null || { log "the gateway died; its log:"; tail -30 "$out/gateway.log" >&2; exit 1; }
}
has() { [[ ",$PHASES," == *",$1,"* ]]; }

# ---- 0. warm-up: the gateway's JIT sees every path before anything is measured ----
# then on, in 5 s rounds, until the JIT compiler threads are quiet (at most WARMUP_MAX_SECONDS).
load warmup --mode closed --concurrency "$CPU_CONCURRENCY" --requests 2000 --max-seconds 60 \
  --warmup-seconds "$WARMUP_SECONDS" --settle-pid "$gateway_pid" --settle-max-seconds "$WARMUP_MAX_SECONDS" \
  --target "$direct_chat" --target "$gateway_chat" --target "gateway_stream;$gw/chat/completions;$work/stream.json;$auth" \
  --target "gateway_embed;$gw/embeddings;$work/embed.json;$auth"

# ---- 1. CPU per request: same closed loop, direct then through the gateway ----
if has cpu; then
  load cpu-direct --mode closed --concurrency "$CPU_CONCURRENCY" --requests "$CPU_REQUESTS" --max-seconds 300 \
    --warmup-seconds 3 --target "$direct_chat" --watch "mock=$mock_pid"
  load cpu-gateway --mode closed --concurrency "$CPU_CONCURRENCY" --requests "$CPU_REQUESTS" --max-seconds 300 \
    --warmup-seconds 3 --target "$gateway_chat" --watch "gateway=$gateway_pid" --watch "mock=$mock_pid"
fi

# ---- 2. added latency: open loop, direct and gateway slots interleaved in one run ----
if has latency; then
  load latency --mode rate --rate "$LAT_RATE" --seconds "$LAT_SECONDS" --warmup-seconds 3 \
    --target "$direct_chat" --target "$gateway_chat" --watch "gateway=$gateway_pid@gateway" --watch "mock=$mock_pid"
fi

# ---- 3. added time to first byte of a stream ----
if has ttfb; then
  load ttfb --mode rate --rate "$TTFB_RATE" --seconds "$TTFB_SECONDS" --warmup-seconds 3 \
    --target "$direct_stream" --target "$gateway_stream" --watch "gateway=$gateway_pid@gateway" \
    --label "chunks=$STREAM_CHUNKS" --label "interval_ms=$STREAM_INTERVAL_MS"
fi

# ---- 4. many concurrent open streams through the gateway, slow upstream ----
if has streams; then
  stream_seconds=$(( (SLOW_CHUNKS * SLOW_INTERVAL_MS) / 1000 ))
  load streams --mode streams --streams "$STREAMS" --ramp "$STREAM_RAMP" \
    --max-seconds $(( STREAMS / STREAM_RAMP + stream_seconds + 60 )) --idle-timeout-ms 120000 \
    --warmup-seconds 3 --warmup-target "gateway;$gw/chat/completions;$work/stream.json;$auth" \
    --target "gateway;$gw/chat/completions;$work/slow.json;$auth" --watch "gateway=$gateway_pid" \
    --label "chunks=$SLOW_CHUNKS" --label "interval_ms=$SLOW_INTERVAL_MS"
fi

# ---- 5. soak: constant mixed load, the gateway's RSS sampled ----
live_heap_kb() { # heap in use right after a full GC: the live set, which a leak makes grow
  "$JAVA_HOME/bin/jcmd" "$gateway_pid" GC.run > /dev/null 2>&1 || true
  "$JAVA_HOME/bin/jcmd" "$gateway_pid" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9
}
if has soak; then
  heap_before=$(live_heap_kb)
  load soak --mode rate --rate "$SOAK_RATE" --seconds "$SOAK_SECONDS" --rss-every "$RSS_EVERY" --warmup-seconds 3 \
    --target "chat;$gw/chat/completions;$work/chat.json;$auth" \
    --target "chat_stream;$gw/chat/completions;$work/stream.json;$auth" \
    --target "embeddings;$gw/embeddings;$work/embed.json;$auth" --watch "gateway=$gateway_pid"
  echo "live_heap_start_kb=$heap_before" >> "$out/soak.txt"
  echo "live_heap_end_kb=$(live_heap_kb)" >> "$out/soak.txt"
fi

# ---- 7. the cost of translation: passthrough and the translated directions, same loop ----
# Each direction in two halves, ordered P OA AO OG GO | GO OG AO OA P, so that a drift in the
# machine's load over the phase weighs the same on all five; the report sums the halves.
if has translation; then
  anthropic_auth="x-api-key: $master_key;anthropic-version: 2023-06-01"
  messages_url="http://127.0.0.1:$gateway_port/anthropic/v1/messages"
  gemini_auth="x-goog-api-key: $master_key"
  gemini_url="http://127.0.0.1:$gateway_port/gemini/v1beta/models/bench-model"
  declare -A xchat=(
    [passthrough]="passthrough;$gw/chat/completions;$work/chat.json;$auth"
    [openai-anthropic]="openai_to_anthropic;$gw/chat/completions;$work/claude-chat.json;$auth"
    [anthropic-openai]="anthropic_to_openai;$messages_url;$work/messages.json;$anthropic_auth"
    [openai-gemini]="openai_to_gemini;$gw/chat/completions;$work/gemini-chat.json;$auth"
    [gemini-openai]="gemini_to_openai;$gemini_url:generateContent;$work/generate.json;$gemini_auth")
  declare -A xstream=(
    [passthrough]="passthrough;$gw/chat/completions;$work/stream.json;$auth"
    [openai-anthropic]="openai_to_anthropic;$gw/chat/completions;$work/claude-stream.json;$auth"
    [anthropic-openai]="anthropic_to_openai;$messages_url;$work/messages-stream.json;$anthropic_auth"
    [openai-gemini]="openai_to_gemini;$gw/chat/completions;$work/gemini-stream.json;$auth"
    [gemini-openai]="gemini_to_openai;$gemini_url:streamGenerateContent?alt=sse;$work/generate.json;$gemini_auth")
  directions=(passthrough openai-anthropic anthropic-openai openai-gemini gemini-openai)
  xchat_targets=() xstream_targets=()
  for kind in "${directions[@]}"; do
    xchat_targets+=(--target "${xchat[$kind]}")
    xstream_targets+=(--target "${xstream[$kind]}")
  done
  # the translated paths have not been through the main warm-up: their own, until the JIT settles;
  # answers and streams apart, as streams would hold a mixed closed loop's callers most of the time
  load xlate-warmup-chat --mode closed --concurrency "$CPU_CONCURRENCY" --requests 2000 --max-seconds 60 \
    --warmup-seconds "$XLATE_WARMUP_SECONDS" --settle-pid "$gateway_pid" \
    --settle-max-seconds "$XLATE_WARMUP_MAX_SECONDS" "${xchat_targets[@]}"
  load xlate-warmup-stream --mode closed --concurrency "$XLATE_STREAM_CONCURRENCY" --requests 500 \
    --max-seconds 60 --warmup-seconds "$XLATE_WARMUP_SECONDS" --settle-pid "$gateway_pid" \
    --settle-max-seconds "$XLATE_WARMUP_MAX_SECONDS" "${xstream_targets[@]}"
  half_requests=$(( (XLATE_CPU_REQUESTS + 1) / 2 ))
  half_streams=$(( (XLATE_STREAMS + 1) / 2 ))
  # forward, then backward
  order=("${directions[@]}")
  for (( i = ${#directions[@]} - 1; i >= 0; i-- )); do order+=("${directions[$i]}"); done
  for kind in "${order[@]}"; do
    [ -f "$out/xcpu-$kind-1.txt" ] && half=2 || half=1
    load "xcpu-$kind-$half" --mode closed --concurrency "$CPU_CONCURRENCY" --requests "$half_requests" \
      --max-seconds 300 --warmup-seconds 3 --target "${xchat[$kind]}" --watch "gateway=$gateway_pid"
  done
  for kind in "${order[@]}"; do
    [ -f "$out/xstream-$kind-1.txt" ] && half=2 || half=1
    load "xstream-$kind-$half" --mode closed --concurrency "$XLATE_STREAM_CONCURRENCY" --requests "$half_streams" \
      --max-seconds 300 --warmup-seconds 3 --target "${xstream[$kind]}" --watch "gateway=$gateway_pid" \
      --label "chunks=$STREAM_CHUNKS" --label "interval_ms=$STREAM_INTERVAL_MS"
  done
fi

# ---- 6. a peer gateway beside Switchyard, same mock, non-streaming only ----
if [ "$PEER" = portkey ]; then
  # shellcheck source=bench/peer-portkey.sh
  source "$root/bench/peer-portkey.sh"
elif [ -n "$PEER" ]; then
  log "unknown PEER '$PEER' (known: portkey)"
fi

echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/meta.txt"
"${tool_java[@]}" dev.switchyard.bench.Report "$out"
log "raw results in $out"
