"""The rows of a firm's policy list (``/me/policies``), written in Python instead of a Jinja loop.

The list is the page's bulk (dozens of rows, each a dozen attribute look-ups, filters and escapes): through Jinja
the loop took about 14% of the page's server CPU, half of it Jinja's own (issue 25's py-spy profile: each
``{{ m.x }}`` is a guarded ``getattr``, each output a generator step). The markup is the loop's, byte for byte
(``tests/web/test_policy_list.py`` renders the former loop beside this code for every status, window and amount). A
label missing from the tables renders empty, as Jinja's undefined did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from markupsafe import Markup, escape

from policyreach.engine.match import Match
from policyreach.rules.policy import KIND_ZH, PAYOUT_AMOUNT_ZH, PAYOUT_ZH, STATUS_ZH
from policyreach.web.templating import money, percent

EMPTY = Markup("\n  <li>暂无符合筛选条件的事项。</li>\n")


def rows(matches: Sequence[Match], favourites: Set[str], chances: Mapping[str, float]) -> Markup:
    """The ``<li>`` of each match, in order, or the line saying none is left after the filters."""
    if not matches:
        return EMPTY
    out: list[str] = []
    for m in matches:
        benefit = m.benefit
        bid = benefit.id
        status = m.status
        spec = benefit.spec
        payout = spec.payout
        window = m.window
        amount = m.amount
        if amount is not None:
            value = f"<strong>{escape(money(amount))}</strong> 万元"
        elif status == "partial" and m.fixed:
            value = "暂不能申报（未满足的条件无法通过补充材料改变）"
        else:
            value = "待补充信息后测算"
        out.append(
            f'\n  <li class="benefit status-{escape(status)}">\n    <a href="/me/benefits/{escape(bid)}"><h2>'
            f"{'★ ' if bid in favourites else ''}{escape(spec.title)}</h2></a>\n"
            f'    <p class="meta"><span class="badge">{escape(STATUS_ZH.get(status, ""))}'
            + (f"（约 {escape(percent(chances[bid]))}，依据同行业、同规模企业的数据）" if bid in chances else "")
            + f"</span> 匹配度 {escape(m.degree)}%\n      · {escape(spec.department)}"
            + f" · {escape(KIND_ZH.get(spec.kind, ''))} · {escape(PAYOUT_ZH.get(payout, ''))}\n      "
            + (
                '<span class="badge closed">已截止</span>'
                if window.status == "closed"
                else '<span class="badge">未开始</span>'
                if window.status == "not_yet"
                else ""
            )
            + "\n      "
            + ('<span class="badge one-click">一键申领</span>' if m.one_click else "")
            + f"</p>\n    <p>{escape(PAYOUT_AMOUNT_ZH.get(payout, ''))}：{value}\n      "
            + (
                f' · <span class="window window-{escape(window.status)}">{escape(window.label)}</span>'
                if window.label
                else ""
            )
            + "</p>\n  </li>\n"
        )
    return Markup("".join(out))
