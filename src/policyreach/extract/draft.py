"""A policy document to a draft policy for an officer to review: clauses, benefits, rules, confidence.

``draft_policy`` returns the draft as data (what the console shows: every rule with its confidence, the
sentences left for a person, any assistant proposals); ``to_yaml`` writes it as a policy file that loads and
validates like any other (``policyreach validate``), with everything to review written as YAML comments:
the confidence after each rule, the flagged manual sentences and the assistant's proposals at the end.
Nothing becomes a rule silently: a benefit whose clause gives no condition gets the placeholder ``True``
labelled 【待人工确认】, and fields text cannot give (department, channel) say 待填写.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from functools import cache
from typing import Any

import yaml

from policyreach import settings
from policyreach.extract.assistant import AssistantConfig, review_flagged
from policyreach.extract.clauses import HEADING, Clause, sentences, split_clauses
from policyreach.extract.documents import normalise
from policyreach.extract.numbers import CN, number, plain
from policyreach.extract.sentence import (
    BOARDS,
    FIRST_IN_A_RANKING,
    GRADE,
    LISTING_STAGE_SUMS,
    TALENT_TIER,
    Draft,
    draft_sentence,
    guess_subject,
    in_context,
)
from policyreach.extract.sentence import LEVELS as TITLE_LEVELS
from policyreach.rules.errors import RuleError
from policyreach.rules.language import Env, check_amount, check_condition, parse_expression
from policyreach.rules.policy import Parameter
from policyreach.rules.schema import ProposedAttribute, extend, load_schema

TO_FILL = "待填写"
LEVELS = (
    ("national", "000000", r"国务院|财政部|国家税务总局|税务总局|全国"),
    ("province", "220000", r"吉林省"),
    ("city", "220100", r"长春市|本市|市政府"),
)


# the words a policy calls itself by (本办法, 本措施 …)
# (a 申报通知 or 申报指南 that sets its own awards is the policy: 本通知各项奖励累计不超过…, 符合本指南多项…的，就高)
THIS = "本(?:政策|措施|办法|细则|方案|通知|指南)"
SCOPE = re.compile(
    r"适用(?:范围|对象|于)|(?:支持|扶持|奖励|补贴|补助|资助|奖补|申报|发放)对象|申报主体|(?:申报|申领|享受|补贴|补助|奖励|返还)条件"
    # (申请本政策扶持的企业，应当…: a comma before what they must be)
    # (享受本办法支持的孵化器、众创空间运营机构和新型研发机构，应当…: several kinds named before what they must be)
    rf"|(?:享受|申请|申报){THIS}[^，,。；;]{{0,12}}?的[^，,。；;]{{0,24}}?(?:企业|单位|主体|个人|人才|机构)[，,]?"
    r"(?:应|须|必须)"
    rf"|{THIS}所称|(?:应|须|必须)(?:当)?(?:同时)?(?:具备|符合|满足)(?:以下|下列|如下)(?:基本)?条件"
    # (同时符合下列条件的参保企业，可以申请…: who may apply, an item that carries no title saying so)
    r"|同时(?:具备|符合|满足)(?:以下|下列|如下)(?:全部)?条件的"
)
WHOLE_POLICY = re.compile(THIS)
# an article's lead-in to the items that pay (按以下标准给予奖励：)
LEAD_IN = re.compile(r"[：:]$|(?:按|按照|符合|分)(?:以下|下列|如下)")
# 申请认定市级孵化器，应当同时具备下列条件：: what a title's recognition asks (场地面积, 在孵企业 N家), met once the
# title is given; the awards for the title (对新认定的…孵化器) state their own conditions, so these are no benefit's
RECOGNITION_LEAD = re.compile(
    # (申请认定的人才，除符合分类目录规定的标准外，还应当…: what else it asks, beside a catalogue's standards)
    r"(?:申请|申报)(?:认定|备案|评定)[^，,。；;：:]{1,30}?[，,]?(?:除[^。；;：:]{1,30}?外[，,]?还?)?"
    r"(?:应|须|必须)(?:当)?(?:同时)?(?:具备|符合|满足)"
    r"(?:以下|下列|如下)"
)
# 为支持中小企业发展，制定本办法: why the policy was made, which names kinds of firm and is no condition on any
PURPOSE = re.compile(r"^为[^。]*(?:制定|出台|特制定)本?(?:政策|措施|办法|细则|方案|规定|意见)|^根据《")


# a chapter that holds only who may apply (第二章 申报条件, 第二章 支持对象和范围): its articles scope the policy
SCOPE_CHAPTER = re.compile(r"(?:(?:适用|支持|扶持|奖励|补贴|资助|申报|享受)(?:范围|对象|条件|主体)[和与及、]?)+")
# 本办法所称规上工业企业，是指…: conditions that belong to the defined term, not to every benefit
DEFINES = re.compile(r"所称[“\"]?([^，,。；;“”\"]{1,20}?)[”\"]?[，,]?(?:是)?指")
GENERIC_TERM = re.compile(r"(?:申报|用人|市场)?(?:企业|单位|主体|对象|人才|个人|机构|经营主体)")
# 社会团体…以单位形式参保的个体工商户参照中小微企业执行: other claimants treated like the ones the clause pays
ALSO_FOR = re.compile(r"参照[^，,。；;]{0,20}?(?:执行|实施|享受|办理)$")
# a sentence that grants to its own claimants (对…的企业，…给予…奖励), not an exclusion (不予, 不再, 不得, 不重复)
OWN_GRANT = re.compile(r"^\s*(?:对|凡)(?!.*(?:不予|不再|不得|不重复|不享受)).*给予")
# a defined term that is a figure (研发投入, 研发经费, 营业收入, 投资额): its definition says how it is counted
MEASURE_TERM = re.compile(r"(?:投入|经费|费用|收入|支出|资金|额)$")
# 本办法所称创业实体，是指…小微企业、个体工商户、农民专业合作社…: a term defined as a list of kinds of claimant,
# any of which it means; a condition read from one of them (小微企业 → size_class) would shut out the others
DEFINED_AS_KINDS = re.compile(r"、[^。；;]{0,12}?(?:个体工商户|合作社|家庭农场|民办非企业单位|社会组织|事业单位)")


def _general(
    drafts: list[tuple[Clause, Draft]],
    said: dict[int, str],
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]], list[tuple[Clause, Draft]]]:
    """Conditions stated apart from any amount. Those of a scope clause (适用范围, 支持对象, 申报条件, or an item
    under one: 申报企业应具备以下条件：（一）…) apply to every benefit, as the policy's common conditions, unless the
    scope clause is an item of a section that pays (一、…（一）补贴对象 …（二）补贴标准): then they apply to that
    section's benefits only. Those of a clause that also pays (an exclusion after the award) apply to that
    clause's benefits. Any other conditions without money (a regulation named in the preamble, a target, the
    purpose a scope article opens with: 为支持中小企业发展，制定本办法) are not attached to anything: they go to a
    person, with the sentence, never into every benefit. ``said`` gives each draft's sentence."""
    paying = {clause.ref for clause, draft in drafts if draft.amount is not None or draft.variants}
    texts = {clause.ref: clause.text for clause, _ in drafts}
    general: list[dict[str, Any]] = []
    local: dict[str, list[dict[str, Any]]] = {}
    stray: list[tuple[Clause, Draft]] = []
    for clause, draft in drafts:
        if draft.amount is not None or draft.variants or not draft.conditions:
            continue
        found = [{"expr": e, "clause": clause.ref, "confidence": round(c, 2)} for e, c in draft.conditions]
        parts = clause.ref.split(".")
        lineage = [".".join(parts[: n + 1]) for n in range(len(parts))]  # "1.1" → "1", "1.1"
        # the outermost clause that says it is about scope: a top one scopes the policy, an item one its section
        top = next((r for r in lineage if SCOPE.search(HEADING.sub("", texts.get(r, ""), count=1))), None)
        if SCOPE_CHAPTER.fullmatch(clause.chapter):
            top = lineage[0]
        if clause.ref not in paying and any(
            RECOGNITION_LEAD.search(HEADING.sub("", texts.get(r, ""), count=1)) for r in lineage
        ):
            stray.append((clause, draft))  # for a person, with the sentence: the title's, not the awards'
            continue
        if PURPOSE.search(said.get(id(draft), "")):
            top = None
        section = top.rsplit(".", 1)[0] + "." if top and "." in top else None
        siblings = sorted(r for r in paying if r.startswith(section)) if section else []
        below = sorted(r for r in paying if r.startswith(clause.ref + "."))
        defined = DEFINES.search(clause.text)
        if clause.ref in paying and _award_title(clause, said.get(id(draft), "")):
            continue  # 第六条 高新技术企业奖励。对…: the article's title names what it pays for, no condition
        if clause.ref in paying and _titled_topic(clause, said.get(id(draft), ""), drafts):
            continue  # 第六条 高新技术企业培育。对上年度研发费用…的企业: a topic; the sentences say whom it pays
        if ALSO_FOR.search(said.get(id(draft), "").rstrip("。")):
            # it widens who may claim and narrows no benefit: its kinds (中小微企业) are no condition of the sums
            # beside it (the 大型企业's share would have to be 中小微 too); for a person, with the sentence
            stray.append((clause, draft))
            continue
        if (
            clause.ref not in paying
            and [c["expr"] for c in found] == ["not serious_violation"]
            and WHOLE_POLICY.search(said.get(id(draft), ""))
        ):
            # 存在严重失信行为的企业，不得享受本办法奖励 (beside a definition, or anywhere): the whole policy's
            general.extend(g for g in found if g["expr"] not in [x["expr"] for x in general])
            continue
        if defined and MEASURE_TERM.search(defined.group(1)) and clause.ref not in paying:
            # 本办法所称研发投入，是指…用于基础研究、应用研究和试验发展的经费支出: how a figure is counted, no
            # condition on who may claim (its words name no industry): for a person, with the sentence
            stray.append((clause, draft))
        elif defined and DEFINED_AS_KINDS.search(clause.text[defined.end() :]) and clause.ref not in paying:
            stray.append((clause, draft))  # kinds a term means, not conditions of its users: for a person
        elif defined and not GENERIC_TERM.fullmatch(defined.group(1)) and clause.ref not in paying:
            # a defined term's conditions go to the benefits whose article uses the term, and nowhere else
            # (首次进入全区商贸企业前十名: a ranking of the term's firms names its pool, not a use of the term)
            users = sorted(
                r
                for r in paying
                if defined.group(1) in FIRST_IN_A_RANKING.sub("", HEADING.sub("", texts.get(r, ""), count=1))
            )
            for ref in users:
                local.setdefault(ref, []).extend(found)
            if not users:
                stray.append((clause, draft))
        elif clause.ref in paying and OWN_GRANT.search(said.get(id(draft), "")):
            # 对首次认定的专精特新企业，按下表标准给予奖励。 beside 对…技术中心，给予50万元: a sentence that pays its
            # own claimants (its sum unread) is no exclusion of the others: for a person, with the sentence
            stray.append((clause, draft))
        elif clause.ref in paying:
            local.setdefault(clause.ref, []).extend(found)
        elif below and not top and LEAD_IN.search(said.get(id(draft), "")):
            # 对上年度营业收入达到2000万元以上的企业，按以下标准给予奖励：（一）…（二）…: the lead-in's conditions
            # are each of its items' conditions
            for ref in below:
                local.setdefault(ref, []).extend(found)
        elif siblings:
            for ref in siblings:
                local.setdefault(ref, []).extend(found)
        elif top and clause.ref != "0" and (not section or WHOLE_POLICY.search(said.get(id(draft), ""))):
            # (an item that names the whole policy, 享受本措施的企业应…, scopes it wherever it stands)
            general.extend(g for g in found if g["expr"] not in [x["expr"] for x in general])
        else:
            stray.append((clause, draft))
    return general, local, stray


def _title(document: str) -> str:
    """The policy's own title: the last heading-free line naming a kind of policy before the first article (a
    通知 that 印发s it comes first and is not the title), else the first line."""
    lines = []
    for line in document.splitlines():
        line = line.strip()
        if not line:
            continue
        if HEADING.match(line):
            break
        lines.append(line)
    named = [
        ln
        for ln in lines
        if re.search(r"(?:若干|政策|措施|办法|细则|方案|意见|规定)$", ln)
        and "通知" not in ln
        # (a preamble's line broken by the page's width may end on a kind of policy it cites: …根据《…若干措施)
        and not re.search(r"[，。；,;]", ln)
        and ln.count("《") == ln.count("》")
    ]
    if named:
        return named[-1][:80]
    # a 通知 that is itself the policy: its 关于…的通知 line, not the offices heading it
    notice = [ln for ln in lines if re.search(r"关于.{2,60}(?:通知|意见|决定)$", ln)]
    if notice:
        return notice[0][:80]
    return lines[0][:80] if lines else "政策草稿（待命名）"


def _heading(clause: Clause, text: str) -> bool:
    """``text`` is a short title the clause opens with, before its sentences."""
    body = HEADING.sub("", clause.text, count=1)
    return body.startswith(text) and len(body) > len(text) + 1 and len(text) <= 16


def _title_only(clause: Clause, text: str) -> bool:
    """A clause's own title (支持企业做大规模, 附则) before its sentences: nothing for a person to convert."""
    return _heading(clause, text) and not re.search(r"\d|奖|补|贴|资助|给予", text)


def _award_title(clause: Clause, text: str) -> bool:
    """An article's title before its sentences that names what it pays for (高新技术企业奖励, 研发投入补助) or what it
    is for (支持高新技术企业发展)."""
    return (
        _heading(clause, text)
        and not re.search(r"\d|给予|对|的|，", text)
        and bool(
            re.search(r"(?:奖励|补助|补贴|支持|奖补|资助|配套)$", text)
            # 支持高新技术企业发展, 鼓励企业加大研发投入: the article's aim; its sentences say whom it pays
            or re.match(r"(?:支持|鼓励|推动|促进|加快|加强|培育|引导|强化|提升|扶持|推进)", text)
        )
    )


def _titled_topic(clause: Clause, text: str, drafts: list[tuple[Clause, Draft]]) -> bool:
    """Any other short title of an article (高新技术企业培育, 实施高新技术企业倍增计划, 做大做强规上工业企业) whose
    paying sentences state conditions of their own: a topic, not a condition added to theirs (a 高新技术企业 now,
    规模以上工业企业), which the sentences do not state."""
    if not _heading(clause, text) or re.search(r"\d|对|的|，|,", text):
        return False
    return any(
        (d.amount is not None and d.conditions) or any(own for own, _ in d.variants)
        for c, d in drafts
        if c.ref == clause.ref
    )


def _date(y: str, m: str, d: str) -> dt.date:
    return dt.date(int(y), int(m), int(d))


