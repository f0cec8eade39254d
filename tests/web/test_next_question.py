"""The next best question on the pages: the calculator asks one question at a time, results first; the profile points
to the most valuable missing field (issue 21, item 6)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from policyreach.questions import next_question
from policyreach.web.calculator import FIELDS, column_of


def _asked(html: str) -> str:
    """The one field the question form asks (its input ids start with q-)."""
    found = re.findall(r'id="q-([a-z_]+)"', html)
    assert len(found) == 1, found  # one question at a time
    return found[0]


def test_the_calculator_asks_one_question_at_a_time_the_most_valuable_first(app, platform) -> None:
    last_year = platform.as_of.year - 1
    names = [n for n, _, _, kinds in FIELDS if "enterprise" in kinds]
    with TestClient(app) as client:
        first = client.get("/calculator", params={"kind": "enterprise"})
        assert first.status_code == 200 and "第一个问题" in first.text
        asked = _asked(first.text)
        # the page asks what the selector ranks first among the calculator's fields, with the city's base rates
        with platform.sessions() as session:
            priors = platform.question_priors(session)
        from policyreach.engine.entity import entity_from_mapping

        empty = entity_from_mapping(platform.schema, {"kind": "enterprise"}, verified=())
        expected = next_question(platform.matcher, empty, priors, allowed={column_of(n, last_year) for n in names})
        assert expected is not None and column_of(asked, last_year) == expected.column
        assert "预期资金" in first.text

        # answering it moves on to another question, keeps the answer and shows results before the question
        answer = {"district": "220102", "industry": "C36"}.get(asked, "100")
        second = client.get("/calculator", params={"kind": "enterprise", "go": "1", asked: answer})
        assert second.status_code == 200
        assert f'name="{asked}" value="{answer}"' in second.text  # carried as a hidden value
        assert _asked(second.text) != asked
        text = second.text
        assert text.index("目前的结果") < text.index("下一个问题") < text.index("可能享受的政策")

        # skipping: the skip link leads to another question, and the skipped one is never asked again
        skip = re.search(r'<a class="skip-question" href="([^"]+)"', second.text)
        assert skip is not None
        url = skip.group(1).replace("&amp;", "&")
        skipped = parse_qs(urlsplit(url).query)["skip"][0].split(",")
        third = client.get(url)
        assert third.status_code == 200 and _asked(third.text) not in skipped


def test_the_calculator_results_come_first_and_fit_a_phone(app) -> None:
    with TestClient(app) as client:
        html = client.get(
            "/calculator",
            params={"go": "1", "kind": "enterprise", "district": "220102", "industry": "C36", "employees": "80"},
        ).text
    assert 'name="viewport"' in html and 'content="width=device-width' in html
    assert html.index("目前的结果") < html.index("<summary>一次填写多项</summary>") < html.index("可能享受的政策")
    assert re.search(r"符合 <strong>\d+</strong> 项", html)
    # every input of the question and of the full form has its label
    ids = re.findall(r'<(?:input|select) id="([^"]+)"', html)
    assert ids and all(f'for="{i}"' in html for i in ids)
    # an anonymous visitor is shown the way in: the sign-in, which leads to the firm's own policies
    assert '<a href="/login?next=/me/policies">登录</a>' in html and "统一身份认证" in html


def test_a_talent_is_asked_about_a_talent(app) -> None:
    with TestClient(app) as client:
        html = client.get("/calculator", params={"kind": "talent"}).text
    talent_fields = {n for n, _, _, kinds in FIELDS if "talent" in kinds}
    assert _asked(html) in talent_fields


def test_the_profile_points_to_the_most_valuable_missing_field(firm, platform) -> None:
    html = firm.get("/me").text
    assert "先回答这个问题" in html
    target = re.search(r'<section class="card next-question".*?href="#field-([a-z0-9_]+)"', html, re.S)
    assert target is not None
    column = target.group(1)
    # the link lands on an editable field the firm has not filled
    assert re.search(rf'<input id="f-{column}" name="{column}"[^>]*value=""', html) or re.search(
        rf'<select id="f-{column}" name="{column}"', html
    )
    assert "预期资金" in html


def test_the_added_questions_refuse_what_their_list_does_not_hold(app) -> None:
    with TestClient(app) as client:
        for kind, field, typed, words in (
            ("talent", "talent_level", "boss", "长春市人才分类"),
            ("enterprise", "listed", "maybe", "应为“是”或“否”"),
            ("enterprise", "district", "999999", "所在区县"),
        ):
            response = client.get("/calculator", params={"go": "1", "kind": kind, field: typed})
            assert response.status_code == 400 and words in response.text, (field, response.status_code)
        fine = client.get("/calculator", params={"go": "1", "kind": "talent", "owns_home_in_changchun": "false"})
        assert fine.status_code == 200 and "目前的结果" in fine.text
