"""The year's report, produced from the data: the statistics section of the 常委会工作报告 and the figures of the
提案工作情况报告, with the previous year beside each figure, as a DOCX (to edit into the report) and as the HTML the
PDF is printed from.

The sections follow the order such reports take: proposals (received, filed, by source and by 大会/平时, adoption,
answers), handling units, 界别, 社情民意 (adoption and 批示), consultation activities by form, 立法协商, 协商式监督,
the members' participation, and who took part in activities (members and experts) with the beneficiaries of
为民服务 and the speeches submitted and selected. Every figure is a :class:`Figure` computed by :mod:`statistics`, so
the report and the statistics page cannot disagree.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from policyreach.conference.statistics import YearStats, percent

Value = int | Decimal | None


@dataclass(frozen=True)
class Figure:
    label: str
    this_year: Value
    last_year: Value
    unit: str = "件"

    def show(self, value: Value) -> str:
        if value is None:
            return "—"
        if isinstance(value, Decimal):
            return percent(value)
        return f"{value}{self.unit}"

    @property
    def change(self) -> str:
        """The change on the previous year, in words ("增加 12件", "持平", "—" without a previous year)."""
        if self.this_year is None or self.last_year is None or isinstance(self.this_year, Decimal):
            return "—"
        assert isinstance(self.last_year, int)
        diff = self.this_year - self.last_year
        if not self.last_year and not diff:
            return "持平"
        return "持平" if diff == 0 else f"{'增加' if diff > 0 else '减少'} {abs(diff)}{self.unit}"


@dataclass(frozen=True)
class Section:
    title: str
    summary: str  # the sentence of the report, with this year's figures
    figures: tuple[Figure, ...]


def sections(now: YearStats, before: YearStats) -> list[Section]:
    p, q = now.proposals, before.proposals
    r, s = now.reports, before.reports
    t, u = now.participation, before.participation
    t2, u2 = now.taking_part, before.taking_part

    def f(label: str, a: Value, b: Value, unit: str = "件") -> Figure:
        return Figure(label, a, b, unit)

    out = [
        Section(
            "提案工作",
            f"全年共收到提案 {p.get('received', 0)} 件，经审查立案 {p.get('filed', 0)} 件，"
            f"其中{'、'.join(f'{k} {v} 件' for k, v in now.by_origin.items())}；"
            f"{'、'.join(f'{k}提出 {v} 件' for k, v in now.by_during.items())}。"
            f"已答复 {p.get('answers', 0)} 件，按期答复率 {percent(now.on_time_rate)}；"
            f"所提问题已经解决或采纳的 {p.get('adopted', 0)} 件。",
            (
                f("收到提案", p.get("received"), q.get("received")),
                f("立案", p.get("filed"), q.get("filed")),
                *(f(f"立案·{k}", a, b) for k, a, b in side_by_side(now.by_origin, before.by_origin)),
                *(f(f"立案·{k}", a, b) for k, a, b in side_by_side(now.by_during, before.by_during)),
                f("不立案", p.get("not_filed"), q.get("not_filed")),
                f("并案", p.get("merged"), q.get("merged")),
                f("重点提案", p.get("key"), q.get("key")),
                f("答复件数", p.get("answers"), q.get("answers")),
                f("按期答复率", now.on_time_rate, before.on_time_rate),
                f("已解决或采纳（A类）", p.get("adopted"), q.get("adopted")),
                *(f(f"{c}类答复占比", now.class_share(c), before.class_share(c)) for c in "ABC"),
            ),
        ),
        Section(
            "承办单位",
            f"{len(now.by_unit)} 个单位承办提案，交办 {sum(x.assigned for x in now.by_unit)} 件次。",
            tuple(
                f(name, a, b, "件次")
                for name, a, b in side_by_side(
                    {x.name: x.assigned for x in now.by_unit}, {x.name: x.assigned for x in before.by_unit}, 30
                )
            ),
        ),
        Section(
            "界别",
            f"{len(now.by_sector)} 个界别的委员提出立案提案 {sum(v['proposals'] for v in now.by_sector.values())} 件。",
            tuple(
                f(name, a, b)
                for name, a, b in side_by_side(
                    {k: v["proposals"] for k, v in now.by_sector.items()},
                    {k: v["proposals"] for k, v in before.by_sector.items()},
                    40,
                )
            ),
        ),
        Section(
            "社情民意信息",
            f"收到社情民意信息 {r.get('received', 0)} 篇，采用编发 {r.get('adopted', 0)} 篇，"
            f"获领导批示 {r.get('instructed', 0)} 篇，上报省级以上 {r.get('forwarded', 0)} 篇，"
            f"被省级以上采用 {r.get('higher_adopted', 0)} 篇。",
            (
                f("收到社情民意信息", r.get("received"), s.get("received"), "篇"),
                f("采用编发", r.get("adopted"), s.get("adopted"), "篇"),
                f("获领导批示", r.get("instructed"), s.get("instructed"), "篇"),
                f("上报省级以上", r.get("forwarded"), s.get("forwarded"), "篇"),
                f("被省级以上采用", r.get("higher_adopted"), s.get("higher_adopted"), "篇"),
            ),
        ),
        Section(
            "协商活动",
            f"全年开展协商议政活动 {sum(now.activities.values())} 次，"
            f"协商成果被采纳 {now.activity_outcomes.get('adopted', 0)} 项。",
            (
                *(f(form, a, b, "次") for form, a, b in side_by_side(now.activities, before.activities)),
                f("成果被采纳", now.activity_outcomes.get("adopted"), before.activity_outcomes.get("adopted"), "项"),
            ),
        ),
        Section(
            "立法协商与协商式监督",
            f"对 {now.legislation.get('drafts', 0)} 部法规草案开展立法协商，提出意见 "
            f"{now.legislation.get('comments', 0)} 条；协商式监督发现问题 {now.supervision.get('findings', 0)} 个，"
            f"已整改办结 {now.supervision.get('closed', 0)} 个。",
            (
                f("法规草案", now.legislation.get("drafts"), before.legislation.get("drafts"), "部"),
                f("立法协商意见", now.legislation.get("comments"), before.legislation.get("comments"), "条"),
                f("意见被采纳", now.legislation.get("adopted"), before.legislation.get("adopted"), "条"),
                f("协商式监督发现问题", now.supervision.get("findings"), before.supervision.get("findings"), "个"),
                f("已整改办结", now.supervision.get("closed"), before.supervision.get("closed"), "个"),
            ),
        ),
        Section(
            "委员履职参与",
            f"委员 {t.get('members', 0)} 人，提交或联名提案、报送社情民意的 {t.get('active', 0)} 人；"
            f"活动出席率 {percent(now.attendance_rate)}。",
            (
                f("委员人数", t.get("members"), u.get("members"), "人"),
                f("提交提案或社情民意的委员", t.get("active"), u.get("active"), "人"),
                f("未提交的委员", t.get("silent"), u.get("silent"), "人"),
                f("活动应出席", t.get("invited"), u.get("invited"), "人次"),
                f("活动实到", t.get("attended"), u.get("attended"), "人次"),
                f("出席率", now.attendance_rate, before.attendance_rate),
            ),
        ),
        Section(
            "活动参与与为民服务",
            f"{t2.get('members', 0)} 名委员和 {t2.get('experts', 0)} 名专家等非委员人士参加各类活动，"
            f"共 {t2.get('people', 0)} 人；其中 {now.category_total('为民服务', 'people')} 名委员和专家参加"
            f"委员专家基层行、为民服务等活动，直接受益群众 {now.category_total('为民服务', 'beneficiaries')} 人次；"
            f"委员提交发言 {t2.get('speeches_submitted', 0)} 篇，选用 {t2.get('speeches_selected', 0)} 篇。",
            (
                f("参加活动的委员", t2.get("members"), u2.get("members"), "人"),
                f("参加活动的专家等非委员", t2.get("experts"), u2.get("experts"), "人"),
                f("参加活动的委员和专家", t2.get("people"), u2.get("people"), "人"),
                f("直接受益群众", t2.get("beneficiaries"), u2.get("beneficiaries"), "人次"),
                f(
                    "为民服务类活动参加委员和专家",
                    now.category_total("为民服务", "people"),
                    before.category_total("为民服务", "people"),
                    "人",
                ),
                f(
                    "为民服务直接受益群众",
                    now.category_total("为民服务", "beneficiaries"),
                    before.category_total("为民服务", "beneficiaries"),
                    "人次",
                ),
                *(
                    f(f"{name}·参加委员和专家", row.people, _people(before, name), "人")
                    for name, row in now.by_form.items()
                    if row.people
                ),
                f("提交发言", t2.get("speeches_submitted"), u2.get("speeches_submitted"), "篇"),
                f("发言被选用", t2.get("speeches_selected"), u2.get("speeches_selected"), "篇"),
            ),
        ),
    ]
    return [x for x in out if x.figures]


def side_by_side(
    now: Mapping[str, int], before: Mapping[str, int], limit: int | None = None
) -> list[tuple[str, int, int | None]]:
    """Every name either year recorded: this year's in their order, then those only the previous year had (a unit
    that handled proposals last year and none this year is a change the report shows). A year that recorded some
    names but not this one counts 0; a previous year that recorded none at all shows "—"."""
    names = list(now) + [k for k in before if k not in now]
    return [(k, now.get(k, 0), before.get(k, 0) if before else None) for k in names][:limit]


def _people(stats: YearStats, form: str) -> int | None:
    row = stats.by_form.get(form)
    return row.people if row is not None else (0 if stats.by_form else None)


def title(now: YearStats) -> str:
    return f"{now.year}年度政协履职工作统计"


def to_docx(now: YearStats, before: YearStats) -> bytes:
    """The report as a Word document: a heading, then per section its sentence and a table with last year."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    heading = doc.add_heading(title(now), level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if now.sample:
        doc.add_paragraph("（示例数据）")
    for number, section in enumerate(sections(now, before), start=1):
        doc.add_heading(f"{_chinese_number(number)}、{section.title}", level=1)
        doc.add_paragraph(section.summary)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, ("指标", f"{now.year}年", f"{before.year}年", "比上年"), strict=True
        ):
            cell.text = text
        for fig in section.figures:
            row = table.add_row().cells
            row[0].text, row[1].text, row[2].text, row[3].text = (
                fig.label,
                fig.show(fig.this_year),
                fig.show(fig.last_year),
                fig.change,
            )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    return digits[n] if n < 10 else "十" + (digits[n - 10] if n > 10 else "")