def _validity(document: str, lines: str = "") -> tuple[dt.date | None, dt.date | None]:
    """valid_from and valid_to as the text states them: 自X起施行, 有效期至Y (执行期限, 实施期限), 有效期N年 (from
    its start), 自X起至Y止; 自印发之日起施行 starts on the date the document is signed on, a line of its own in
    ``lines`` (the document as laid out)."""
    start = None
    date = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
    period = r"(?:有效期|有效期限|执行期|执行期限|实施期|实施期限|试行期)"
    whose = rf"(?:{period}|本(?:政策|措施|办法|细则|方案|通知))"
    if m := re.search(rf"{whose}[^。；;]{{0,6}}自{date}起?(?:施行|执行|实施|试行)?[，,]?(?:至|到){date}止?", document):
        # 有效期自2024年1月1日起至2026年12月31日止: both ends in one phrase (申报时间自…至… is no validity)
        return _date(*m.groups()[:3]), _date(*m.groups()[3:])
    if m := re.search(rf"{period}(?:为|是)?{date}起?(?:至|到){date}止?", document):
        # 政策执行期限为2026年1月1日至2026年12月31日: the period's own word, both ends, no 自
        return _date(*m.groups()[:3]), _date(*m.groups()[3:])
    if m := re.search(rf"自{date}起(?:施行|执行|实施|试行)", document):
        start = _date(*m.groups())
    elif re.search(r"自(?:印发|发布)之日起(?:施行|执行|实施|试行)", document) and (
        dated := re.findall(rf"^\s*{date}\s*$", lines, re.M)
    ):
        start = _date(*dated[-1])
    end = None
    if m := re.search(rf"{period}(?:为)?(?:至|到|截至){date}", document):
        end = _date(*m.groups())
    elif start and (m := re.search(rf"{period}(?:为)?([{CN}\d]+)年", document)):
        years = int(number(m.group(1)))
        end = start.replace(year=start.year + years) - dt.timedelta(days=1)
    return start, end


def _doc_number(document: str) -> str | None:
    """The document number on its own line near the top (临政发〔2024〕7号), not one cited in the text."""
    for line in document.splitlines()[:12]:
        if m := re.fullmatch(r"\s*([\u4e00-\u9fff]{1,10}〔\d{4}〕\d+号)\s*", line):
            return m.group(1)
    return None


# 就高不重复, 从高原则, 不得重复享受 (择优 is no such thing: 择优给予支持 chooses the best projects)
HIGHEST_ONLY = re.compile(r"就高|从高|择高|不重复|不得重复|不再重复|不再同时享受|只能(?:选择)?享受(?:其中)?一项")


def _exclusive(clauses: list[Clause]) -> tuple[str, list[str] | None, bool] | None:
    """就高不重复: the clause that says so, the articles it names (None: every benefit of the document) and
    whether it reaches other documents' benefits (不再同时享受其他同类政策: across documents). An item that pays and
    says it of its own sums only (按最高级别给予奖励) is that item's group, when no clause speaks of the whole."""
    local: tuple[str, list[str] | None, bool] | None = None
    for clause in clauses:
        if HIGHEST_ONLY.search(clause.text):
            body = HEADING.sub("", clause.text, count=1)
            said = next((s for s in re.split(r"(?<=[。；;])", body) if HIGHEST_ONLY.search(s)), body)
            if (
                re.search(r"\d万元", body.replace(said, ""))
                and not re.search(rf"{THIS}|第[{CN}\d]+条|其他|多项|各项", said)
                and local is None
            ):
                # 对获得中国质量奖、省政府质量奖…分别给予…。同一组织获得不同级别质量奖的，按最高级别给予奖励: the
                # item's own sums exclude each other; only when the document says nothing of its whole are they the
                # group (a 就高 over the whole document holds them anyway)
                local = (clause.ref, [clause.ref], False)
                continue
            # (the article's own number, 第十四条 before its text, names no article: with 其他同类政策 it made the
            # group that article's benefits alone, none)
            # the sentence that says it, not the clause: 同一企业…按就高原则…不重复享受。本政策第十一条、第十二条
            # 所列人才补贴与市级同类补贴不重复享受。 is the whole policy's group; the articles the next sentence names
            # beside the city's subsidies did not narrow it to them
            body = said
            named = [str(int(number(n))) for n in re.findall(rf"第([{CN}\d]+)条", body)]
            # items of one article (第三条第（一）项、第（二）项) are cited as "3.1", "3.2"
            if item := re.search(rf"第([{CN}\d]+)条((?:、?第[（(][{CN}\d]+[)）]项)+)", body):
                top = str(int(number(item.group(1))))
                parts = re.findall(rf"[（(]([{CN}\d]+)[)）]", item.group(2))
                named = [f"{top}.{int(number(x))}" for x in parts]
            # (同一项目已获得市级其他财政资金支持的，不再重复支持: other funds are other documents' benefits)
            across = bool(re.search(r"其他[^，,。；]{0,12}(?:同类|政策|补贴|奖励|资金)|上级|省级同类|国家同类", body))
            articles = named
            # one article named and other policies meant: that article against the others; else the document
            if len(articles) >= 2 or (articles and across):
                return clause.ref, articles, across
            return clause.ref, None, across
    return local


# 同一企业每年享受本政策资金累计不超过500万元, 单个企业年度获得本办法各类奖补资金总额最高1000万元: one cap over
# the whole document's awards to one claimant, never an award nor a condition of one; the sum may come before the
# document's name too (同一企业每年累计获得本措施奖励不超过100万元)
ENTITY_CAP = re.compile(
    rf"(?:同一|单个|单一|单户|每家|每个)(?:企业|单位|主体|申报主体|市场主体|经营主体|项目单位)[^。；;]{{0,24}}?"
    rf"(?:(?:{THIS}|上述|以上)[^。；;]{{0,24}}?(?:累计|合计|总额|总计|合计金额)[^。；;]{{0,6}}?"
    rf"|(?:累计|合计)(?:获得|享受)(?:{THIS})[^。；;]{{0,12}}?)"
    rf"(?:原则上)?(?:最高)?(?:不超过|不得超过|不高于|最高)\s*(\d+(?:\.\d+)?)\s*(万元|亿元)"
)


def _entity_cap(clauses: list[Clause]) -> dict[str, Any] | None:
    """The policy's per-claimant cap (``cap:`` of the policy file), in 万元, with the words that state it."""
    for clause in clauses:
        found = ENTITY_CAP.search(clause.text)
        # a cap over named articles (本办法第三条、第四条奖补资金合计…) bounds some benefits only: for a person
        if found and not re.search(rf"第[{CN}\d]+条", found.group(0)):
            value = _plain_number(found.group(1)) * (10_000 if found.group(2) == "亿元" else 1)
            sentence = next(s for s in re.split(r"(?<=[。；;])", clause.text) if found.group(0) in s)
            label = HEADING.sub("", sentence, count=1).strip().rstrip("。；;")
            return {"amount": _plain_number(str(value)), "payout": "cash", "clause": clause.ref, "label": label}
    return None


def _issuer(document: str, lines: str = "") -> str:
    """Who issues the policy: the office that interprets it (由…负责解释), else the one that 印发s it (…关于印发), else
    the first of the offices a 通知 heads its first line with (海州市人力资源和社会保障局 海州市财政局) in ``lines``
    (the document as laid out)."""
    office = r"[\u4e00-\u9fff]{2,16}?(?:局|厅|委员会|人民政府|办公室|办公厅)"
    first = lines.strip().split("\n", 1)[0]
    m = (
        re.search(rf"由({office})(?:负责解释|印发|发布)", document)
        or re.search(rf"({office})(?:关于)?(?:印发|发布)", document)
        or re.fullmatch(rf"\s*((?:{office}\s*){{1,4}})", first)
    )
    if not m:
        return TO_FILL
    # of two offices issuing together (南湖市农业农村局南湖市财政局关于印发), the first, with its 办公室 if it has one
    named = m.group(1).strip()
    head = re.match(office, named)
    found = head.group(0) if head else named
    if tail := re.match(r"办公室|办公厅", named[len(found) :]):
        found += tail.group(0)
    return found


def _kind(conditions: list[dict[str, Any]], subject: str) -> str:
    if subject == "talent":
        return "talent"
    if any(c["expr"].startswith("cert_") for c in conditions):
        return "certification"
    if any(re.search(r"loan|interest", c["expr"]) for c in conditions):
        return "finance"
    return "subsidy"


# a bound on one figure (equipment_investment >= 500): a section's, implied by a tighter one of the benefit's own
SIMPLE_BOUND = re.compile(r"^([A-Za-z_][\w\[\]()]*) (>=|>|<=|<) (\d+(?:\.\d+)?)$")


def _bound_implied(expr: str, own: list[tuple[str, float]]) -> bool:
    """A section's bound the benefit's own bound on the same figure already implies (支持对象：设备投资额500万元以上
    beside a band 2000万元（含）以上 of its standard): said again, it reads as a condition of its own."""
    wide = SIMPLE_BOUND.match(expr)
    if wide is None:
        return False
    name, op, value = wide.group(1), wide.group(2), float(wide.group(3))
    for e, _ in own:
        tight = SIMPLE_BOUND.match(e)
        if tight is None or tight.group(1) != name or tight.group(2)[0] != op[0]:
            continue
        other = float(tight.group(3))
        beyond = other > value if op[0] == ">" else other < value
        if beyond or (other == value and (op.endswith("=") or not tight.group(2).endswith("="))):
            return True
    return False


