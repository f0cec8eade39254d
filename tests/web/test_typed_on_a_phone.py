"""What a person types on a phone, read as meant: the calculator's industry by its Chinese name (GB/T 4754, searched
on the server so that it works without any script, a list to choose from when a name fits several, a datalist in the
browser), full-width and grouped digits, and a refused value said beside its field with what was typed kept."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient

from policyreach.standards.industry import search


def test_names_codes_and_what_a_list_offers_all_find_the_division() -> None:
    assert search("汽车") == [("C36", "汽车制造业")]
    assert search("C36 汽车制造业") == search("ｃ３６") == search("36") == search("C3610") == [("C36", "汽车制造业")]
    assert search("软件") == [("I65", "软件和信息技术服务业")]  # the division named so, not its whole 门类
    assert search("农业") == [("A01", "农业")]  # the name itself: nothing else to choose
    assert search("软件信息") == [("I65", "软件和信息技术服务业")]  # characters in order
    assert {c for c, _ in search("运输")} >= {"G53", "G54", "C37"}
    assert search("不存在的行业") == [] and search("") == []


def test_the_calculator_takes_a_name_offers_a_choice_and_keeps_the_code(app) -> None:
    with TestClient(app) as client:
        one = client.get(f"/calculator?kind=enterprise&go=1&industry={quote('汽车')}&district=220102")
        assert one.status_code == 200
        assert 'value="C36 汽车制造业"' in one.text  # shown back by name, carried on as the code
        assert 'name="industry" value="C36"' in one.text
        assert '<datalist id="industry-names">' in one.text and '<option value="I65 软件和信息技术服务业">' in one.text

        several = client.get(f"/calculator?kind=enterprise&go=1&industry={quote('运输')}&district=220102")
        assert several.status_code == 200 and "请选择所属行业" in several.text
        choice = several.text.split('id="industry-pick"')[1].split("</select>")[0]
        assert "道路运输业（G54）" in choice and 'value="G54"' in choice
        assert 'name="district" value="220102"' in several.text  # the other answers go along with the choice
        picked = client.get("/calculator?kind=enterprise&go=1&industry=G54&district=220102")
        assert 'value="G54 道路运输业"' in picked.text

        none = client.get(f"/calculator?kind=enterprise&go=1&industry={quote('不存在的行业')}")
        assert none.status_code == 400
        assert re.search("没有找到名称含“不存在的行业”的行业", none.text)
        assert 'value="不存在的行业"' in none.text  # what was typed stays in the field


def test_full_width_digits_and_grouped_digits_are_read_as_typed(app, platform) -> None:
    """A phone keyboard in Chinese mode types １２，５００: the calculator and the profile read 12500."""
    from policyreach.web.profile import parse_value

    last_year = platform.as_of.year - 1
    assert parse_value(platform, f"revenue_{last_year}", "１２，５００.５") == "12500.5"
    assert parse_value(platform, f"employees_{last_year}", "１ ２００") == 1200
    with TestClient(app) as client:
        page = client.get(f"/calculator?kind=enterprise&go=1&revenue={quote('１２，５００')}")
        assert page.status_code == 200 and "目前的结果" in page.text


def test_a_refused_profile_value_is_said_beside_its_field_with_what_was_typed(app) -> None:
    from tests.web.conftest import csrf_of, login

    with TestClient(app) as firm:
        login(firm, "enterprise1")
        page = firm.get("/me").text
        # a figure the firm declares: typed as text with a numeric keyboard (a number input drops １２ silently)
        found = re.search(r'id="f-(\w+)" name="\w+" type="text" inputmode="decimal"', page)
        assert found is not None and 'type="number"' not in page
        column = found.group(1)
        refused = firm.post("/me/values", data={"csrf_token": csrf_of(page), column: "１２万"})
        assert refused.status_code == 400
        assert re.search(
            rf'id="f-{column}"[^>]*value="１２万"[^>]*aria-invalid="true" aria-describedby="e-{column}"', refused.text
        )
        assert re.search(rf'<div class="error field-error" id="e-{column}">[^<]*不是数字', refused.text)
        assert f'<a href="#field-{column}">' in refused.text  # the message at the top leads to the field
