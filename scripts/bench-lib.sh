# Shared by the HTTP benchmark scripts (sourced, not run): a release server per database, and one wrk run at a time.
# The caller sets $folder (a temp folder), $token (the admin token), $connections and $seconds, and an EXIT trap that
# kills "${servers[@]}".
servers=()

# start NAME [ENV=VALUE…]: a server ($BINARY, default the release build) on a fresh database with an operator whose quotas do not bind; sets $port,
# $server, $key (the live key) and $plan (its default live plan).
start() {
  local name=$1; shift
  port=$((20000 + RANDOM % 20000))
  env "$@" OPERATOR_API_ADMIN_TOKEN=$token "${BINARY:-.build/release/operator-api}" serve --port "$port" --db "$folder/$name.sqlite" --log-level error &
  servers+=($!); server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
  key=$(curl -sf -X POST "http://127.0.0.1:$port/v1/admin/operators" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"Bench","slug":"bench","tier":"enterprise"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["keys"]["live"])')
  local id; id=$(curl -sf "http://127.0.0.1:$port/v1/wl/me" -H "Authorization: Bearer $key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["operator"]["id"])')
  curl -sf -X PATCH "http://127.0.0.1:$port/v1/admin/operators/$id" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"limits":{"requests_per_minute":100000000,"requests_per_day":100000000,"user_creations_per_hour":100000000}}' >/dev/null
  plan=$(curl -sf "http://127.0.0.1:$port/v1/wl/plans" -H "Authorization: Bearer $key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
}

# measure LABEL ROUTE [wrk args…]: one run against the server last started or selected (port, server, key).
measure() {
  local label=$1 route=$2; shift 2
  {
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "http://127.0.0.1:$port$route" & sleep $((seconds / 2)); ps -o rss= -p "$server" > "$folder/rss"; wait)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    echo "$label: $rps req/s, p99 $p99, RSS $(( $(cat "$folder/rss") / 1024 )) MiB ${errors}"
  }
}
