"""Public sign-up abuse (issue 15, finding 4), the red team's reproduction against the real binary.

Before, one address created 750 live clients for one operator in 2 s, each a `user.created` event to the operator.
Now sign-ups are limited per address (10 an hour per operator by default) and per operator (200 an hour), with 429,
`Retry-After` and the RateLimit headers; both are operator quotas the admin can change.
"""
import http.client
import json

from support import API, admin, seed_operator, unique, wait_for


def signup(server, slug, source="127.0.0.1"):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10, source_address=(source, 0))
    body = json.dumps({"operator": slug, "email": f"{unique('s')}@example.com", "phone": "+919876543210"})
    connection.request("POST", "/v1/client/signup", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = (response.status, dict(response.getheaders()), json.loads(response.read()))
    connection.close()
    return answer


def test_one_address_cannot_mass_create_clients(server):
    operator = seed_operator(server.base)
    answers = [signup(server, operator["slug"]) for _ in range(40)]
    created = [a for a in answers if a[0] == 201]
    refused = [a for a in answers if a[0] == 429]
    assert (len(created), len(refused)) == (10, 30), [a[0] for a in answers]
    status, headers, body = refused[0]
    assert body["violated_policies"] == ["signups-per-address"]
    assert int(headers["Retry-After"]) == 360
    assert '"signups-per-address";q=10;w=3600' in headers["RateLimit-Policy"]
    assert headers["RateLimit"].startswith('"signups-per-address";r=0;')

    assert signup(server, operator["slug"], source="127.0.0.2")[0] == 201, "another address still signs up"
    events = API(server.base, operator["keys"]["live"]).ok("GET", "/v1/wl/events?type=user.created&limit=100")["data"]
    assert len(events) == 11, "a refused sign-up emits nothing"


def test_the_operator_limit_is_an_admin_setting(server):
    operator = seed_operator(server.base)
    admin(server.base).ok("PATCH", f"/v1/admin/operators/{operator['id']}", {"limits": {"signups_per_hour": 2}})
    api = API(server.base, operator["keys"]["live"])
    # The quota limiter learns the change from the bus (operator.updated), a moment after the PATCH's commit.
    wait_for(lambda: any(q["name"] == "signups_per_hour" and q["limit"] == 2 for q in api.ok("GET", "/v1/wl/limits")["data"]),
             10, message="the new limit in the quota limiter")
    answers = [signup(server, operator["slug"], source=f"127.0.0.{10 + i}")[0] for i in range(3)]
    assert answers == [201, 201, 429]
    limits = {q["name"]: q for q in api.ok("GET", "/v1/wl/limits")["data"]}
    assert (limits["signups_per_hour"]["limit"], limits["signups_per_hour"]["used"]) == (2, 2)
    assert limits["signups_per_address_per_hour"]["limit"] == 10