def _benefit(
    policy_id: str,
    number: int,
    clause: Clause,
    own: list[tuple[str, float]],
    amount: tuple[str, float],
    general: list[dict[str, Any]],
    subject: str,
    issuer: str,
    common: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    conditions = [{"expr": e, "clause": clause.ref, "confidence": round(c, 2)} for e, c in own]
    conditions += [
        dict(g) for g in general if g["expr"] not in [e for e, _ in own] and not _bound_implied(g["expr"], own)
    ]
    # a benefit may not repeat a common condition (docs/formats.md)
    conditions = [c for c in conditions if c["expr"] not in [g["expr"] for g in common or []]]
    if not conditions:
        # (with common conditions too: 对新评定的国家级旅游度假区 states who, and a benefit of the scope alone
        # would pay every firm in it; the officer writes the condition the article states or confirms there is none)
        conditions = [
            {
                "expr": "True",
                "clause": clause.ref,
                "confidence": 0.0,
                "label": "【待人工确认】条款未给出可转换的条件，请补充",
            }
        ]
    formula: dict[str, Any] = {"formula": amount[0]}
    if plan := SCHEDULED.fullmatch(amount[0]):
        # 前两年100%、后三年60%: the full year's amount, each year's share and which year of the period it is
        shares = [_plain_number(x) for x in plan.group(2).split(",")]
        formula = {"formula": plan.group(1), "schedule": shares, "period_year": plan.group(3)}
    if manual := manual_bounds(amount[0]):
        # 一事一议: a reviewer sets the amount within the stated cap, not below a stated floor (docs/formats.md),
        # each a number or a formula of the claimant's figures (按设备购置额的8%～12%)
        cap, floor = manual
        formula = {
            "manual": True,
            **({"cap": _bound_value(cap)} if cap else {}),
            **({"floor": _bound_value(floor)} if floor else {}),
        }
    return {
        "id": f"{policy_id}-{number}",
        "title": f"待命名（{clause.number or '第 ' + clause.ref + ' 款'}）",
        "kind": _kind(conditions, subject),
        # how the money reaches the firm cannot be read off a sentence reliably (a 补贴 may be a tax credit): the
        # officer says it, and the file does not load until then
        "payout": TO_FILL,
        "subjects": [subject],
        "department": issuer,
        "conditions": conditions,
        "amount": {**formula, "unit": "万元", "clause": clause.ref, "confidence": round(amount[1], 2)},
        "application": {"department": issuer, "channel": TO_FILL},
        **({"redemption": "review"} if manual else {}),
    }


SCHEDULED = re.compile(r"schedule\((.+), \[([\d., ]+)\], (.+)\)")


def manual_bounds(amount: str) -> tuple[str, str] | None:
    """manual(), manual(200), manual(floor=50), manual(min(x * 0.12, 1000), floor=x * 0.08): a reviewer's amount
    with its stated cap and floor ("" when not stated), each a number or a formula; None for any other amount."""
    if not (amount.startswith("manual(") and amount.endswith(")")):
        return None
    inner, depth = amount[len("manual(") : -1], 0
    for i, char in enumerate(inner):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and inner.startswith("floor=", i) and (i == 0 or inner[i - 2 : i] == ", "):
            return inner[: max(i - 2, 0)].strip(), inner[i + len("floor=") :].strip()
    return inner.strip(), ""


def _bound_value(text: str) -> int | float | str:
    return _plain_number(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else text


def _plain_number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


@cache
def _env() -> Env | None:
    try:
        return Env(schema=load_schema(settings.schema_path()))
    except Exception:  # without a schema the draft is still written; `policyreach validate` will say what is wrong
        return None


def _checked(draft: Draft, text: str) -> Draft:
    """Keep only rules the rules language accepts; a rule the grammar got wrong becomes a manual note, not an error
    in the file and not a silent loss."""
    env = _env()
    if env is None:
        return draft
    if draft.proposed:
        # the draft's own proposed attributes are checked as the library checks a draft (drafting=True)
        extra = {n: ProposedAttribute.model_validate(p).attribute(n) for n, p in draft.proposed.items()}
        env = Env(schema=extend(env.schema, extra))
    if draft.parameters:
        # and its declared parameters (美元兑人民币汇率), whose dated values the officer fills
        env = Env(schema=env.schema, params={n: Parameter.model_validate(p) for n, p in draft.parameters.items()})

    def fails(expr: str, amount: bool) -> bool:
        # award("前款"): the words stand for a benefit of the document until ``_resolve_awards`` names it
        named = {r: r for r in AWARD_REF.findall(expr)} if amount else None
        try:
            checked = parse_expression(expr, Env(env.schema, params=env.params, benefits=named))
            (check_amount if amount else check_condition)(checked)
        except RuleError:
            return True
        return False

    bad = [e for e, _ in draft.conditions if fails(e, False)]
    plan = SCHEDULED.fullmatch(draft.amount[0]) if draft.amount else None
    if plan:
        if fails(plan.group(1), True) or fails(f"{plan.group(3)} * 1", True):
            bad.append(plan.group(0))
            draft.amount = None
    elif draft.amount and (bounds := manual_bounds(draft.amount[0])) is not None:
        if any(b and fails(b, True) for b in bounds):
            bad.append(draft.amount[0])
            draft.amount = None
    elif draft.amount and fails(draft.amount[0], True):
        bad.append(draft.amount[0])
        draft.amount = None
    if bad:
        draft.conditions = [(e, c) for e, c in draft.conditions if e not in bad]
        draft.manual.append(f"{text}（未能生成有效规则：{'；'.join(bad)}）")
    return draft


AWARD_REF = re.compile(r'award\("([^"]+)"\)')


def _resolve_awards(benefits: list[dict[str, Any]], manual: list[dict[str, str]], texts: dict[str, str]) -> None:
    """award("前款"), award("本条"), award("第九条"), award("首次升规"): the benefit of this document the words name
    (docs/formats.md, "Amounts"). 前款 is the nearest earlier clause's benefit, 本条 an earlier one of the same
    article, 第X条 the one citing that article, other words the one whose clause says them. A reference that names
    no single benefit with a formula takes its benefit out, to a person with its sentence: never a guess."""
    placed: list[dict[str, Any]] = []
    for benefit in list(benefits):
        formula = str(benefit["amount"].get("formula", ""))
        refs = AWARD_REF.findall(formula)
        if not refs:
            placed.append(benefit)
            continue
        ref_of = str(benefit["amount"]["clause"])
        earlier = [b for b in placed if "formula" in b["amount"]]
        resolved: dict[str, str] = {}
        for words in refs:
            if words == "前款":
                before = [b for b in earlier if str(b["amount"]["clause"]) != ref_of]
                last = str(before[-1]["amount"]["clause"]) if before else None
                found = [b for b in before if str(b["amount"]["clause"]) == last]
            elif words == "本条":
                article = ref_of.split(".")[0]
                same = [b for b in earlier if str(b["amount"]["clause"]).split(".")[0] == article]
                last = str(same[-1]["amount"]["clause"]) if same else None
                found = [b for b in same if str(b["amount"]["clause"]) == last]
            elif cited := re.fullmatch(rf"第([{CN}\d]+)条", words):
                ref = str(int(number(cited.group(1))))
                found = [b for b in benefits if b is not benefit and str(b["amount"]["clause"]) == ref]
            else:
                found = [
                    b
                    for b in benefits
                    if b is not benefit
                    and words in texts.get(str(b["amount"]["clause"]), "")
                    and "formula" in b["amount"]
                ]
            if len(found) != 1 or "formula" not in found[0]["amount"]:
                break
            resolved[words] = found[0]["id"]
        if len(resolved) != len(set(refs)):
            benefits.remove(benefit)
            manual.append(
                {
                    "clause": ref_of,
                    "text": f"{texts.get(ref_of, '')}（待人工：按其他条款的标准计算，未能确定所指的一项："
                    f"{'、'.join(refs)}）",
                }
            )
            continue
        for words, target in resolved.items():
            formula = formula.replace(f'award("{words}")', f'award("{target}")')
        benefit["amount"]["formula"] = formula
        placed.append(benefit)


SHARED_CAP = re.compile(
    r"(?:单个主体|单户|每户|单个企业|单家企业)?年度贴息(?:金额|总额)?(?:不超过|最高)(\d+(?:\.\d+)?)万元"
    # (…按每立方米150元给予补助；单个主体补助最高不超过60万元: the bands before it, split at ；, share the cap)
    r"|(?:单个主体|单户|每户|单个企业|单家企业|同一主体)(?:补助|补贴|奖补|资助)(?:金额|资金|总额)?"
    r"(?:最高(?:不超过)?|不超过)(\d+(?:\.\d+)?)万元"
)


def _shared_caps(benefits: list[dict[str, Any]], manual: list[dict[str, str]]) -> None:
    """A cap stated once after an article's items (（一）…；（二）…。单个主体年度贴息金额不超过100万元。) bounds each
    of its items' amounts that states none of its own; the sentence is then read, not left for a person."""
    for note in list(manual):
        if not (m := SHARED_CAP.fullmatch(note["text"].rstrip("。"))):
            continue
        parent = note["clause"].rsplit(".", 1)[0]
        items = [
            b
            for b in benefits
            if str(b["amount"]["clause"]).rsplit(".", 1)[0] == parent
            and "formula" in b["amount"]
            and not b["amount"]["formula"].startswith("min(")
        ]
        for b in items:
            b["amount"]["formula"] = f"min({b['amount']['formula']}, {m.group(1) or m.group(2)})"
        if items:
            manual.remove(note)


# 补贴连续3年，单个主体每年补贴最高不超过10万元 after bands paid 每亩每年 (split from them at 。): the years each band
# is paid for and the claimant's yearly cap
PER_UNIT_YEARS_CAP = re.compile(
    r"(?:补贴|补助|奖补|扶持)?连续([1-9])年[，,](?:单个主体|单户|每户|单个企业|单家企业|同一主体)每年"
    r"(?:补贴|补助|奖补|资助|奖励)?最高(?:不超过)?(\d+(?:\.\d+)?)万元"
)


def _per_unit_over_years(benefits: list[dict[str, Any]], manual: list[dict[str, str]]) -> None:
    """Per-unit yearly sums of an article (每亩每年补贴50元) followed by a sentence of their years and yearly cap: each
    is the sum over the years (as 每人每年2万元连续3年 is read), per unit and cap times the years. Unless every such
    benefit reads so, the sentence stays for a person."""
    for note in list(manual):
        if not (m := PER_UNIT_YEARS_CAP.fullmatch(note["text"].rstrip("。"))):
            continue
        years, cap = int(m.group(1)), number(m.group(2))
        ref = note["clause"]
        items = [b for b in benefits if str(b["amount"]["clause"]) == ref and "formula" in b["amount"]]
        shapes = [re.fullmatch(r"per_unit\((.+), (\d+(?:\.\d+)?)\)", b["amount"]["formula"]) for b in items]
        if not items or not all(shapes):
            continue
        for b, shape in zip(items, shapes, strict=True):
            assert shape is not None
            each, total = plain(number(shape.group(2)) * years), plain(cap * years)
            b["amount"]["formula"] = f"min(per_unit({shape.group(1)}, {each}), {total})"
        manual.remove(note)


# a per-hire standard (按每招用1人1500元的标准给予用人单位…) whose hires its section's 补贴对象 item names
PER_HIRE = re.compile(r"每(?:新)?(?:招用|吸纳|聘用|安置)(?:1|一)?(?:人|名)")
HIRED = re.compile(
    r"(招用|吸纳|新招用|聘用|安置)[^，,。；;]{0,24}?((?:高校毕业生|就业困难人员|退役军人|脱贫人口|农村劳动力|残疾人"
    r"|[\u4e00-\u9fff]{2,6}人员)"
    # (…高校毕业生、16—24岁登记失业青年: every kind listed is hired)
    r"(?:、[^，,。；;、]{0,14}?(?:毕业生|青年|人员|劳动力|军人|残疾人))*)"
)


def _hired_in_context(sentence: str, clause: Clause, clauses: list[Clause]) -> str:
    """A 补贴标准 item that pays per hire names no hires (按每招用1人1500元的标准给予用人单位…): its section's
    补贴对象 item does (招用毕业年度或离校2年内未就业高校毕业生); the sentence is read with that claimant put
    before it (对招用高校毕业生的企业，…), the hires' own qualifiers left to the 对象 item."""
    if sentence.startswith("对") or not PER_HIRE.search(sentence) or "." not in clause.ref:
        return sentence
    section = clause.ref.rsplit(".", 1)[0] + "."
    # (an item naming only the firms that hire, 招用…的企业。, is that 对象 item without its title)
    items = [
        c
        for c in clauses
        if c.ref.startswith(section)
        and c.ref != clause.ref
        and (SCOPE.search(c.text) or re.search(r"的(?:企业|单位|用人单位)$", c.text.rstrip("。；; ")))
    ]
    hired = next((m for c in items if (m := HIRED.search(c.text))), None)
    return f"对{hired.group(1)}{hired.group(2)}的企业，{sentence}" if hired else sentence


# an item naming only a level (（一）国家级的，奖励200万元) under a lead-in naming what is newly awarded
# (对新认定的企业技术中心，给予如下奖励：)
LEVEL_ITEM = re.compile(r"(国家级|省级|市级|区级|县级)的?[,，]")
TITLED_LEAD = re.compile(
    r"对(?P<verb>(?:当年|上年度)?(?:新|首次)?(?:认定|获批|评定|获评)(?:为)?)的?(?P<what>[^，,；;。：:]{2,20}?)[,，]"
    r"[^。]*?(?:如下|以下|下列)"
)


def _level_in_context(sentence: str, clause: Clause, clauses: list[Clause]) -> str:
    """（一）国家级的，奖励200万元 names no one: the lead-in it is an item of does (对新认定的企业技术中心，给予如下
    奖励：); read as 对新认定的国家级企业技术中心，奖励200万元. Without it the item was drafted with no condition."""
    item = LEVEL_ITEM.match(sentence)
    if not item or "." not in clause.ref:
        return sentence
    parent = clause.ref.rsplit(".", 1)[0]
    lead = next((c for c in clauses if c.ref == parent), None)
    named = TITLED_LEAD.search(HEADING.sub("", lead.text, count=1)) if lead else None
    if not named or LEVEL_ITEM.match(named.group("what") + ","):
        return sentence
    return f"对{named.group('verb')}的{item.group(1)}{named.group('what')}，{sentence[item.end() :]}"


# an employer named as the one paid (给予用人单位, 每家单位最高, 对…企业) in a section of a document about people
EMPLOYER_PAID = re.compile(
    r"给予(?:用人)?(?:单位|企业)|用人单位[^，,。；;]{0,16}(?:补贴|补助|奖励)|(?:每家|单个|每个)(?:用人)?(?:单位|企业)"
    r"|的[\u4e00-\u9fff]{0,4}(?:企业|用人单位|单位|基地)[，,]|对象[。：:]?[^，,。；;]{0,8}(?:企业|用人单位)"
    # 企业吸纳就业困难人员…的，按每人每月500元: the firm that hires is paid, its 每人 counts the hires (用人单位新聘用的
    # 博士 is the person hired: paid himself)
    r"|(?:企业|单位|基地)(?:新)?(?:招用|吸纳|聘用|安置|招收)(?!的)"
    # 对新认定的国家高新技术企业，给予20万元奖励: the firm named just before the grant
    r"|(?:企业|单位|基地)[，,]\s*给予"
)


# a person named as the one paid (给予每人安家补贴, 每人每月) in a section of a document about firms
PERSON_PAID = re.compile(
    r"给予每人|每人每(?:月|年)|(?:安家|生活|住房|租房|购房)补贴|人才(?:奖励|津贴)"
    # …正常运营1年以上的高校毕业生、返乡入乡创业人员，给予一次性创业补贴: the people named just before the grant
    r"|(?:毕业生|人员|人才|劳动者|个人|创业者)[，,]\s*给予"
    # …首次创办创业实体，并担任其法定代表人或者主要负责人…的，给予一次性创业补贴: the founder is paid, not the firm he
    # founded (a firm's own award never names who heads it as its claimant)
    r"|创办[^。；;]{0,16}?担任其?(?:法定代表人|主要负责人)"
    # 参保职工取得技师证书的，给予3000元补贴: the worker's own certificate pays the worker (给予企业 says otherwise)
    r"|(?:职工|员工|劳动者)取得[^。；;，,]{0,24}?证书的[，,]\s*(?:按|给予)(?![^。；;]{0,16}?(?:企业|单位))"
    # (对取得职业技能等级证书的参保职工，按初级1000元…给予补贴: the workers named just before the grant)
    r"|对[^。；;，,]{2,30}?的(?:企业|参保)?(?:职工|员工)[，,]\s*(?:按|给予)(?![^。；;]{0,40}?给予(?:其?所在)?(?:企业|单位))"
)


def _section_subjects(clauses: list[Clause], subject: str) -> dict[str, str]:
    """Whom each top section pays, when it is not whom the document mostly addresses: a 人社 notice pays graduates
    in one section and the employers that hire them in the next (一次性吸纳就业补贴 … 给予用人单位), and a firms'
    policy pays the doctors they bring in (给予每人安家补贴). A section of several items that each state a sum
    (二、支持政策 with （一）安家补贴 … （四）引才奖励 … 给予用人单位) is decided item by item: one item paying the
    employer does not make the talents' allowances beside it an employer's."""
    out: dict[str, str] = {}
    for top in dict.fromkeys(c.ref.split(".")[0] for c in clauses if c.ref != "0"):
        inside = [c for c in clauses if c.ref.split(".")[0] == top]
        items = dict.fromkeys(".".join(c.ref.split(".")[:2]) for c in inside if c.ref.count(".") >= 1)
        texts = {i: "".join(c.text for c in inside if f"{c.ref}.".startswith(f"{i}.")) for i in items}
        paying = [i for i, t in texts.items() if MONEY_SUM.search(t)]
        parts = texts if len(paying) >= 2 else {top: "".join(c.text for c in inside)}
        for key, text in parts.items():
            if subject == "talent" and EMPLOYER_PAID.search(text):
                out[key] = "enterprise"
            elif subject != "talent" and PERSON_PAID.search(text) and not EMPLOYER_PAID.search(text):
                out[key] = "talent"
    return out


# …自登记注册之日起正常经营6个月以上的，给予: who is paid is said with conditions before the grant
STATED_BEFORE_GRANT = re.compile(
    r"的[，,]\s*(?:按[^，,。；;]{0,12})?(?:给予|发放|奖励|补贴|补助)"
    # (对…并担任其法定代表人…的毕业5年内高校毕业生、退役军人，给予: the people named after their conditions)
    r"|^对[^，,。；;]*的[^，,。；;]{2,30}[，,]\s*(?:按[^，,。；;]{0,12})?(?:给予|发放)"
    # (对取得职业技能等级证书的参保职工，按初级1000元、中级1500元…给予补贴: a list of sums before the grant)
    r"|^对[^，,。；;]*的[^，,。；;]{2,30}[，,]\s*按[^。；;]{0,60}?(?:给予|发放)"
)


def _unread_for_another_claimant(draft: Draft, text: str) -> None:
    """A sum paid to another kind of claimant than the document's (a founder in a firms' policy) whose sentence
    states who qualifies (毕业5年内…正常经营6个月以上的，给予) but of which nothing was read would pay every such
    claimant: it goes to a person whole, as a sentence whose conditions are all another's does."""
    if draft.amount is None or draft.variants or draft.conditions or not STATED_BEFORE_GRANT.search(text):
        return
    draft.amount = None
    draft.manual.append(f"{text}（待人工：领取对象为个人等其他对象，其条件未能读成规则）")


# a sum of money an item states (its own, not a cap's or threshold's: enough to tell items that pay apart)
MONEY_SUM = re.compile(r"\d(?:\.\d+)?万?元")


def _claimant(subjects: dict[str, str], ref: str, subject: str) -> str:
    """Whom the clause ``ref`` pays: its item's subject, else its top section's, else the document's."""
    parts = ref.split(".")
    return subjects.get(".".join(parts[:2]), subjects.get(parts[0], subject))


def _claimants_own(draft: Draft, subject: str, text: str) -> Draft:
    """Conditions on another kind's attributes leave the draft: in an employer's benefit, 签订1年以上劳动合同 is
    the hire's contract, not a figure of the employer, and a rule on it would read a field the employer lacks.
    They go to a person with the sentence, never silently into the rule or out of sight."""
    env = _env()
    if env is None:
        return draft

    def foreign(expr: str) -> bool:
        names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr)
        fields = [env.schema.field(n) for n in names]
        if any(f is not None and f.kinds and subject not in f.kinds for f in fields):
            return True
        # a tier of talent proposed in the text's words (顶尖人才, 领军人才) is the hire's, as talent_level is
        labels = [str(draft.proposed.get(n, {}).get("label", "")) for n in names]
        return subject != "talent" and any(re.fullmatch(TALENT_TIER, label) for label in labels)

    # 分别 per grade of the hire (用人单位引进A类、B类人才的，分别按每人10万元、5万元): each variant is a condition on
    # the hire, so the employer's sums have nothing of the employer's to tell them apart; the sentence goes whole
    hires = [e for conditions, _ in draft.variants for e, _ in conditions if foreign(e)]
    if hires:
        draft.variants = []
        draft.manual.append(f"{text}（待人工：各档条件属于其他对象（如所引进人员），未并入规则：{'；'.join(hires)}）")
    other = [e for e, _ in draft.conditions if foreign(e)]
    if other and len(other) == len(draft.conditions) and draft.amount is not None and not draft.variants:
        # every condition it read is another kind's (首次创办小微企业…的高校毕业生: the firm the person founded): a
        # rule left with none would pay every claimant, so the sentence goes whole to a person
        draft.conditions, draft.amount = [], None
        draft.manual.append(
            f"{text}（待人工：条件均属于其他对象（如所招用的人员、所创办的企业），未能读成规则：{'；'.join(other)}）"
        )
    elif other:
        draft.conditions = [(e, c) for e, c in draft.conditions if e not in other]
        draft.manual.append(f"{text}（待人工：条件属于其他对象（如所招用人员），未并入规则：{'；'.join(other)}）")
    return draft


# 奖励补助资金从市级农业发展专项资金中安排，年度总额800万元: the fund's yearly total, said after where it comes from
FUND_TOTAL = re.compile(
    r"(?:资金|经费)[^。；;]{0,30}?(?:年度|每年)?(?:资金)?(?:总额|总量|规模)(?:为|达到?)?(\d+(?:\.\d+)?)(亿元|万元)"
)


def _fund_total(sentence: str, draft: Draft) -> None:
    """A fund's total stated as 总额/规模 after the fund's source is the fund's budget, never an award of that size
    (the sentence layer reads 安排资金X万元 and 资金规模为X; this is the order a 资金管理 section often uses)."""
    m = FUND_TOTAL.search(sentence)
    if not m or draft.variants or draft.amount is None:
        return
    size = float(m.group(1)) * (10000 if m.group(2) == "亿元" else 1)
    if draft.amount[0] == f"{size:g}":
        draft.amount, draft.conditions = None, []
        draft.budget = draft.budget or f"{size:g}"


# ，按辅导备案、申报受理、成功上市三个阶段分别拨付30%、30%、40%: how an award is paid, after the award
PAID_IN_SHARES = re.compile(
    r"[，,]\s*(?:按|分)[^，,。；;]{0,30}?(?:拨付|兑付|发放|兑现|支付)[^，,。；;\d]{0,6}?"
    r"((?:\d+(?:\.\d+)?%[、，,和及]?){2,})[^，,。；;\d]{0,8}$"
)


# ，按完成股份制改造、辅导备案、申报受理、成功上市四个阶段分别拨付50万元、100万元、150万元、200万元: the award's total
# paid as a sum at each stage (the sums make the total the sentence states before them)
PAID_IN_STAGE_SUMS = re.compile(
    r"[，,]\s*(?:按|分)[^，,。；;]{0,40}?(?:拨付|兑付|发放|兑现|支付)[^，,。；;\d]{0,6}?"
    r"((?:\d+(?:\.\d+)?万元[、，,和及]?){2,})[^，,。；;\d]{0,8}$"
)


# ，分三个阶段拨付：股改完成后拨付100万元，辅导备案后拨付100万元，… / ，其中辅导备案后拨付100万元，成功上市后
# 拨付200万元: the total's sums said stage by stage (read as PAID_IN_STAGE_SUMS's, never as conditions of the award)
PAID_EACH_STAGE_SUM = re.compile(
    r"(?:[，,]\s*分[一二三四五六七八九十\d]+(?:次|期|年|批|个?阶段)(?:拨付|兑付|发放|兑现|支付))?"
    r"((?:[，,；;：:][^，,。；;：:%]{0,16}?(?:拨付|兑付|发放|兑现|支付)(?:剩余|其余)?的?\d+(?:\.\d+)?万元){2,})[。]?$"
)


# ，首次拨付50%，第二年、第三年各拨付25% / ，签约后发放40%，满2年发放30%，满3年发放30%: a share paid at each stage,
# said one by one (各 pays the share once for each stage listed before it)
PAID_BY_STAGES = re.compile(
    r"(?:[，,]\s*分[一二三四五六七八九十\d]+(?:次|期|年)(?:拨付|兑付|发放|兑现|支付))?"
    # (补贴资金分两期拨付：培训开班后拨付50%，…拨付剩余50%: the stages listed after a colon)
    r"((?:[，,；;：:][^，,。；;：:%]{0,16}?(?:拨付|兑付|发放|兑现|支付)(?:剩余|其余)?的?\d+(?:\.\d+)?%){2,})[。]?$"
)
# ，分5年平均发放 / 分4年等额拨付: equal shares
EQUAL_SHARES = re.compile(
    r"[，,]\s*分([二两三四五六七八九十\d]+)(?:年|次|期)(?:平均|等额|平均分)(?:拨付|兑付|发放|兑现|支付)[。]?$"
)


def _paid_in_shares(sentence: str) -> tuple[str, list[str]]:
    """An award sentence without the tail that says how it is paid, and that tail's shares when they make the
    whole award (the stages they name are the application's business, not the award's conditions)."""
    if staged := PAID_BY_STAGES.search(sentence):
        shares = [
            share
            for part in re.split(r"[，,；;：:]", staged.group(1))
            if (m := re.search(r"(\d+(?:\.\d+)?)%", part))
            for share in [f"{m.group(1)}%"] * (len(re.split(r"[、和及]", part)) if "各" in part else 1)
        ]
        if abs(sum(float(x.rstrip("%")) for x in shares) - 100) < 1e-6:
            return sentence[: staged.start()], shares
    if equal := EQUAL_SHARES.search(sentence):
        parts = int(number(equal.group(1)))
        if parts >= 2:  # (a third is no exact share: the plan is then dropped where shares are checked to make 1)
            return sentence[: equal.start()], [f"{100 / parts:g}%"] * parts
    if summed := PAID_IN_STAGE_SUMS.search(sentence) or PAID_EACH_STAGE_SUM.search(sentence):
        paid = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)万元", summed.group(1))]
        totals = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)万元", sentence[: summed.start()])]
        # (only when a sum the award states is the stages' total: sums that make no stated total stay with a person)
        if any(abs(t - sum(paid)) < 1e-6 for t in totals):
            return sentence[: summed.start()], [f"{round(p * 100 / sum(paid), 4):g}%" for p in paid]
    m = PAID_IN_SHARES.search(sentence)
    if not m:
        return sentence, []
    shares = re.findall(r"\d+(?:\.\d+)?%", m.group(1))
    if abs(sum(float(x.rstrip("%")) for x in shares) - 100) > 1e-6:
        return sentence, []
    return sentence[: m.start()], shares


