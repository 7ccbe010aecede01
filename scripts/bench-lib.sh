# Shared by the HTTP benchmark scripts (sourced, not run): a release server per database, and one wrk run at a time.
# The caller sets $folder (a temp folder), $token (the admin token), $connections and $seconds, and an EXIT trap that
# kills "${servers[@]}".
servers=()

# start NAME [ENV=VALUE…]: a server on a fresh SQLite database with an operator whose quotas do not bind; sets $port,
# $server, $key (the live key) and $plan (its default live plan).
start() {
  local name=$1; shift
  launch "$folder/$name.sqlite" "$@"
  create_operator
}

# launch DATABASE [ENV=VALUE…]: one more server ($BINARY, default the release build) on DATABASE (a file or a
# postgres:// URL); sets $port and $server once it answers. Ports come from below the kernel's ephemeral range, which
# wrk's thousands of closed connections keep busy; a server that cannot bind its port exits and another is tried.
launch() {
  local database=$1; shift
  local ephemeral; ephemeral=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)
  for _ in $(seq 5); do
    port=$((10000 + RANDOM % (ephemeral - 10000)))
    env "$@" OPERATOR_API_ADMIN_TOKEN=$token "${BINARY:-.build/release/operator-api}" serve --port "$port" --db "$database" --log-level error &
    servers+=($!); server=$!
    for _ in $(seq 200); do
      kill -0 "$server" 2>/dev/null || break
      curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return
      sleep 0.05
    done
  done
  echo "no server answered on $database" >&2; return 1
}

# create_operator: an operator whose quotas do not bind, on the server last launched; sets $key (its live key) and
# $plan (its default live plan).
create_operator() {
  key=$(curl -sf -X POST "http://127.0.0.1:$port/v1/admin/operators" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"Bench","slug":"bench","tier":"enterprise"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["keys"]["live"])')
  local id; id=$(curl -sf "http://127.0.0.1:$port/v1/wl/me" -H "Authorization: Bearer $key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["operator"]["id"])')
  curl -sf -X PATCH "http://127.0.0.1:$port/v1/admin/operators/$id" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"limits":{"requests_per_minute":100000000,"requests_per_day":100000000,"user_creations_per_hour":100000000}}' >/dev/null
  plan=$(curl -sf "http://127.0.0.1:$port/v1/wl/plans" -H "Authorization: Bearer $key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
}

# seed_users COUNT: creates COUNT users on the server last started (so that list routes have full pages).
seed_users() {
  local i
  for i in $(seq "$1"); do
    curl -sf -X POST "http://127.0.0.1:$port/v1/wl/users" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d "{\"email\":\"seed$i@bench.example\",\"phone\":\"+919876543210\",\"plan_id\":\"$plan\",\"name\":\"Seed $i\"}" >/dev/null
  done
}

# warm_up URL [wrk args…]: a 5-second wrk run whose figures are thrown away. A fresh server answers the first
# seconds of load markedly slower (measured 26k against 36k req/s on /v1/wl/me, then steady), so every server and
# route is warmed once before its first measured run.
warm_up() {
  local url=$1; shift
  wrk -t2 -c"$connections" -d5s "$@" "$url" >/dev/null
}

# measure LABEL ROUTE [wrk args…]: one run against the server last started or selected (port, server, key).
measure() {
  local label=$1 route=$2; shift 2
  measure_url "$label" "http://127.0.0.1:$port$route" "$server" "$@"
}

# measure_url LABEL URL [PID [wrk args…]]: one wrk run; the RSS of PID (when given) half-way through. Appends the
# figures to $folder/results for summarize.
measure_url() {
  local label=$1 url=$2 pid=${3:-}; shift 3 || shift $#
  local out rps p99 non2xx rss=""
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" & sleep $((seconds / 2)); [ -n "$pid" ] && ps -o rss= -p "$pid" > "$folder/rss"; wait)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF} /Socket errors/ {print "socket-errors"}' | tr '\n' ' ')
  [ -n "$pid" ] && rss=", RSS $(( $(cat "$folder/rss") / 1024 )) MiB"
  echo "$label: $rps req/s, p99 $p99$rss${non2xx:+, non-2xx/errors: $non2xx}"
  echo "${label#run * }|$rps|$p99|${non2xx:-0}" >> "$folder/results"
}

# summarize: the median req/s and p99 of each label over the runs, and, when an anchor was measured, each median as
# a fraction of the anchor's.
summarize() {
  python3 - "$folder/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, rps, p99, errors = line.rstrip("\n").split("|")
    unit = {"us": 1e-3, "ms": 1, "s": 1e3}
    value = next(float(p99[:-len(u)]) * f for u, f in sorted(unit.items(), key=lambda x: -len(x[0])) if p99.endswith(u))
    runs.setdefault(label, []).append((float(rps), value, errors))
anchor = next((statistics.median(r for r, _, _ in v) for k, v in runs.items() if k.startswith("anchor")), None)
print("\nmedians:")
for label, values in runs.items():
    rps = statistics.median(r for r, _, _ in values)
    p99 = statistics.median(p for _, p, _ in values)
    ratio = f", {rps / anchor:.2f}x the anchor" if anchor else ""
    errors = [e for _, _, e in values if e != "0"]
    print(f"  {label}: {rps:,.0f} req/s, p99 {p99:.2f} ms{ratio}{', non-2xx/errors in ' + str(len(errors)) + ' runs' if errors else ''}")
PY
}
