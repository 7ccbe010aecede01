"""The product's own examples, run as written against the real binary: every curl command of README.md's shell
blocks, in order, then every curl example of the dashboard's Inbound API section as the page shows it.

The examples are parsed out of the README and out of the rendered page, so a new one is covered without touching
this file. Only what an example cannot know is filled in: `$API` and `$ADMIN` (this server), a README variable
set to a placeholder (`KEY=tt_wl_acme_test_…`), and any `prefix…suffix` placeholder, replaced by a value an earlier
answer printed that has that prefix and suffix (a delivery id is made for `dlv_…` when none was printed yet; the
dashboard's masked key is the key it masks). Every HTTP answer must be a success.
"""
import html
import json
import os
import pathlib
import re
import subprocess

from conftest import ROOT
from support import ADMIN_TOKEN, API, unique

README = ROOT / "README.md"
PLACEHOLDER = re.compile(r"([A-Za-z0-9_]*)…([A-Za-z0-9]*)")
EMAIL, PASSWORD = "examples@acme.test", "correct horse battery"


def shell_commands(text):
    """The logical lines of every ```sh block: continuations joined, comment lines dropped."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        current = ""
        for line in block.splitlines():
            current = f"{current} {line.strip()}" if current else line.strip()
            if current.endswith("\\"):
                current = current[:-1].rstrip()
                continue
            if current and not current.startswith("#"):
                commands.append(current)
            current = ""
    return commands


class Runner:
    """Runs example commands in bash with curl wrapped to record every response's status line, and remembers
    everything they printed so later placeholders can be filled in."""

    def __init__(self, server, folder):
        self.server, self.folder = server, pathlib.Path(folder)
        self.variables = {"API": server.base, "ADMIN": ADMIN_TOKEN}
        self.printed = []
        self.makers = {"dlv_": self.make_delivery}

    def resolve(self, prefix, suffix):
        for text in reversed(self.printed):
            for value in reversed(re.findall(r'"([A-Za-z0-9_]+)"', text)):
                if value.startswith(prefix) and value.endswith(suffix) and len(value) > len(prefix) + len(suffix):
                    return value
        if prefix in self.makers:
            return self.makers[prefix]()
        raise AssertionError(f"nothing printed so far fills the placeholder {prefix}…{suffix}")

    def fill(self, command):
        return PLACEHOLDER.sub(lambda m: self.resolve(m.group(1), m.group(2)), command)

    def run(self, command):
        """Runs one example; returns what it printed. Fails unless every HTTP answer it got was a success."""
        assignment = re.fullmatch(r"([A-Z_]+)=(.*)", command)
        if assignment and "curl" not in command:
            name = assignment.group(1)
            if name not in ("API", "ADMIN"):  # this server's, not the example's
                self.variables[name] = self.shell(f'{self.fill(command)}\nprintf %s "${name}"').stdout
            return ""
        headers = self.folder / f"headers-{unique('h')}"
        headers.mkdir()
        body = f"{command}\nprintf %s \"${assignment.group(1)}\"" if assignment else command
        script = f'curl() {{ command curl -D "$(mktemp -p {headers})" "$@"; }}\n{self.fill(body)}'
        result = self.shell(script)
        statuses = [re.findall(r"^HTTP/\S+ (\d{3})", f.read_text(), re.M)[-1] for f in sorted(headers.iterdir())]
        assert result.returncode == 0 and statuses, f"{command}\n→ exit {result.returncode}: {result.stderr}"
        assert all(int(s) < 400 for s in statuses), f"{command}\n→ HTTP {statuses}: {result.stdout}"
        if assignment:
            self.variables[assignment.group(1)] = result.stdout
        self.printed.append(result.stdout)
        return result.stdout

    def shell(self, script):
        return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, cwd=self.folder,
                              env={**self.variables, "PATH": os.environ["PATH"]})

    def make_delivery(self):
        """A delivery to the endpoint an example registered: a test event, as the dashboard sends one."""
        endpoint = self.resolve("whe_", "")
        sent = API(self.server.base, self.variables["KEY"]).ok("POST", f"/v1/wl/webhook-endpoints/{endpoint}/test", {"type": "user.created"})
        self.printed.append(json.dumps(sent))
        return sent["id"]


def dashboard_examples(server, operator):
    """The Inbound API section's curl examples in the sandbox, as a signed-in member's page shows them."""
    from test_dashboard import Client
    API(server.base, ADMIN_TOKEN).ok("POST", f"/v1/admin/operators/{operator}/members", {"email": EMAIL, "password": PASSWORD})
    client = Client(server)
    status, _, _ = client.sign_in(EMAIL, PASSWORD)
    assert status == 303
    _, _, page = client.send("GET", "/dashboard")
    client.send("POST", "/dashboard/mode", {"csrf": client.csrf(page), "mode": "test"})
    _, _, page = client.send("GET", "/dashboard")
    section = re.search(r'<section[^>]*id="api".*?</section>', page, re.S).group(0)
    return [html.unescape(code) for code in re.findall(r'<code id="curl-\d+">(.*?)</code>', section, re.S)]


def test_every_readme_and_dashboard_curl_example_works_as_written(server, tmp_path):
    runner = Runner(server, tmp_path)
    commands = shell_commands(README.read_text())
    curls = [c for c in commands if "curl" in c]
    assert len(curls) >= 12, "the README's examples were not found"
    for command in commands:
        if "curl" in command or re.fullmatch(r"[A-Z_]+=.*", command):  # not the set-up commands (swift run, scripts/test)
            runner.run(command)

    operator = runner.resolve("op_", "")
    examples = dashboard_examples(server, operator)
    assert len(examples) >= 5 and all(e.startswith("curl ") for e in examples), examples
    for example in examples:
        runner.run(" ".join(line.strip().rstrip("\\") for line in example.splitlines()))