def _stages_below_table(table: str) -> list[str]:
    """How every row's award is paid, said in a sentence of its own below an article's table (落户奖励分3年按40%、
    30%、30%拨付。): its shares when they make the whole award; none when no such sentence is there. The table's
    lines are read joined, as a narrow page may break that sentence in two (…30%、30 / %拨付。)."""
    joined = "".join(table.replace("％", "%").splitlines())  # (a full-width ％ as a copy may keep it)
    plan = PLAN_BELOW_TABLE.search(joined)
    if plan and abs(sum(float(x) for x in re.findall(r"(\d+(?:\.\d+)?)%", plan.group(1))) - 100) < 1e-6:
        return plan.group(1).split("、")
    return []


# 分3年按40%、30%、30%拨付: the shares before the word of paying, as the sentence reader reads them after a sum
PLAN_BELOW_TABLE = re.compile(
    r"分[两二三四五\d](?:年|次|期)按?((?:\d+(?:\.\d+)?%、)+\d+(?:\.\d+)?%)(?:的比例)?(?:拨付|兑付|发放|兑现)"
)


APPENDIX_REF = re.compile(r"附[件表]")
# 按附件所列标准给予奖励, 奖励标准见附表2: the amounts of an article sit in a table after the articles
CITES_TABLE = re.compile(
    rf"(?:按(?:照)?|见|参照)(?:{THIS})?(附[件表])\s*([{CN}\d]*)[^，,。；;]{{0,12}}?(?:标准|执行)"
    r"|(?:按(?:照)?|见|参照)(?:如)?(下表)()(?:所列)?(?:的)?(?:标准)?"
)
# 对营业收入首次达到以下规模的企业，按下表…: the words a table's row stands in for
ROW_PLACE = re.compile(r"(?:以下|下列|如下)(?:规模|标准|档次|等级|条件|数额)?")
KIND_OF_AWARD = re.compile(r"^(给予|予以)?((?:一次性)?(?:奖励|补助|补贴|资助|奖补|支持)?)")
TABLE_UNIT = re.compile(r"[（(](?:单位[：:])?(万元|元)(/人)?[)）]|单位[：:](万元|元)(/人)?")
# 对企业招用附件所列人员，…按附件所列标准: the place the sentence keeps for a row's own words (the people hired)
ROW_NAMED = re.compile(rf"(?:附[件表]\s*[{CN}\d]*|下表)所列(?:的)?([\u4e00-\u9fff]{{1,4}}?)(?=[，,、并与及和的])")
TABLE_ROW = re.compile(r"(.*?[^\d.\s])\s*(\d+(?:\.\d+)?)\s*(万元|元)?(/人|每人)?")


# a cell that states a sum in words (每人每月500元, 一次性补贴1000元): read with the row's other words as a sentence
WORDED_SUM = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元)")
BARE_SUM = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元)?(?:/人|每人)?")
# a cell that states a row's threshold, not its sum (纳统标准 | 年主营业务收入2000万元及以上): a condition of the row
THRESHOLD_CELL = re.compile(
    r"(?:达到|超过|不低于|不少于|[≥>＞])\s*\d+(?:\.\d+)?\s*(?:万元|亿元|元)|\d+(?:\.\d+)?\s*(?:万元|亿元|元)\s*(?:[（(]含[)）])?(?:及)?(?:以上|以下)"
)


def _worded_row(line: str, header: list[str]) -> tuple[str, str, bool] | None:
    """A row of a table whose cells are apart by tabs, that states its sum in words or has cells after it
    (补贴对象 | 每人每月500元 | 最长3年): the cells before the sum name it; the sum's words, then the cells after it
    under their column's name (补贴期限最长3年), are read as the sentence reads them. None for any other row."""
    cells = [c.strip() for c in line.split("\t")]
    sums = [i for i, c in enumerate(cells) if WORDED_SUM.search(c) and not THRESHOLD_CELL.search(c)]
    if len(sums) != 1 or sums[0] == 0:
        return None
    at = sums[0]
    after = [(header[j] if j < len(header) else "", c) for j, c in enumerate(cells) if j > at and c]
    if BARE_SUM.fullmatch(cells[at]) and not after:
        return None  # a plain sum at the row's end: read as a table's rows always were
    tail = "".join(
        f"，{c}" if not head or head in c or re.search("备注|说明", head) else f"，{head}{c}" for head, c in after
    )
    return "\t".join(cells[:at]), f"{cells[at]}\t{tail}", False


def _award_table(text: str) -> list[tuple[str, str, bool]]:
    """The rows of an appendix's table of awards: (the row's name, its cells apart by tabs; the amount in 万元;
    whether it is a sum per person), the unit read from the row (五星级 20万元) or else the table's own header
    (（万元）, 单位：元, 补贴标准（元/人）); a row whose unit is stated nowhere gives nothing: never a guessed sum.
    A row that states its sum in words gives those words instead of the amount (``_worded_row``)."""
    lines = text.splitlines()
    units = [m for ln in lines if (m := TABLE_UNIT.search(ln))]
    columns = next((ln.split("\t") for ln in lines[1:] if "\t" in ln and not re.search(r"\d", ln)), [])
    monthly = MONTHLY_HEADER.search("".join(lines[1:2])) is not None
    out = []
    for line in lines[1:]:
        if "\t" in line and (worded := _worded_row(line, [c.strip() for c in columns])):
            out.append(worded)
            continue
        if not (m := TABLE_ROW.fullmatch(line.strip())) or re.search(r"[（(]万?元(?:/人)?[)）]$|单位", m.group(1)):
            continue
        header = units[0] if units else None
        unit = m.group(3) or (header.group(1) or header.group(3) if header else None)
        if monthly and (unit or "元") == "元" and not m.group(4):
            # a table of sums a month (生活补贴（元/月）, 每月补贴标准（元）): each row's sum said a month, so the
            # sentence's months (发放期限3年) multiply it, never a one-off sum of 5000元
            out.append((m.group(1).strip(), f"每人每月{m.group(2)}元\t", False))
            continue
        if unit is not None:
            amount = float(m.group(2)) / (10000 if unit == "元" else 1)
            # (1500元/人 in the row, or 补贴标准（元/人） above it)
            each = bool(m.group(4)) or (
                not m.group(3) and header is not None and bool(header.group(2) or header.group(4))
            )
            out.append((m.group(1).strip(), f"{amount:g}", each))
    return out


# a table's header that states its sums a month: 生活补贴（元/月）, （元/人/月）, 每月补贴标准（元）
MONTHLY_HEADER = re.compile(r"元\s*/\s*(?:人\s*/\s*)?月|每(?:人每)?月")


