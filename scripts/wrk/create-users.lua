-- POST /v1/wl/users with the operator key from $TOKEN on the plan from $PLAN: every request a new user (its own
-- email) under its own Idempotency-Key, as distinct clients signing up would send them; IDEMPOTENCY=off leaves the
-- header out (one write transaction per create instead of three). Used by scripts/bench-storage.
local token, plan = os.getenv("TOKEN"), os.getenv("PLAN")
local keyed = os.getenv("IDEMPOTENCY") ~= "off"
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

function init(args)
  counter = 0
  -- A run-unique prefix: several runs against one database never reuse an email or a key.
  prefix = string.format("%d-%d-%d", os.time(), math.random(1, 1000000000), thread_id)
end

function request()
  counter = counter + 1
  local id = prefix .. "-" .. counter
  local body = string.format('{"email":"u%s@bench.example","phone":"+919876543210","plan_id":"%s"}', id, plan)
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if keyed then headers["Idempotency-Key"] = id end
  return wrk.format("POST", "/v1/wl/users", headers, body)
end
