# Sourced by bench/run.sh when PEER=portkey: installs Portkey's open-source gateway into
# bench/.peer/ (gitignored), starts it beside Switchyard on the same mock, and measures it the
# same way, non-streaming only. Uses run.sh's variables and functions (load, log, pids, ...).

PORTKEY_VERSION=${PORTKEY_VERSION:-1.15.2}
peer_dir="$root/bench/.peer"
portkey_js="$peer_dir/node_modules/@portkey-ai/gateway/build/start-server.js"
if ! grep -q "\"version\": \"$PORTKEY_VERSION\"" "$peer_dir/node_modules/@portkey-ai/gateway/package.json" 2>/dev/null; then
  log "installing @portkey-ai/gateway@$PORTKEY_VERSION into bench/.peer/"
  mkdir -p "$peer_dir"
  [ -f "$peer_dir/package.json" ] || echo '{"name":"switchyard-bench-peer","private":true}' > "$peer_dir/package.json"
  (cd "$peer_dir" && npm install --no-audit --no-fund --loglevel=error "@portkey-ai/gateway@$PORTKEY_VERSION" >&2)
fi

peer_port=$("${tool_java[@]}" dev.switchyard.bench.FreePort)
# --headless: no console UI; NODE_ENV=production: no dev-only startup work.
NODE_ENV=production "${pin_gateway[@]}" node "$portkey_js" --port="$peer_port" --headless \
  > "$out/portkey.log" 2>&1 &
peer_pid=$!
pids+=("$peer_pid")
# Portkey answers 404 on / but any HTTP answer means it listens.
for _ in $(seq 150); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$peer_port/" && break
  kill -0 "$peer_pid" 2>/dev/null || { log "portkey exited:"; tail -20 "$out/portkey.log" >&2; exit 1; }
  sleep 0.2
done
log "portkey $PORTKEY_VERSION on 127.0.0.1:$peer_port (pid $peer_pid)"

# Portkey routes by headers: the provider, and the mock as the provider's custom host; the
# bearer token is the upstream's key, which Portkey passes on.
peer_chat="peer;http://127.0.0.1:$peer_port/v1/chat/completions;$work/chat.json;Authorization: Bearer sk-upstream-bench;x-portkey-provider: openai;x-portkey-custom-host: $mock"

load peer-warmup --mode closed --concurrency "$CPU_CONCURRENCY" --requests 100000000 \
  --max-seconds "$WARMUP_SECONDS" --target "$peer_chat" --label "peer=portkey $PORTKEY_VERSION"
load peer-cpu --mode closed --concurrency "$CPU_CONCURRENCY" --requests "$PEER_CPU_REQUESTS" --max-seconds 300 \
  --warmup-seconds 3 --target "$peer_chat" --watch "peer=$peer_pid" --watch "mock=$mock_pid" \
  --label "peer=portkey $PORTKEY_VERSION"
load peer-latency --mode rate --rate "$PEER_LAT_RATE" --seconds "$LAT_SECONDS" --warmup-seconds 3 \
  --target "$direct_chat" --target "$gateway_chat" --target "$peer_chat" \
  --watch "peer=$peer_pid@peer" --watch "gateway=$gateway_pid@gateway" --label "peer=portkey $PORTKEY_VERSION"
kill "$peer_pid" 2>/dev/null || true
