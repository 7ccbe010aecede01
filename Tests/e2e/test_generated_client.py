"""Generated clients work, as an operator would use one: the pinned openapi-python-client (requirements.txt)
generates a Python package from the live `/v1/openapi.json` without a warning (it drops what it cannot read, and says
so), the package imports, and it drives the API with typed answers: a plan and users created, users listed over two
pages, a webhook delivery read, and a 422 parsed into a `Problem`.
"""
import importlib
import os
import pathlib
import subprocess
import sys

import requests

from support import seed_operator

PACKAGE = "operator_api_client"


def generate(base, folder):
    """The generated package, imported."""
    document = folder / "openapi.json"
    document.write_bytes(requests.get(base + "/v1/openapi.json", timeout=10).content)
    tools = pathlib.Path(sys.executable).parent
    result = subprocess.run(
        [str(tools / "openapi-python-client"), "generate", "--path", str(document), "--meta", "none", "--output-path", str(folder / PACKAGE)],
        capture_output=True, text=True, timeout=600, env=dict(os.environ, PATH=f"{tools}{os.pathsep}{os.environ['PATH']}"))
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Warning" not in output and "Error" not in output, output
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))


def test_a_generated_python_client_drives_the_api(server, tmp_path):
    generated = generate(server.base, tmp_path)
    from operator_api_client.api.plans import create_plan
    from operator_api_client.api.users import create_user, list_users
    from operator_api_client.api.webhooks import create_webhook_endpoint, get_webhook_delivery, send_test_webhook
    from operator_api_client.models import (CreatedUser, EventType, Plan, PlanCreate, Problem, TestEventRequest, UserCreate, UserList,
                                            WebhookDelivery, WebhookEndpointCreate)

    client = generated.AuthenticatedClient(base_url=server.base, token=seed_operator(server.base)["keys"]["test"])
    plan = create_plan.sync(client=client, body=PlanCreate(name="Generated"))
    assert isinstance(plan, Plan) and plan.id.startswith("plan_")
    users = [create_user.sync(client=client, body=UserCreate(email=f"gen{i}@example.com", phone="+919800000001", plan_id=plan.id))
             for i in range(3)]
    assert all(isinstance(u, CreatedUser) and "token=lt_" in u.login_url for u in users)

    first = list_users.sync(client=client, limit=2, plan_id=plan.id)
    assert isinstance(first, UserList) and first.has_more and len(first.data) == 2
    second = list_users.sync(client=client, limit=2, plan_id=plan.id, starting_after=first.data[-1].id)
    assert isinstance(second, UserList) and not second.has_more
    assert [u.id for u in first.data + second.data] == [u.id for u in reversed(users)], "newest first, over two pages"

    endpoint = create_webhook_endpoint.sync(
        client=client, body=WebhookEndpointCreate(url="https://hooks.example.com/in", events=[EventType.USER_CREATED]))
    sent = send_test_webhook.sync(client=client, id=endpoint.id, body=TestEventRequest(type_=EventType.USER_CREATED))
    delivery = get_webhook_delivery.sync(client=client, id=sent.id)
    assert isinstance(delivery, WebhookDelivery) and delivery.event_type == "user.created" and delivery.test
    assert delivery.endpoint_id == endpoint.id

    refused = create_user.sync_detailed(client=client, body=UserCreate(email="not-an-email", phone="12", plan_id=plan.id))
    assert refused.status_code == 422 and isinstance(refused.parsed, Problem)
    assert refused.parsed.code == "validation_failed" and sorted(e.field for e in refused.parsed.errors) == ["email", "phone"]