def _award_column(text: str, sentence: str) -> str:
    """An appendix's table with a column of sums for each kind of award (人才类别 | 安家补贴（万元） | 生活补贴
    （万元）), as the one article citing it for 安家补贴 reads it: the rows' names with that column alone. The table
    as it is when it pays in one column, or when the sentence names no one of its columns (never a guessed one)."""
    lines = text.splitlines()
    at = next((i for i, ln in enumerate(lines) if "\t" in ln and not re.search(r"\d", ln)), None)
    if at is None:
        return text
    header = [c.strip() for c in lines[at].split("\t")]
    rows = [ln.split("\t") for ln in lines[at + 1 :] if ln.count("\t") == len(header) - 1]
    # a column of sums: an award named above figures alone (not 补贴对象 above names, 补贴标准 above 每人每月500元)
    paying = [
        i
        for i, c in enumerate(header)
        if re.search(r"补贴|奖励|资助|补助|津贴|奖补", c)
        and rows
        and all(re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", r[i]) for r in rows)
    ]
    named = [i for i in paying if (w := re.sub(r"[（(][^)）]*[)）]|标准|金额|额度", "", header[i])) and w in sentence]
    if len(paying) < 2 or len(named) != 1:
        return text
    keep = [i for i in range(len(header)) if i not in paying] + named

    def column(line: str) -> str:
        cells = line.split("\t")
        return "\t".join(cells[i] for i in keep) if len(cells) == len(header) else line

    return "\n".join(lines[:at] + [column(ln) for ln in lines[at:]])


def _with_table(sentence: str, tables: dict[str, list[tuple[str, str, bool]]]) -> list[tuple[str, str | None, str]]:
    """A sentence that pays by a table (an appendix's, or the article's own 下表), once per row with the row's sum
    in the place of the citation and the row's name where the sentence keeps its place (以下规模) or else before
    it, so a row that states a condition gives it; with each, the sentence with the sum and without the row (to
    tell whether the row's name gave a condition). Any other sentence as it is."""
    if "下表" in tables and (banded_rows := _rows_banding_measure(sentence, tables["下表"])):
        return banded_rows
    if "下表" in tables and (threshold_rows := _rows_as_threshold(sentence, tables["下表"])):
        return threshold_rows
    m = CITES_TABLE.search(sentence)
    if not m:
        return [(sentence, None, sentence)]
    cited = (m.group(1) or m.group(3)) + (m.group(2) or "")
    if cited == "下表":
        named = ["下表"] if "下表" in tables else []
    else:
        appendix_refs = [r for r in tables if r != "下表"]
        named = [ref for ref in tables if ref == cited] or (appendix_refs if not m.group(2) else [])
    rows = [row for ref in named[:1] for row in tables[ref]]
    if len(named) != 1 or not rows:
        return [(sentence, None, sentence)]
    rest = sentence[m.end() :]
    out: list[tuple[str, str | None, str]] = []
    for i, (cells, amount, each) in enumerate(rows):
        # a row's cells run together as the text they were (国家级科技企业孵化器 | 100); its last words name it alone
        name = re.sub(r"\s*\t\s*", "", cells)
        own = next((c.strip() for c in reversed(cells.split("\t")) if not re.fullmatch(r"\s*\d*\s*", c)), name)
        # 按附件所列标准给予一次性奖励 → 给予一次性奖励20万元 (the sum where the sentence names the kind of award)
        paid = KIND_OF_AWARD.sub(rf"\g<1>\g<2>{amount}万元", rest, count=1)
        if amount not in paid:
            paid = f"给予{amount}万元" + rest
        if each:
            # a table of sums per person (补贴标准（元/人）): the sentence pays so much for each one it names
            paid = f"按每人{amount}万元" + rest
        worded = "\t" in amount
        if worded:
            # a row's sum in words (每人每月500元 | 最长3年): 按每人每月500元给予社会保险补贴，补贴期限最长3年
            said, _, tail = amount.partition("\t")
            paid = ("" if said.startswith("按") else "按") + said + rest + tail
        lead = sentence[: m.start()]
        if (each or worded) and (place := ROW_NAMED.search(lead)):
            # 对企业招用附件所列人员 → 对企业招用就业困难人员: the row's own words where the sentence keeps their place
            out.append((lead[: place.start()] + own + lead[place.end() :] + paid, name, lead + paid))
        elif ROW_PLACE.search(lead):
            # the row's name in the place the sentence keeps for it (首次达到以下规模的 → 首次达到5亿元的)
            out.append((ROW_PLACE.sub(name, lead, count=1) + paid, name, lead + paid))
        elif banded := _row_band(lead, name, re.sub(r"\s*\t\s*", "", rows[i + 1][0]) if i + 1 < len(rows) else None):
            # 技术合同成交额达到500万元以上的 and a row 500万元（含）—1000万元: the row's band in the threshold's place
            out.append((banded + paid, name, lead + paid))
        elif leveled := _row_level(lead, own):
            # the row's talent level in the place of the levels the sentence lists; compared with the sum alone
            out.append((leveled + paid, name, paid))
        elif titled := _row_title(lead, cells):
            # the row's own title gave its condition; without the row the sentence reads the list's last grade
            # (E类人才), the same as the last row's, so it is compared with the sum alone (no placeholder for that row)
            out.append((titled + paid, name, paid))
        else:
            out.append((f"{name}的，{lead}{paid}", name, lead + paid))
    return out


# a table's row that is a band of money (500万元（含）—1000万元, 3000万元（含）以上), and the threshold the sentence
# citing the table puts on the same figure (达到500万元以上的)
BAND_ROW = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:万元|亿元)\s*(?:[（(]含[)）])?\s*(?:[—\-－～~至到]|以上|及以上)")
BAND_UPPER = re.compile(r"[—\-－～~至到]\s*(\d+(?:\.\d+)?)\s*(万元|亿元)$")
ROW_THRESHOLD = re.compile(
    r"(?:达到|超过|在)?\d+(?:\.\d+)?\s*(?:万元|亿元)(?:[（(](?:不)?含[)）])?(?:以上|及以上)?(?=的)"
)


def _row_level(lead: str, row: str) -> str | None:
    """对全职引进的A类、B类、C类人才（or A类至C类人才），按附件标准 with rows A类 | 200: the row's level in the place
    of the levels the sentence lists (对全职引进的A类人才), when it is one of them."""
    listed = re.search(r"(?<![A-Za-z])([A-E])类((?:(?:、|和|及|或)[A-E]类)+|(?:至|到)([A-E])类)", lead)
    if not listed or not re.fullmatch(r"[A-E]类(?:人才)?", row.strip()):
        return None
    last = listed.group(3)
    levels = "ABCDE"[ord(listed.group(1)) - 65 : ord(last) - 64] if last else re.findall(r"[A-E]", listed.group(0))
    if row.strip()[0] not in levels:
        return None
    return f"{lead[: listed.start()]}{row.strip()[:2]}{lead[listed.end() :]}"


# 按融资规模给予一次性奖励，标准如下： (its rows bands of that figure, 1 000万元（含）至5 000万元 | 20万元): the figure
# the rows band, and the words that pay
MEASURE_BANDED = re.compile(
    r"按(?P<measure>[\u4e00-\u9fff]{2,10}?(?:规模|金额|总额|额|资本))(?P<pays>(?:给予|予以)(?:一次性)?"
    # (给予一次性落户奖励: the award's own name before it)
    r"(?:[\u4e00-\u9fff]{0,4}?(?:奖励|补助|补贴|资助|奖补|支持))?)[，,]?(?:具体)?(?:奖励|补助|补贴|资助)?标准如下[：:]?$"
)


def _rows_banding_measure(sentence: str, rows: list[tuple[str, str, bool]]) -> list[tuple[str, str | None, str]]:
    """An article that pays by the size of a figure and lists the sizes below (按融资规模给予一次性奖励，标准如下：
    with rows 1000万元（含）至5000万元 | 20万元): one sentence per row, the row's band on the figure it names, dated
    as the article dates it (上年度…实现直接融资的 → 上年度融资规模在…的), each band's upper end the next row's when
    that row owns it. Nothing when a row is no band of money (its sentence is read as any other table's)."""
    m = MEASURE_BANDED.search(sentence)
    bands = _money_band_rows(rows)
    if not m or not bands:
        return []
    lead = sentence[: m.start()]
    year = next((y for y in ("上年度", "上一年度", "当年") if y in lead), "")
    return [
        (
            f"{lead}{year}{m.group('measure')}在{band}的，{m.group('pays')}{amount}万元",
            name,
            f"{lead}{m.group('pays')}{amount}万元",
        )
        for name, band, amount in bands
    ]


def _money_band_rows(rows: list[tuple[str, str, bool]], graded: bool = False) -> list[tuple[str, str, str]]:
    """Each row of a table of bands of money as (its name, its band, its sum), each band's upper end the next row's
    when that row owns it; ``graded``: a grade's name before the band (第一档) dropped. Nothing when a row is no band
    of money."""
    names = [re.sub(r"\s*\t\s*", "", cells) for cells, _, each in rows if not each]
    names = [ROW_GRADE.sub("", n) for n in names] if graded else names
    if not rows or len(names) != len(rows) or not all(BAND_ROW.match(n) for n in names):
        return []
    return [
        (name, _band_owning_upper(name, names[i + 1] if i + 1 < len(names) else None), amount)
        for i, ((_, amount, _), name) in enumerate(zip(rows, names, strict=True))
    ]


# 对上年度销售额增量达到下表标准的…企业，按档次给予奖励： the table's rows are the threshold's bands
# (第一档 | 1亿元（含）至3亿元 | 10万元), and the words that pay after it
THRESHOLD_BY_TABLE = re.compile(
    r"达到下表(?:所列)?(?:的)?标准(?P<rest>的[^，,]*[，,])(?:按(?:档次|档)|分档)?(?P<pays>(?:给予|予以)(?:一次性)?"
    r"(?:奖励|补助|补贴|资助|奖补|支持)?)[：:]?$"
)
ROW_GRADE = re.compile(rf"^\s*第?[{CN}\d]+[档级]\s*")


def _rows_as_threshold(sentence: str, rows: list[tuple[str, str, bool]]) -> list[tuple[str, str | None, str]]:
    """达到下表标准的 with rows that are bands of money (after a grade's name, 第一档): one sentence per row, the row's
    band in the threshold's place (销售额增量在1亿元（含）至3亿元（不含）的), each band's upper end the next row's when
    that row owns it. Nothing when a row is no band of money."""
    m = THRESHOLD_BY_TABLE.search(sentence)
    bands = _money_band_rows(rows, graded=True)
    if not m or not bands:
        return []
    lead, paid = sentence[: m.start()], f"{m.group('rest')}{m.group('pays')}"
    return [(f"{lead}在{band}{paid}{amount}万元", name, f"{lead}{paid}{amount}万元") for name, band, amount in bands]


# 按服务合同实际支付金额的一定比例给予补助，具体标准如下表： a share the table states row by row
SHARE_BY_ROW = re.compile(
    r"按[^，,。；;]{2,20}?的一定比例(?P<pays>(?:给予|予以)(?:奖励|补助|补贴|资助|奖补))[，,]?(?:具体)?"
    r"(?:奖励|补助|补贴|资助)?标准(?:如|见)下表[：:]?$"
)


def _rows_sharing_by_service(sentence: str, table: str) -> list[tuple[str, str | None, str]]:
    """An article paying "a share" of what was paid for services, its table a share and a yearly cap per kind of
    service (服务类别 | 补助比例 | 年度补助上限（万元）): one sentence per row, paying the row's share of what was paid
    for that service (按研究开发服务费用的50%…), never one sum paid at every row's share; the cap under the column's
    words. Nothing when a row is no service or lacks its share or cap (the sentence goes on as any other table's)."""
    m = SHARE_BY_ROW.search(sentence)
    lines = [[c.strip() for c in ln.split("\t")] for ln in table.splitlines() if "\t" in ln]
    if not m or len(lines) < 2:
        return []
    header = lines[0]
    share_at = next((i for i, c in enumerate(header) if "比例" in c), None)
    cap_at = next((i for i, c in enumerate(header) if re.search("上限|最高", c)), None)
    unit = re.search(r"[（(](万元|元)[)）]", header[cap_at]) if cap_at is not None else None
    if share_at is None or cap_at is None or unit is None:
        return []
    cap_words = re.sub(r"[（(][^）)]*[）)]|上限|最高", "", header[cap_at])
    out: list[tuple[str, str | None, str]] = []
    for cells in lines[1:]:
        if not (
            len(cells) == len(header)
            and re.fullmatch(r"[\u4e00-\u9fff]{2,16}服务", cells[0])
            and re.fullmatch(r"\d+(?:\.\d+)?%", cells[share_at])
            and re.fullmatch(r"\d+(?:\.\d+)?", cells[cap_at])
        ):
            return []
        paid = (
            f"按{cells[0]}费用的{cells[share_at]}{m.group('pays')}，{cap_words}最高不超过{cells[cap_at]}{unit.group(1)}"
        )
        out.append((sentence[: m.start()] + paid, None, sentence[: m.start()] + paid))
    return out


# 按设备投资额分档给予补助，补助标准如下表： a share and a cap the table states for each band of the figure
SHARE_BY_BAND = re.compile(
    r"按(?P<measure>[\u4e00-\u9fff]{2,10}?)(?:分档|按档次)?(?P<pays>(?:给予|予以)(?:奖励|补助|补贴|资助|奖补))[，,]?"
    r"(?:具体)?(?:奖励|补助|补贴|资助)?标准(?:如|见)下表[：:]?$"
)
# the sentence's own floor on the figure (项目设备投资额500万元以上（含）的), which the rows' bands take the place of
FLOOR_BEFORE_BANDS = re.compile(
    r"(?:达到|超过|在)?\d+(?:\.\d+)?\s*(?:万元|亿元)(?:[（(](?:不)?含[)）])?(?:及)?(?:以上)(?:[（(]含[)）])?(?=的)"
)


# a band whose unit is said once, after its upper end (500-2000万元), as a table's cell may say it
UNIT_ONCE_BAND = re.compile(r"\s*\d+(?:\.\d+)?\s*[—\-－～~至到]\s*\d+(?:\.\d+)?\s*(?:万元|亿元)$")


# a row of such a table whose cells a PDF's copy ran together (一般项目500万元（含）—2000万元8%100万元)
RUN_TOGETHER_BAND_ROW = re.compile(
    r"(?P<name>[^\d]*?)(?P<band>\d+(?:\.\d+)?\s*(?:万元|亿元)\s*(?:[（(]含[)）])?\s*"
    r"(?:[—\-－～~至到]\s*\d+(?:\.\d+)?\s*(?:万元|亿元)|(?:及)?以上))(?P<share>\d+(?:\.\d+)?[%％])"
    r"(?P<cap>(?:最高)?\d+(?:\.\d+)?\s*(?:万元|元)?)"
)


def _band_share_table(table: str) -> tuple[list[str], list[list[str]]] | None:
    """The header and rows of a table of bands, shares and caps: its cells apart by tabs (a Word file, a web page),
    or run together as a PDF's text layer gives them once the spaces between cells are gone, read back by their
    shapes (a band, then a share, then a cap) under a header naming the share (比例) before the cap (上限)."""
    tabbed = [[c.strip() for c in ln.split("\t")] for ln in table.splitlines() if "\t" in ln]
    if len(tabbed) >= 2:
        return tabbed[0], [cells for cells in tabbed[1:] if len(cells) == len(tabbed[0])]
    lines = [ln.strip() for ln in table.splitlines() if ln.strip()]
    head = next((ln for ln in lines if re.search(r"比例.*(?:上限|最高)", ln) and not re.search(r"\d", ln)), None)
    rows = [found for ln in lines if (found := RUN_TOGETHER_BAND_ROW.fullmatch(ln))]
    if head is None or len(rows) < 2:
        return None
    header = ["", "", "比例", head.split("比例", 1)[1]]
    return header, [[r["name"], r["band"], r["share"], r["cap"]] for r in rows]


def _rows_sharing_by_band(sentence: str, table: str) -> list[tuple[str, str | None, str]]:
    """按设备投资额分档给予补助，补助标准如下表： with rows 一般项目 | 500万元（含）—2000万元 | 8% | 100万元: one
    sentence per row, the row's band on the figure in the place of the sentence's floor, paying the row's share of
    that figure with the row's cap under its column's words (单个项目补助最高不超过100万元). Nothing when a row lacks
    its band, share or cap (the sentence goes on as any other table's)."""
    m = SHARE_BY_BAND.search(sentence)
    found = _band_share_table(table) if m else None
    if not m or found is None:
        return []
    header, body = found
    share_at = next((i for i, c in enumerate(header) if "比例" in c), None)
    cap_at = next((i for i, c in enumerate(header) if re.search("上限|最高", c)), None)
    band_at = next(
        (
            i
            for i in range(len(header))
            if body and all(BAND_ROW.match(r[i]) or UNIT_ONCE_BAND.match(r[i]) for r in body)
        ),
        None,
    )
    if share_at is None or cap_at is None or band_at is None or len(body) < 2:
        return []
    header_unit = re.search(r"[（(](万元|元)[)）]", header[cap_at])
    cap_words = re.sub(r"[（(][^）)]*[）)]|上限|最高", "", header[cap_at])
    measure, lead = m.group("measure"), sentence[: m.start()]
    out: list[tuple[str, str | None, str]] = []
    for i, cells in enumerate(body):
        cap = re.fullmatch(r"(?:最高)?(\d+(?:\.\d+)?)\s*(万元|元)?", cells[cap_at])
        unit = (cap.group(2) if cap else None) or (header_unit.group(1) if header_unit else None)
        if not re.fullmatch(r"\d+(?:\.\d+)?[%％]", cells[share_at]) or not cap or not unit:
            return []
        band = _band_owning_upper(cells[band_at], body[i + 1][band_at] if i + 1 < len(body) else None)
        floor = FLOOR_BEFORE_BANDS.search(lead)
        banded = f"{lead[: floor.start()]}在{band}{lead[floor.end() :]}" if floor else f"{lead}{measure}在{band}的，"
        share = cells[share_at].replace("％", "%")
        paid = f"按{measure}的{share}{m.group('pays')}，{cap_words}最高不超过{cap.group(1)}{unit}"
        out.append((banded + paid, None, lead + paid))
    return out


