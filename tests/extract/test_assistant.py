"""The optional assistant against a fake OpenAI-compatible server on 127.0.0.1 (stdlib http.server in a thread)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from policyreach import settings
from policyreach.extract.assistant import MAX_CONFIDENCE, AssistantConfig, AssistantError, config_from_env, propose
from policyreach.extract.draft import draft_policy, to_yaml
from policyreach.rules.library import Library, add_policy_file
from policyreach.rules.schema import load_schema


class FakeEndpoint:
    """Answers each POST with the next queued content and keeps every request it saw."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the stdlib handler names its methods after the HTTP verb
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), "json": json.loads(body)}
                )
                content = outer.answers.pop(0)
                reply = json.dumps(
                    {
                        "id": "x",
                        "object": "chat.completion",
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                        ],
                    }
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(reply.encode("utf-8"))

            def log_message(self, *args: object) -> None:  # keep the test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[FakeEndpoint]:
    fake = FakeEndpoint()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture(scope="module")
def schema():
    return load_schema(settings.schema_path())


def test_off_by_default(monkeypatch) -> None:
    monkeypatch.delenv("POLICYREACH_ASSISTANT_URL", raising=False)
    assert config_from_env() is None
    monkeypatch.setenv("POLICYREACH_ASSISTANT_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("POLICYREACH_ASSISTANT_MODEL", "qwen")
    assert config_from_env() == AssistantConfig("http://127.0.0.1:9/v1", "qwen", None)


def test_a_proposal_is_requested_properly_and_type_checked(endpoint: FakeEndpoint, schema) -> None:
    endpoint.answers.append(
        '```json\n{"conditions": ["employees[last_year] >= 50"], "amount": "8", "confidence": 0.9}\n```'
    )
    config = AssistantConfig(endpoint.url, model="policy-model", key="secret-key")
    proposal = propose(config, schema, "3", "在岗职工数达到50人的县域企业，奖励8万元")
    request = endpoint.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer secret-key"
    body = request["json"]
    assert body["model"] == "policy-model" and body["temperature"] == 0
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "在岗职工数达到50人的县域企业" in body["messages"][1]["content"]
    assert "employees：从业人员" in body["messages"][0]["content"]  # the schema's names and labels are given
    assert proposal.conditions == ["employees[last_year] >= 50"] and proposal.amount == "8"
    assert proposal.kind == "assistant" and proposal.confidence == MAX_CONFIDENCE  # never above the grammar's


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("好的，条件是从业人员不少于50人。", "不是 JSON"),
        ('{"conditions": ["staff_count >= 50"], "amount": null, "confidence": 0.5}', "未通过规则检查"),
        ('{"conditions": ["revenue[last_year] >= \'高\'"], "amount": null, "confidence": 0.5}', "未通过规则检查"),
        ('{"conditions": "revenue >= 1", "confidence": 0.5}', "conditions 列表"),
        ('{"conditions": [], "amount": "revenue[last_year] >= 1", "confidence": 0.5}', "金额"),
        ('{"conditions": [], "amount": null, "confidence": 7}', "confidence"),
    ],
)
def test_a_malformed_answer_is_rejected_with_a_clear_error(
    endpoint: FakeEndpoint, schema, answer: str, reason: str
) -> None:
    endpoint.answers.append(answer)
    with pytest.raises(AssistantError, match=reason):
        propose(AssistantConfig(endpoint.url), schema, "1", "某句")


def test_only_flagged_sentences_are_sent_and_proposals_stay_out_of_the_rules(
    endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    text = (
        "第一条 对上年度首次认定为国家高新技术企业的，给予20万元一次性奖励。\n"
        "第二条 对县域内带动就业作用突出的企业，优先给予支持。\n"
        "第三条 本办法由长春市科学技术局负责解释。\n"
    )
    endpoint.answers += [
        '{"conditions": ["employees[last_year] >= 100"], "amount": null, "confidence": 0.4}',
        "无法回答",
    ]
    before = len(endpoint.requests)
    draft = draft_policy(text, "asst", assistant=AssistantConfig(endpoint.url))
    asked = [r["json"]["messages"][1]["content"] for r in endpoint.requests[before:]]
    assert len(asked) == 2 and "带动就业" in asked[0] and "负责解释" in asked[1]  # flagged ones only
    first, second = draft["assistant"]
    assert first == {
        "clause": "2",
        "text": "对县域内带动就业作用突出的企业，优先给予支持",
        "kind": "assistant",
        "expr": "employees[last_year] >= 100",
        "confidence": 0.4,
    }
    assert second["clause"] == "3" and "不是 JSON" in second["error"]
    # never silently accepted: the rules are the grammar's alone; the proposal is a review note in the file
    assert all("employees" not in c["expr"] for b in draft["benefits"] for c in b["conditions"])
    out = to_yaml(draft)
    assert "# 助手建议（2 条，未采纳" in out and "employees[last_year] >= 100（assistant，助手置信度 0.4）" in out
    path = tmp_path / "asst.yaml"
    path.write_text(out.replace("payout: 待填写", "payout: cash"), encoding="utf-8")  # the officer's part
    add_policy_file(Library(schema=load_schema(settings.schema_path())), path)
    assert yaml.safe_load(out)["id"] == "asst"


def test_an_unreachable_endpoint_is_a_clear_error(schema) -> None:
    with pytest.raises(AssistantError, match="无法连接助手服务"):
        propose(AssistantConfig("http://127.0.0.1:9/v1", timeout=2), schema, "1", "某句")
