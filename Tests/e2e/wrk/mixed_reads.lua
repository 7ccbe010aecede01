-- Rotates GET /v1/wl/me and GET /v1/wl/users with the operator key from $TOKEN; counts statuses per thread and
-- prints one JSON line (prefixed "WRK ") with the totals, the socket errors and the latency percentiles.
local threads = {}
local paths = { "/v1/wl/me", "/v1/wl/users?limit=10" }
local token = os.getenv("TOKEN")

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  counter = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1], { ["Authorization"] = "Bearer " .. token })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      totals[tostring(status)] = (totals[tostring(status)] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(totals) do table.insert(parts, string.format('"%s": %d', status, n)) end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "statuses": {%s}, "errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration, table.concat(parts, ", "), e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