# 按增量分档给予奖励，单个企业最高不超过50万元，奖励标准如下表： with rows 第一档 | 100万美元（含）—500万美元 |
# 每增长1美元奖励人民币0.02元: a rate per 美元 for each band of the figure, under the sentence's own cap
RATE_PER_USD_BY_BAND = re.compile(
    r"按(?:[\u4e00-\u9fff]{0,10}?)分档(?:给予|予以)(?:奖励|补助|补贴|资助|奖补)[，,]"
    r"(?P<cap>[^，,。；;]*?最高不超过\d+(?:\.\d+)?万?元[，,])?(?:具体)?(?:奖励|补助|补贴|资助)?标准(?:如|见)下表[：:]?$"
)
# the sentence's floor on the figure in 美元 (增量达到100万美元（含）以上的), which each row's band takes the place of
USD_FLOOR_BEFORE_BANDS = re.compile(
    r"(?:达到|超过|在)?\d+(?:\.\d+)?\s*(?:万美元|亿美元)(?:[（(]含[)）])?(?:及)?以上(?:[（(]含[)）])?(?=的)"
)
USD_BAND_CELL = re.compile(
    r"\d+(?:\.\d+)?\s*(?:万美元|亿美元)\s*(?:[（(]含[)）])?\s*(?:[—\-－～~至到]\s*(\d+(?:\.\d+)?)\s*(万美元|亿美元)|(?:及)?以上)"
)
RATE_PER_USD_CELL = re.compile(r"每[^，,。\d]{0,4}1?万?美元[^，,。\d]{0,6}\d+(?:\.\d+)?元")


def _rows_paying_per_usd_by_band(sentence: str, table: str) -> list[tuple[str, str | None, str]]:
    """按增量分档给予奖励，…最高不超过50万元，奖励标准如下表： with rows of a band in 美元 and a rate per 美元: one
    sentence per row, the row's band in the place of the sentence's floor, paying the row's rate under the sentence's
    cap. Nothing when a row lacks its band or rate, or the sentence states no floor to put the band in."""
    m = RATE_PER_USD_BY_BAND.search(sentence)
    floor = USD_FLOOR_BEFORE_BANDS.search(sentence[: m.start()]) if m else None
    if not m or not floor:
        return []
    rows = [[c.strip() for c in ln.split("\t")] for ln in table.splitlines() if "\t" in ln]
    body = [r for r in rows if any(USD_BAND_CELL.fullmatch(c) for c in r)] or _usd_band_rows_by_shape(table, floor)
    if len(body) < 2:
        return []
    lead, cap = sentence[: m.start()], (m.group("cap") or "").rstrip("，,")
    out: list[tuple[str, str | None, str]] = []
    for i, cells in enumerate(body):
        band = next(c for c in cells if USD_BAND_CELL.fullmatch(c))
        rate = next((c for c in cells if RATE_PER_USD_CELL.fullmatch(c)), None)
        if rate is None:
            return []
        upper = USD_BAND_CELL.fullmatch(band)
        following = next((c for c in body[i + 1] if USD_BAND_CELL.fullmatch(c)), "") if i + 1 < len(body) else ""
        if (
            upper
            and upper.group(1)
            and re.match(rf"{re.escape(upper.group(1))}\s*{upper.group(2)}\s*[（(]含", following)
        ):
            band += "（不含）"  # (the next row's lower end, marked 含, is not this band's)
        paid = f"按{rate}" + (f"，{cap}" if cap else "")
        out.append((f"{lead[: floor.start()]}在{band}{lead[floor.end() :]}{paid}", None, lead + paid))
    return out


def _usd_band_rows_by_shape(table: str, floor: re.Match[str]) -> list[list[str]]:
    """The rows of a table of 美元 bands and rates per 美元 whose cells a PDF's copy ran together (or apart by spaces)
    and whose rows its page's width broke: each band then its rate, read back by their shapes on the joined text. Kept
    only when the bands chain from the sentence's floor (a 序号 cell run into a band would change its figure)."""
    flat = re.sub(r"\s+", "", table)
    found = [
        [m.group("band"), m.group("rate")]
        for m in re.finditer(rf"(?<![\d.])(?P<band>{USD_BAND_CELL.pattern})(?P<rate>{RATE_PER_USD_CELL.pattern})", flat)
    ]
    ends = [re.findall(r"\d+(?:\.\d+)?", band) for band, _ in found]
    chained = all(len(e) == 2 and e[1] == ends[i + 1][0] for i, e in enumerate(ends[:-1]))
    lowest = re.search(r"\d+(?:\.\d+)?", floor.group(0))
    starts = bool(ends) and lowest is not None and ends[0][0] == lowest.group(0)
    return found if chained and starts else []


def _band_owning_upper(row: str, following: str | None) -> str:
    """A band's upper end that the next row's lower end owns (1000万元（含）—…) is not the band's own."""
    band = row.strip()
    upper = BAND_UPPER.search(band)
    owned = rf"\s*{re.escape(upper.group(1))}\s*{upper.group(2)}\s*[（(]含[)）]" if upper else None
    if owned and following and re.match(owned, following):
        band += "（不含）"
    return band


def _row_band(lead: str, row: str, following: str | None) -> str | None:
    """达到500万元以上的企业，按附件标准给予奖励 with rows 500万元（含）—1000万元 | 10: each row's band in the place
    of the sentence's threshold (在500万元（含）—1000万元（不含）的企业). Put before the sentence, the band was not
    read. A band's upper end that the next row's lower end owns (1000万元（含）—…) is not the band's own."""
    threshold = ROW_THRESHOLD.search(lead)
    if not BAND_ROW.match(row) or not threshold:
        return None
    band = _band_owning_upper(row, following)
    return f"{lead[: threshold.start()]}在{band}{lead[threshold.end() :]}"


NEWLY_TITLED = re.compile(
    r"^(对(?:当年|上年度)?(?:首次|新|经)?(?:认定|评定|评为|获评|认定为)(?:的)?)([^，,。；;]+)[，,]$"
)


def _row_title(lead: str, row: str) -> str | None:
    """对新认定的国家级、省级孵化器和众创空间，按附件所列标准: a row that is one of the titles the claimant names
    (国家级科技企业孵化器) or a grade of its kind (五星级, of 星级旅游饭店) is that title, newly awarded: the
    sentence's claimant becomes the row's title, so it reads as one title's year."""
    m = NEWLY_TITLED.match(lead)
    if not m:
        return None
    # (the row's cells apart by tabs, and run together; a 序号 cell before them is no part of the title)
    cells = re.sub(r"^\s*\d{1,3}\s*\t", "", row)
    row = re.sub(r"\s*\t\s*", "", cells)
    # a full title, its kind among those the claimant lists: the row, or its last cell when a merged 类别 cell
    # before it names the kind (专精特新企业 | 国家级专精特新“小巨人”企业), or, the cells run together as a PDF's text
    # gives them, the row from its level on; a level may be a named province's or city's (吉林省知识产权示范企业)
    level = re.search(r"(?<=.)(?:国家级|省级|市级|区级|县级)", row)
    for title in dict.fromkeys((row, re.split(r"\s*\t\s*", cells.strip())[-1], row[level.start() :] if level else row)):
        leveled = re.match(rf"{TITLE_LEVELS}|[\u4e00-\u9fff]{{2,3}}[省市]", title)
        if leveled and 3 <= len(title) <= 16 and title[-2:] in m.group(2):
            return f"{m.group(1)}{title}，"
    kind = re.match(r"(?:星级|A级)(.{2,12})$", m.group(2))
    if kind and re.fullmatch(GRADE, row):
        return f"{m.group(1)}{row}{kind.group(1)}，"  # 五星级 of 星级旅游饭店: 五星级旅游饭店
    # a row's last cell that is one of the grades the claimant lists (青年人才 | D类 under 对经认定的D类、E类人才):
    # that grade with the list's kind (D类人才), never the list's last grade, which alone carries the kind's words
    items = re.split(r"[、和及]", m.group(2))
    cell = re.split(r"\s+", cells.strip())[-1]
    last = items[-1]
    listed = len(items) >= 2 and (cell in items[:-1] or last.startswith(cell))
    if listed and len(last) > len(cell) and last[len(cell) - 1] == cell[-1]:
        return f"{m.group(1)}{cell}{last[len(cell) :]}，"
    return None


AT_LEAST = re.compile(r"(.+) >= (\d+(?:\.\d+)?)")


def _bands_as_tier(benefits: list[dict[str, Any]]) -> None:
    """达到50人以上的企业，给予10万元；达到100人以上的，给予20万元: one article's sums over rising thresholds of
    one figure are bands (the higher band pays instead of the lower), so they become one benefit paying
    ``tier(x, [[50, 10], [100, 20]])`` under the lowest threshold, never two awards a firm of 120 would both get."""
    by_clause: dict[str, list[dict[str, Any]]] = {}
    for b in benefits:
        by_clause.setdefault(str(b["amount"]["clause"]), []).append(b)
    for group in by_clause.values():
        sums = [str(b["amount"].get("formula", "")) for b in group]
        if len(group) < 2 or any(not re.fullmatch(r"\d+(?:\.\d+)?", x) for x in sums):
            continue
        bands = []
        for b in group:
            own = [c for c in b["conditions"] if c["clause"] == b["amount"]["clause"]]
            rest = [c["expr"] for c in b["conditions"] if c not in own]
            if len(own) != 1 or not (m := AT_LEAST.fullmatch(own[0]["expr"])):
                break
            bands.append((m.group(1), float(m.group(2)), float(b["amount"]["formula"]), rest, b))
        else:
            steps = sorted(bands, key=lambda x: x[1])
            same = len({x[0] for x in steps}) == 1 and all(x[3] == steps[0][3] for x in steps)
            rising = all(a[1] < b[1] and a[2] < b[2] for a, b in itertools.pairwise(steps))
            if not (same and rising):
                continue
            first = steps[0][4]
            pairs = ", ".join(f"[{_plain_number(str(x[1]))}, {_plain_number(str(x[2]))}]" for x in steps)
            first["amount"]["formula"] = f"tier({steps[0][0]}, [{pairs}])"
            first["amount"]["confidence"] = min(x[4]["amount"]["confidence"] for x in steps)
            for x in steps[1:]:
                benefits.remove(x[4])


def _row_placeholder(benefit: dict[str, Any], row: str, ref: str) -> None:
    """A benefit read from a table's row whose name gave no condition of its own: its rows would be alike but for
    the sum, so the officer is asked for the row's condition, beside whatever the article stated."""
    label = f"【待人工确认】附件所列“{row}”一档：请写出该档的条件"
    own = [c for c in benefit["conditions"] if c["expr"] != "True"]
    benefit["conditions"] = [*own, {"expr": "True", "clause": ref, "confidence": 0.0, "label": label}]
    benefit["title"] = f"{benefit['title']}：{row}"


# the boards items of one article name, and the exchanges (（一）对在上海证券交易所、深圳证券交易所上市的… / （二）对在
# 北京证券交易所上市的…: each item its own exchanges' listing, never any listing)
SIBLING_BOARDS = re.compile(rf"上海证券交易所|深圳证券交易所|{BOARDS.pattern}")


def _sibling_boards(drafts: list[tuple[Clause, Draft]], said: dict[int, str]) -> set[str]:
    """Items of one article that each pay a listing on boards of their own (●在主板上市的，奖励500万元 / ●在科创板、
    创业板上市的，奖励400万元): each item's board is its condition, as when the halves share a sentence; `listed`
    alone would pay every listed firm each item's sum. The boards' facts, which make the lead's `listed` redundant."""
    facts: set[str] = set()
    siblings: dict[str, list[tuple[Draft, list[str]]]] = {}
    for clause, draft in drafts:
        # (an item's title, 沪深交易所上市奖励, pays nothing: no item of its own)
        pays = draft.amount is not None or bool(draft.variants)
        if "." in clause.ref and pays and "listed" in [c for c, _ in draft.conditions]:
            # (成功上市的，给予300万元 after 对拟在上海证券交易所、深圳证券交易所上市的企业: the lead names them)
            named = SIBLING_BOARDS.findall(said.get(id(draft), "")) or SIBLING_BOARDS.findall(clause.text)
            boards = list(dict.fromkeys(named))
            siblings.setdefault(clause.ref.rsplit(".", 1)[0], []).append((draft, boards))
    for items in siblings.values():
        named = [tuple(boards) for _, boards in items]
        if len(items) < 2 or not all(named) or len(set(named)) != len(named):
            continue
        for draft, boards in items:
            fact = draft.declare("、".join(boards), None, False, "boolean")
            draft.conditions = [(fact if c == "listed" else c, k) for c, k in draft.conditions]
            facts.add(fact)
    return facts


# a yearly call for applications names the year it is made in (组织申报2026年度…项目的通知): the years its items name
# by number (2025年度新认定, 2024年度首次纳入) are the years before it, as 上年度 and 前一年度 say them
# (申报2025年 / 度…, 申报20 / 25年度…: a printed line may break inside the year)
CALL_YEAR = re.compile(r"申报\s*(\d(?:\s*\d){3})\s*年\s*度")
# (2024年首次纳入: a year said without 度, never a date's, 2025年3月1日)
YEAR_BY_NUMBER = re.compile(r"(?<![\d〔\[（(])(\d{4})\s*(?:年\s*度|年(?![度\s\d]))")
# a window that is a whole year (2025年1月1日至2025年12月31日期间新认定的): that year
WHOLE_YEAR = re.compile(
    r"(\d{4})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*[至到—\-－～~]\s*(?:\1\s*年)?\s*12\s*月\s*31\s*日(?:期间|之间|内)?"
)


def _each_listing_stage_its_sum(text: str) -> str:
    """按照辅导备案、申报受理、成功上市三个阶段，分别给予X、Y、Z: each stage said with its own sum, as items paying a
    listing's stages say them (辅导备案的，给予X；…), each a benefit of its own; without it the stages went to a person.
    Instalments of one total (分别拨付30%、30%、40%) are no sums, and stay a schedule. Read on a clause's joined
    text: a PDF's line may break a sum (20 / 0万元)."""

    def each(m: re.Match[str]) -> str:
        stages, sums = m.group(1).split("、"), m.group(3).split("、")
        if len(stages) != len(sums):
            return m.group(0)
        return "；".join(
            f"{stage}的，{m.group(2)}{paid}{m.group(4) or ''}" for stage, paid in zip(stages, sums, strict=True)
        )

    if not LISTING_STAGE_SUMS.search(text):
        return text
    # (对在北交所上市的企业，按辅导备案…分别奖励: a firm paid at its 辅导备案 is not listed yet, it intends to be)
    text = re.sub(r"对在([^,，;；。]{2,24}?)上市的", r"对拟在\1上市的", text)
    return LISTING_STAGE_SUMS.sub(each, text)


