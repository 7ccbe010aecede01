"""Key takeover during a grace period (issue 15, finding 2), the red team's reproduction against the real binary.

K0 rotates to K1 with a day's grace. Before the fix K0, still valid, rotated again with `expire_old_in_seconds: 0`:
K1 died and whoever held a leaked K0 owned the account. Now K0 keeps reading and writing data until it expires, but
everything that could take the account over answers 403 `current_key_required`.
"""
from support import API, seed_operator


def test_a_key_in_its_grace_cannot_take_the_account_over(server):
    operator = seed_operator(server.base)
    k0 = API(server.base, operator["keys"]["live"])
    k1 = k0.as_(k0.ok("POST", "/v1/wl/api-keys/rotate", {"expire_old_in_seconds": 86400})["secret"])

    takeover = k0.call("POST", "/v1/wl/api-keys/rotate", {"expire_old_in_seconds": 0})
    assert takeover.status_code == 403, takeover.text
    assert takeover.headers["Content-Type"] == "application/problem+json"
    assert takeover.json()["code"] == "current_key_required"
    assert k1.call("GET", "/v1/wl/me").status_code == 200, "the new key survives"

    assert k0.call("GET", "/v1/wl/users").status_code == 200, "the old key still reads"
    plan = k0.ok("POST", "/v1/wl/plans", {"name": "Grace"})["id"]
    assert k0.call("POST", "/v1/wl/users", {"email": "grace@example.com", "phone": "+919876500001", "plan_id": plan}).status_code == 201

    hook = {"url": "https://hooks.example.com/in", "events": ["user.created"]}
    assert k0.call("POST", "/v1/wl/webhook-endpoints", hook).json()["code"] == "current_key_required"
    endpoint = k1.ok("POST", "/v1/wl/webhook-endpoints", hook)
    for method, path, body in [
        ("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/rotate-secret", {"expire_old_in_seconds": 0}),
        ("PATCH", f"/v1/wl/webhook-endpoints/{endpoint['id']}", {"url": "https://attacker.example.com/in"}),
        ("DELETE", f"/v1/wl/webhook-endpoints/{endpoint['id']}", None),
        ("PATCH", "/v1/wl/wallet", {"alert_whatsapp_number": "+919876500002"}),
    ]:
        refused = k0.call(method, path, body)
        assert (refused.status_code, refused.json()["code"]) == (403, "current_key_required"), f"{method} {path}: {refused.text}"
    assert k0.ok("GET", f"/v1/wl/webhook-endpoints/{endpoint['id']}")["secret"].startswith("whsec_…"), "masked for everyone"