def _years_named_in_a_call(clauses: list[Clause], document: str) -> list[Clause]:
    """The years a call for applications names by number, before the year of the call, said as the sentence reader
    reads years (上年度, 前一年度); without that, every number of a year reads as the default last year, and an item
    of the year before last (2024年度首次纳入规上) would be drafted on last year's entry. A document that is no call,
    or a year that is not one of the two before it, is left as it is. Said in the clauses once their lines are
    joined: said in a printed copy's lines, a shorter line would read as a title and cut its sentence."""
    call = CALL_YEAR.search(document)
    if call is None:
        return clauses
    year = int(re.sub(r"\s", "", call.group(1)))
    words = {year - 1: "上年度", year - 2: "前一年度"}

    def said(text: str) -> str:
        text = WHOLE_YEAR.sub(lambda m: f"{m.group(1)}年度" if int(m.group(1)) in words else m.group(0), text)
        return YEAR_BY_NUMBER.sub(lambda m: words.get(int(m.group(1)), m.group(0)), text)

    return [Clause(c.ref, c.number, said(c.text), c.chapter) for c in clauses]


# a guide's item in two (（一）支持对象：上年度新认定的…企业。（二）支持标准：分别给予…): who is paid, then what
OBJECT_ITEM = re.compile(r"^(?:支持|奖励|补助|补贴|资助|扶持)(?:对象|范围)[：:]\s*([^。；;]+?)[。]?$")
# (the standard a bare grant, no claimant or threshold of its own: 分别给予…, 按该产品…的10%, 给予一次性奖励10万元)
STANDARD_ITEM = re.compile(
    r"^(?:支持|奖励|补助|补贴|资助|扶持)(?:标准|方式|额度)[：:]\s*((?:分别|按照?|给予|予以|一次性)[^；;]*)$"
)


def _standard_with_its_object(clauses: list[Clause]) -> list[Clause]:
    """An item stating whom a section pays (支持对象：…) followed by its sibling stating only what (支持标准：分别给予…,
    按该产品…的10%): the standard is read with the object as its claimant (对…，分别给予…), cited at the standard's
    number, and the object is not read again on its own (its titles are the standard's list, not conditions of
    every sum). A standard with a claimant or a threshold of its own is left as it is (the object then scopes the
    section's sums, as before)."""
    out: list[Clause] = []
    skip = False
    for n, clause in enumerate(clauses):
        if skip:
            skip = False
            continue
        after = clauses[n + 1] if n + 1 < len(clauses) else None
        who = OBJECT_ITEM.match(HEADING.sub("", clause.text, count=1).strip())
        what = STANDARD_ITEM.match(HEADING.sub("", after.text, count=1).strip()) if after else None
        siblings = after is not None and clause.ref.rsplit(".", 1)[0] == after.ref.rsplit(".", 1)[0] != clause.ref
        if who and what and after and siblings and "\n" not in after.text:
            body = HEADING.sub("", after.text, count=1)
            heading = after.text[: len(after.text) - len(body)]
            out.append(Clause(after.ref, after.number, f"{heading}对{who.group(1)}，{what.group(1)}", after.chapter))
            skip = True
            continue
        out.append(clause)
    return out


# 具体标准如下表： ending an article's last item, its table's columns named by the items' titles (（一）安家补贴。按人才
# 层次给予… （二）生活补贴。… | 人才层次 | 安家补贴（万元） | 生活补贴: 标准（元/月）, 发放年限)
ITEMS_TABLE_LEAD = re.compile(r"(?:具体)?(?:补贴|支持|奖励|资助)?标准(?:见|如)下表[：:。]?$")
ITEM_TITLE = re.compile(r"^([\u4e00-\u9fff]{2,8})[。.：:]")


def _item_columns(header: list[list[str]]) -> list[tuple[str, str]]:
    """Each column of a table's header of one or two rows as (its group, its own name): a group over two
    sub-columns (生活补贴 over 标准（元/月） and 发放年限) written in the first row once, in the second row under it;
    the cells a reader copied down from a two-row cell (人才层次, 安家补贴) are their own group. [] when the rows do
    not line up (never a guessed column)."""
    if len(header) == 1:
        return [(c, "") for c in header[0]]
    top, sub = header
    if len(sub) <= len(top):  # (the merged cells not copied down: the second row holds the last group's columns)
        return [(c, "") for c in top[:-1]] + [(top[-1], c) for c in sub] if len(sub) >= 2 else []
    same = next((i for i, (a, b) in enumerate(zip(top, sub, strict=False)) if a != b), len(top))
    if same != len(top) - 1:
        return []
    return [(c, "") for c in sub[:same]] + [(top[-1], c) for c in sub[same:]]


def _item_cell(cell: str, name: str, several: bool) -> str:
    """A bare figure of an item's column, with its header's unit: a sum a month (每月20000元 under 标准（元/月）),
    read with the months the row or the item says; a sum beside other cells with its unit (300万元)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", cell) and MONTHLY_HEADER.search(name):
        return f"每月{cell}元"
    unit = TABLE_UNIT.search(name)
    return f"{cell}{unit.group(1)}" if unit and several and re.fullmatch(r"[\d.]+", cell) else cell


def _items_share_a_table(clauses: list[Clause]) -> list[Clause]:
    """An article whose items each name one award (（一）安家补贴。按人才层次给予…, （二）生活补贴。按人才层次按月发放…)
    and whose last item ends with a table (具体标准如下表：) holding a column, or a group of columns, for each of them:
    each item reads its own columns as its own table (按下表标准 in the place of 按人才层次), the rows' sums written
    with the header's unit (每月20000元 under 标准（元/月）) and a level with its name (A类（顶尖人才）) as the level.
    Any other layout is left as it is."""
    out = list(clauses)
    for clause in clauses:
        body, _, table = clause.text.partition("\n")
        parent = clause.ref.rsplit(".", 1)[0]
        if not table or "." not in clause.ref or not ITEMS_TABLE_LEAD.search(body):
            continue
        lines = [ln.split("\t") for ln in table.splitlines()]
        heads = [row for row in lines[:2] if not any(re.search(r"\d", c) for c in row)]
        rows = [row for row in lines[len(heads) :] if len(row) > 1]
        columns = _item_columns([[c.strip() for c in row] for row in heads]) if heads else []
        items = [(i, c) for i, c in enumerate(clauses) if c.ref.rsplit(".", 1)[0] == parent and "." in c.ref]
        if not columns or not rows or any(len(r) != len(columns) for r in rows) or len(items) < 2:
            continue
        by = columns[0][0]
        own: dict[int, list[int]] = {}
        for i, item in items:
            title = ITEM_TITLE.match(HEADING.sub("", item.text, count=1))
            cols = [j for j, (group, _) in enumerate(columns) if j and title and title.group(1) in group]
            if not cols or not re.search(rf"按(?:照)?{re.escape(by)}", item.text):
                break
            own[i] = cols
        if len(own) != len(items):
            continue
        for j, (group, _) in enumerate(columns):
            # (人才层次 | 安家补贴（万元） | 生活补贴（元/月） | 发放年限: the years of payment, a column of no item's
            # title, belong to the item whose column stands right before them)
            if j > 1 and re.search(r"年限|期限", group) and not any(j in c for c in own.values()):
                own.update({i: [*c, j] for i, c in own.items() if j - 1 in c})
        for i, cols in own.items():
            item = clauses[i]
            # (a sub-column's own name when it names no sum: 发放年限; else with its group's: 生活补贴标准（元/月）)
            names = ["".join(columns[j]) if "元" in columns[j][1] or not columns[j][1] else columns[j][1] for j in cols]
            own_rows = [
                "\t".join(
                    [LEVEL_NAMED.sub(r"\1类人才", r[0].strip())]
                    + [_item_cell(r[j].strip(), nm, len(cols) > 1) for j, nm in zip(cols, names, strict=True)]
                )
                for r in rows
            ]
            text = re.sub(rf"按(?:照)?{re.escape(by)}", "按下表标准", item.text.split("\n")[0], count=1)
            text = ITEMS_TABLE_LEAD.sub("", text)
            out[i] = Clause(item.ref, item.number, "\n".join([text, "\t".join([by, *names]), *own_rows]), item.chapter)
    return out


# a talent level defined with its name (A类（顶尖人才）, B类(领军人才)): the name stands for the level elsewhere
LEVEL_NAMED = re.compile(r"(?<![A-Za-z])([A-E])类[（(]([^（）()、，,。；;]{2,8}?人才)[）)]")


def _levels_by_name(document: str) -> str:
    """对顶尖人才、领军人才…，分别给予 in a document that defined A类（顶尖人才）, B类（领军人才): each name read as its
    level's code (the definition itself kept as written); a name defined for two levels is left as it is."""
    named: dict[str, set[str]] = {}
    for m in LEVEL_NAMED.finditer(document):
        named.setdefault(m.group(2), set()).add(m.group(1))
    for name, codes in named.items():
        if len(codes) == 1:
            document = re.sub(rf"(?<![（(]){re.escape(name)}", f"{next(iter(codes))}类人才", document)
    return document


# 各县（市）区市场监督管理局，白河经济技术开发区市场监督管理分局，各有关单位：after a 通知's title: who receives the
# notice, never whom it pays (a 开发区 among them is no functional area of a claimant)
NOTICE_ADDRESSEES = re.compile(
    r"(?:^|(?<=通知)|(?<=\n))各[^。；;：:\n]{0,120}?(?:政府|局|委|办|单位|部门|机构|企业|公司|银行|分行|院|所|学校)[：:]"
)


# 参保职工30人（含）以下的企业，裁员率不高于参保职工总数的20%: firms of a headcount or fewer held to another bound on
# the rate the sentence before bounds (上年度…裁员率不高于…5.5%): two bands of firms, never both bounds on every firm
HEADCOUNT_BAND = re.compile(
    r"^对?([\u4e00-\u9fff]{2,8}?)(\d+)人([(（](?:不)?含[)）])?以下的(?:企业|单位)[,，]?"
    # (the band is the whole sentence: …20%的，大型企业按…返还 goes on to pay, and is read as it was)
    r"([\u4e00-\u9fff]{1,8}率)(?:放宽至|放宽到)?(不高于|不超过|低于)[^,，;；。\d%]{0,20}?(\d+(?:\.\d+)?)%[；;。]?$"
)


# (…控制目标5.5%，参保职工30人（含）以下的企业…: the band said in the same sentence, after a comma)
BAND_AFTER_COMMA = re.compile(r"[，,](?=对?[\u4e00-\u9fff]{2,8}?\d+人(?:[(（](?:不)?含[)）])?以下的(?:企业|单位))")


def _headcount_band(text: str, before: Draft) -> tuple[str, list[str], list[str]] | None:
    """The band a sentence of ``HEADCOUNT_BAND`` sets against the rate ``before`` bounds: the bound it replaces, the
    conditions of the firms above the headcount and those of the firms at or below it; None when the sentence
    before bounds no such rate."""
    if not (m := HEADCOUNT_BAND.match(text)):
        return None
    words, count, mark, rate, word, value = m.groups()
    held = next(
        (
            (expr, expr.split(" ")[0])
            for expr, _ in before.conditions
            for name, spec in before.proposed.items()
            if spec.get("label") == rate and re.match(rf"{name}\b", expr) and " <" in expr
        ),
        None,
    )
    if held is None:
        return None
    year = held[1].split("[")[1].rstrip("]") if "[" in held[1] else "last_year"
    staff = f"{before.declare(words, '人', True, 'integer')}[{year}]"
    excluded = bool(mark and "不" in mark)  # (30人（不含）以下: 30 itself is above)
    below, above = ("<", ">=") if excluded else ("<=", ">")
    return held[0], [f"{staff} {above} {count}"], [f"{staff} {below} {count}", f"{held[1]} {_RATE_OPS[word]} {value}"]


_RATE_OPS = {"不高于": "<=", "不超过": "<=", "低于": "<"}


# 新招用…人员数量达到企业现有在职职工人数15%（超过100人的企业达到8%）: the share a firm's hires must reach, lower for
# the firms above a headcount (the national 创业担保贷款 wording): two bands of firms, never one share on every firm
STAFF_SHARE_BAND = re.compile(
    r"(达到[^,，;；。%]{0,16}?(?:职工|员工)(?:总)?人数)(\d+(?:\.\d+)?)%(?:以上)?[(（]超过(\d+)人的(?:企业|单位)"
    r"(?:达到)?(\d+(?:\.\d+)?)%(?:以上)?[)）]"
)


def _without_staff_share_band(text: str) -> tuple[str, tuple[str, str, str] | None]:
    """The sentence with its bracketed band taken out (达到…人数15%以上, as 达到 means), and the band: the share,
    the headcount and the share above it."""
    if not (m := STAFF_SHARE_BAND.search(text)):
        # (达到企业现有在职职工人数15%，并…: 达到 a share says the share or more, never a number to drop)
        return re.sub(
            r"(达到[^,，;；。%]{0,16}?(?:职工|员工)(?:总)?人数\d+(?:\.\d+)?%)(?!以上|及以上|的比例)", r"\1以上", text
        ), None
    return f"{text[: m.start()]}{m.group(1)}{m.group(2)}%以上{text[m.end() :]}", (m.group(2), m.group(3), m.group(4))


def _staff_share_band(draft: Draft, band: tuple[str, str, str]) -> tuple[str, list[str], list[str]] | None:
    """The share condition the draft read (as ``_headcount_band`` gives it): kept for the firms of the headcount or
    fewer, replaced by the band's own share above it."""
    first, count, second = band
    held = next((e for e, _ in draft.conditions if re.fullmatch(rf"\w+\[\w+\] >= {re.escape(first)}", e)), None)
    if held is None:
        return None
    col = held.split(" ")[0]
    staff = f"employees[{col.split('[')[1]}"
    return held, [f"{staff} <= {count}"], [f"{staff} > {count}", f"{col} >= {second}"]


def _split_by_headcount_band(
    benefits: list[dict[str, Any]], bands: list[tuple[str, str, list[str], list[str]]], policy_id: str
) -> list[dict[str, Any]]:
    """Each benefit held to a banded rate bound, once for the firms above the headcount (with the bound) and once
    for the firms at or below it (with the band's own bound instead)."""
    if not bands:
        return benefits
    out: list[dict[str, Any]] = []
    for b in benefits:
        band = next((x for x in bands if any(c["expr"] == x[0] for c in b["conditions"])), None)
        if band is None:
            out.append(b)
            continue
        held, ref, above, below = band
        for extra, drop in ((above, False), (below, True)):
            kept = [dict(c) for c in b["conditions"] if not (drop and c["expr"] == held)]
            added = [{"expr": e, "clause": ref, "confidence": 0.6} for e in extra]
            out.append({**b, "conditions": kept + added, "amount": dict(b["amount"])})
    for n, b in enumerate(out, start=1):
        b["id"] = f"{policy_id}-{n}"
    return out


def _lead_industry_narrowed(shared: list[dict[str, Any]], own: list[tuple[str, float]]) -> list[dict[str, Any]]:
    """A lead's industry (对…商贸企业，按行业给予奖励：, F and H) where the item names its own within it (（二）住宿业、
    餐饮业企业…, H): the item's says who is paid; the lead's, wider, would only repeat it, never narrow it."""

    def codes(expr: str) -> list[str]:
        return re.findall(r'"([A-T]\d*)"', expr) if expr.startswith("startswith(industry") else []

    mine = [c for e, _ in own for c in codes(e)]
    if not mine:
        return shared
    return [
        s for s in shared if not (wide := codes(s["expr"])) or not all(any(c.startswith(w) for w in wide) for c in mine)
    ]


# 前款奖励资金分两年兑现 / 上述奖励分两次拨付: the sums of the paragraph above (an article's items), all of them
PLAN_OF_THE_ITEMS_ABOVE = re.compile(r"^(?:前款|上述|以上)(?:各项|所列)?(?:奖励|补助|补贴|奖补|资助)?(?:资金)?")


def _full_stops(text: str) -> list[str]:
    return [piece for piece in text.split("。") if piece.strip()]


def draft_policy(document: str, policy_id: str = "draft", assistant: AssistantConfig | None = None) -> dict[str, Any]:
    """The draft of a document; with ``assistant`` (see ``extract.assistant``) its flagged sentences are also
    sent to the assistant, whose checked proposals are listed for review, never added to the benefits."""
    document = _levels_by_name(normalise(document))
    clauses = _items_share_a_table(_standard_with_its_object(_years_named_in_a_call(split_clauses(document), document)))
    joined = "\n".join(c.text for c in clauses)  # lines a PDF broke mid-sentence, joined again
    subject = guess_subject(document)
    appendices = [c for c in clauses if APPENDIX_REF.match(c.ref)]
    tables = {c.ref: _award_table(c.text) for c in appendices}
    # (a table with a column per kind of award is read for each sentence citing it: the column it names)
    columned = {c.ref: c.text for c in appendices if "\t" in c.text}
    rows: dict[int, str] = {}  # id of a draft read from an appendix row whose name gave no condition → the name
    drafts: list[tuple[Clause, Draft]] = []
    said: dict[int, str] = {}  # id of a draft → the sentence it was read from
    bands: list[tuple[str, str, list[str], list[str]]] = []  # a rate bound and its headcount bands (clause, >, <=)
    subjects = _section_subjects(clauses, subject)
    before: list[str] = []  # the sentences of the clause before, and its parent's ref
    before_parent: str | None = None
    # one sentence pasted alone (a clause quoted from a document) is read whole, as the sentence reader reads it:
    # its halves after ； lean on each other (按实际到款额的1%…；实际到款额超过1亿元的…) and no article stands around
    # them to lend the context a document's pieces borrow
    # (cited with its number or not: 第五条　对…给予…)
    alone = len(clauses) == 1 and len(_full_stops(HEADING.sub("", clauses[0].text, count=1))) == 1
    for clause in clauses:
        if clause in appendices:
            continue
        claimant = _claimant(subjects, clause.ref, subject)
        # an article's own table (按下表给予奖励：) is read as an appendix's is, by the sentence that announces it
        body, _, own_table = clause.text.partition("\n")
        below = _stages_below_table(own_table)
        here = {**tables, "下表": _award_table("\n" + own_table)} if own_table else tables
        unheaded = _each_listing_stage_its_sum(HEADING.sub("", body, count=1))
        if clause.ref == "0":
            unheaded = NOTICE_ADDRESSEES.sub("", unheaded)
        mine = [unheaded.strip().rstrip("。")] if alone and not own_table else sentences(unheaded)
        # an item that leaves its measure to the item before it (（二）首次突破5亿元的，奖励30万元) reads it there
        parent = clause.ref.rsplit(".", 1)[0] if "." in clause.ref else None
        prior = before if parent is not None and parent == before_parent else []
        resolved = in_context(prior + mine)[len(prior) :]
        before, before_parent = resolved, parent
        for sentence in [piece for whole in resolved for piece in BAND_AFTER_COMMA.split(whole)]:
            chosen = {ref: _award_table(col) for ref, t in columned.items() if (col := _award_column(t, sentence)) != t}
            shared_out = (
                _rows_sharing_by_service(sentence, own_table)
                or _rows_sharing_by_band(sentence, own_table)
                or _rows_paying_per_usd_by_band(sentence, own_table)
            )
            for text, row, without in shared_out or _with_table(sentence, {**here, **chosen}):
                award, stages = _paid_in_shares(
                    _level_in_context(_hired_in_context(text, clause, clauses), clause, clauses)
                )
                award, staff_band = _without_staff_share_band(award)
                draft = _claimants_own(_checked(draft_sentence(award, subject=claimant), text), claimant, text)
                if staff_band and (held := _staff_share_band(draft, staff_band)):
                    bands.append((held[0], clause.ref, held[1], held[2]))
                if claimant != subject:
                    _unread_for_another_claimant(draft, text)
                if drafts and drafts[-1][0] is clause and (band := _headcount_band(text, drafts[-1][1])):
                    bands.append((band[0], clause.ref, band[1], band[2]))
                    continue  # read with the sentence before, as its bands
                _fund_total(award, draft)
                draft.schedule = draft.schedule or stages or below
                said[id(draft)] = text
                if row is not None:
                    unmarked = draft_sentence(without, subject=claimant)
                    if {c for c, _ in draft.conditions} <= {c for c, _ in unmarked.conditions}:
                        rows[id(draft)] = row
                drafts.append((clause, draft))
    boards = _sibling_boards(drafts, said)
    common, local, stray = _general(drafts, said)
    issuer = _issuer(joined, document)
    level, region = next(((lv, code) for lv, code, words in LEVELS if re.search(words, document)), ("city", "220100"))
    benefits: list[dict[str, Any]] = []
    manual: list[dict[str, str]] = []
    budget: dict[str, Any] | None = None
    proposed: dict[str, dict[str, Any]] = {}
    parameters: dict[str, dict[str, Any]] = {}
    for clause, draft in drafts:
        if draft.proposed:  # a flagged sentence proposes nothing (sentence.draft_sentence clears it)
            proposed |= {n: {k: v for k, v in p.items() if v is not None} for n, p in draft.proposed.items()}
        parameters |= {n: {**p, "reference": clause.ref} for n, p in draft.parameters.items() if n not in parameters}
        manual += [{"clause": clause.ref, "text": text} for text in draft.manual if not _title_only(clause, text)]
        if draft.budget and budget is None:
            # the size of the fund the policy pays from: a proposal for the fund's budget, never an award
            budget = {"amount": float(draft.budget), "unit": "万元", "clause": clause.ref}
        shared = local.get(clause.ref, [])
        made: list[dict[str, Any]] = []
        for own, amount in draft.variants:
            made.append(
                _benefit(
                    policy_id,
                    len(benefits) + len(made) + 1,
                    clause,
                    draft.conditions + own,
                    amount,
                    _lead_industry_narrowed(shared, draft.conditions + own),
                    _claimant(subjects, clause.ref, subject),
                    issuer,
                    common,
                )
            )
        if draft.amount is not None:
            made.append(
                _benefit(
                    policy_id,
                    len(benefits) + len(made) + 1,
                    clause,
                    draft.conditions,
                    draft.amount,
                    _lead_industry_narrowed(shared, draft.conditions),
                    _claimant(subjects, clause.ref, subject),
                    issuer,
                    common,
                )
            )
            if (row := rows.get(id(draft))) is not None:
                _row_placeholder(made[-1], row, clause.ref)
        if draft.schedule:
            shares = [round(float(x.rstrip("%")) / 100, 4) for x in draft.schedule]
            # 分年拨付, as a sentence of its own ("补助资金分两年拨付…") or beside the award: the clause's awards
            # (前款奖励资金分两年兑现…, a paragraph below an article's last item: every item's plan, not the last's)
            every = clause.ref.split(".")[0] if PLAN_OF_THE_ITEMS_ABOVE.match(said.get(id(draft), "")) else None
            targets = made or [
                b
                for b in benefits
                if b["amount"]["clause"] == clause.ref or (every and str(b["amount"]["clause"]).startswith(every + "."))
            ]
            if abs(sum(shares) - 1) < 1e-6:
                for b in targets:
                    b["instalments"] = shares
        benefits += made
    benefits = _split_by_headcount_band(benefits, bands, policy_id)
    for b in benefits:
        if boards & {c["expr"] for c in b["conditions"]}:
            # (企业…首发上市的，按上市板块给予奖励： the lead's listing, which each item's board already says)
            b["conditions"] = [c for c in b["conditions"] if c["expr"] != "listed"]
    for appendix in appendices:
        used = any(CITES_TABLE.search(c.text) for c in clauses) and tables.get(appendix.ref)
        note = "（已按引用它的条款逐行读为奖补，见各项）" if used else "（附件：未读为规则，请人工核对）"
        manual.append({"clause": appendix.ref, "text": appendix.text.replace("\n", " ") + note})
    _bands_as_tier(benefits)
    _shared_caps(benefits, manual)
    _per_unit_over_years(benefits, manual)
    _resolve_awards(benefits, manual, {c.ref: c.text for c in clauses})
    for ref in dict.fromkeys(clause.ref for clause, _ in stray):
        # one note per clause, with what each of its sentences read
        read = "；".join(dict.fromkeys(c for clause, draft in stray if clause.ref == ref for c, _ in draft.conditions))
        text = next(clause.text for clause, _ in stray if clause.ref == ref)
        manual.append({"clause": ref, "text": f"{text}（待人工：条件未对应任何奖补，未并入各项；已读出：{read}）"})
    valid_from, valid_to = _validity(joined, document)
    exclusive = _exclusive(clauses)
    groups: list[dict[str, Any]] = []
    if exclusive and benefits:
        ref, named, across = exclusive
        members = [
            b
            for b in benefits
            if named is None
            or any(str(b["amount"]["clause"]) == r or str(b["amount"]["clause"]).startswith(r + ".") for r in named)
        ]
        if len(members) >= 2 or (named and members):
            for b in members:
                b["exclusive_group"] = f"{policy_id}-highest"
            group: dict[str, Any] = {
                "group": f"{policy_id}-highest",
                "clause": ref,
                "benefits": [b["id"] for b in members],
            }
            if across:
                # the text also rules out other documents' like benefits: the officer names their groups
                group["across_documents"] = True
            groups.append(group)
    cap = _entity_cap(clauses)
    for m in manual:
        # what the document reads as structure is said beside the sentence, so the officer sees it was used
        if cap and m["clause"] == cap["clause"] and ENTITY_CAP.search(m["text"]):
            m["text"] += "（已读为同一主体累计上限：cap）"
        elif exclusive and m["clause"] == exclusive[0] and re.search(r"就高|重复", m["text"]):
            m["text"] += "（已读为就高不重复：互斥组）"
        # (有效期满复核通过的…: a title's term, not the policy's)
        elif re.search(r"有效期(?!满复核|满重新认定)|起施行|起执行|起实施", m["text"]) and (valid_from or valid_to):
            m["text"] += "（已读为有效期）"
    policy: dict[str, Any] = {
        "id": policy_id,
        "title": _title(document),
        "issuer": issuer,
        "level": level,
        "region": region,
        "valid_from": valid_from or dt.date.today(),
        "source": "规则草稿：由政策通从条款文本自动生成，须经人工审核后方可发布。",
        "clauses": {c.ref: c.text for c in clauses},
    }
    if number_ := _doc_number(document):
        policy["doc_number"] = number_
    if valid_to:
        policy["valid_to"] = valid_to
    if proposed:
        # quantities the schema lacks, used by the drafted rules: the officer accepts them into the schema extension
        policy["proposed_attributes"] = proposed
    if parameters:
        # dated values the drafted rules use and no clause states (美元兑人民币汇率): the officer fills them
        policy["parameters"] = parameters
    if common:
        policy["common_conditions"] = common
    if cap and benefits:
        policy["cap"] = cap  # the best claim plan counts the policy's cash awards to one claimant at most this
    policy["benefits"] = benefits
    policy["manual"] = manual  # sentences that became no rule: to be written or confirmed by hand, never dropped
    policy["assistant"] = []  # proposals for flagged sentences, offered for review only (extract.assistant)
    policy["exclusive"] = groups  # 就高不重复, as the text says it (review only; the rule is each exclusive_group)
    if budget:
        policy["budget"] = budget  # review only: the fund's budget proposal
    if assistant is not None:
        review_flagged(policy, assistant, load_schema(settings.schema_path()))
    return policy


REVIEW_ONLY = ("manual", "assistant", "exclusive", "budget")


def as_policy(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft as a policy file's data: review fields (confidence, manual, assistant) left out."""
    policy = {k: v for k, v in draft.items() if k not in REVIEW_ONLY}
    if "common_conditions" in draft:
        policy["common_conditions"] = [
            {k: v for k, v in c.items() if k != "confidence"} for c in draft["common_conditions"]
        ]
    policy["benefits"] = [
        {
            **b,
            "conditions": [{k: v for k, v in c.items() if k != "confidence"} for c in b["conditions"]],
            "amount": {k: v for k, v in b["amount"].items() if k != "confidence"},
        }
        for b in draft["benefits"]
    ]
    return policy


def to_yaml(draft: dict[str, Any]) -> str:
    """A policy file with the review notes as comments (a confidence after each rule, the manual sentences,
    the assistant's proposals) so that it both validates and shows the officer what to check."""
    header = (
        "# 规则草稿：由政策通从条款文本自动生成，须经人工审核后方可作为政策文件发布。\n"
        "# 每条规则后注明置信度；“待人工处理”列出未能转换为规则的句子，一句不漏。\n"
    )
    body = yaml.safe_dump(as_policy(draft), allow_unicode=True, sort_keys=False, width=120)
    lines = body.splitlines()
    # in the order the YAML writes them: the common conditions, then each benefit's own
    confidences = [c["confidence"] for c in draft.get("common_conditions", [])]
    confidences += [c["confidence"] for b in draft["benefits"] for c in b["conditions"]]
    amounts = [b["amount"]["confidence"] for b in draft["benefits"] if "formula" in b["amount"]]
    out, ci, ai, in_amount = [], 0, 0, False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("- expr:") and ci < len(confidences):
            line += f"  # 置信度 {confidences[ci]}"
            ci += 1
        if stripped == "amount:":
            in_amount = True
        if in_amount and stripped.startswith("formula:") and ai < len(amounts):
            line += f"  # 置信度 {amounts[ai]}"
            ai += 1
            in_amount = False
        out.append(line)
    notes = [""]
    if draft.get("budget"):
        b = draft["budget"]
        notes.append(f"# 资金规模（第 {b['clause']} 款）：{b['amount']:g} 万元，作为资金预算建议，不是奖补金额。")
    for g in draft.get("exclusive", []):
        across = "；条文还排除其他政策的同类补贴，请把相应事项并入此组" if g.get("across_documents") else ""
        notes.append(
            f"# 就高不重复（第 {g['clause']} 款）：{'、'.join(g['benefits'])} 同属互斥组 {g['group']}{across}。"
        )
    notes.append(f"# 待人工处理（{len(draft['manual'])} 句，未能转换为规则）：")
    notes += [f"#   第 {m['clause']} 款：{m['text']}" for m in draft["manual"]]
    if draft.get("assistant"):
        notes.append(f"# 助手建议（{len(draft['assistant'])} 条，未采纳，须人工确认后再写入规则）：")
        for p in draft["assistant"]:
            shown = p.get("expr") or p.get("error")
            notes.append(f"#   第 {p['clause']} 款：{shown}（{p['kind']}，助手置信度 {p.get('confidence', '—')}）")
    return header + "\n".join(out + notes) + "\n"
