"""统计上大中小微型企业划分办法（2017）: enterprise size from industry, employees, revenue, assets.

The standard's two rules, applied identically in Python and Polars:
- 大型、中型和小型企业须同时满足所列指标的下限，否则下划一档;
- 微型企业只须满足所列指标中的一项即可 (any indicator below the 小型 bound makes it 微).
So one known indicator below the small bound decides 微 even when another is unknown; any
other case with an unknown indicator is unknown. Units: 从业人员 人, money 万元.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

SIZES = ("大", "中", "小", "微")
SIZE_NAMES = {"大": "大型", "中": "中型", "小": "小型", "微": "微型"}
INDICATORS = {"employees": ("从业人员", "人"), "revenue": ("营业收入", "万元"), "total_assets": ("资产总额", "万元")}


@dataclass(frozen=True)
class Group:
    """One industry group of the standard and its lower bounds for 大, 中, 小 per indicator."""

    key: str
    name: str
    bounds: dict[str, tuple[int, int, int]]  # indicator -> (大, 中, 小) lower bounds


def _g(key: str, name: str, **bounds: tuple[int, int, int]) -> Group:
    return Group(key, name, bounds)


GROUPS: dict[str, Group] = {
    g.key: g
    for g in (
        _g("agriculture", "农、林、牧、渔业", revenue=(20000, 500, 50)),
        _g("industry", "工业", employees=(1000, 300, 20), revenue=(40000, 2000, 300)),
        _g("construction", "建筑业", revenue=(80000, 6000, 300), total_assets=(80000, 5000, 300)),
        _g("wholesale", "批发业", employees=(200, 20, 5), revenue=(40000, 5000, 1000)),
        _g("retail", "零售业", employees=(300, 50, 10), revenue=(20000, 500, 100)),
        _g("transport", "交通运输业", employees=(1000, 300, 20), revenue=(30000, 3000, 200)),
        _g("warehousing", "仓储业", employees=(200, 100, 20), revenue=(30000, 1000, 100)),
        _g("postal", "邮政业", employees=(1000, 300, 20), revenue=(30000, 2000, 100)),
        _g("lodging", "住宿业", employees=(300, 100, 10), revenue=(10000, 2000, 100)),
        _g("catering", "餐饮业", employees=(300, 100, 10), revenue=(10000, 2000, 100)),
        _g("telecom", "信息传输业", employees=(2000, 100, 10), revenue=(100000, 1000, 100)),
        _g("software", "软件和信息技术服务业", employees=(300, 100, 10), revenue=(10000, 1000, 50)),
        _g("real_estate", "房地产开发经营", revenue=(200000, 1000, 100), total_assets=(10000, 5000, 2000)),
        _g("property", "物业管理", employees=(1000, 300, 100), revenue=(5000, 1000, 500)),
        _g("leasing", "租赁和商务服务业", employees=(300, 100, 10), total_assets=(120000, 8000, 100)),
        _g("other", "其他未列明行业", employees=(300, 100, 10)),
    )
}


def _division_groups() -> dict[str, str]:
    spans = [
        ("agriculture", 1, 5),
        ("industry", 6, 46),
        ("construction", 47, 50),
        ("wholesale", 51, 51),
        ("retail", 52, 52),
        ("other", 53, 53),
        ("transport", 54, 58),
        ("warehousing", 59, 59),
        ("postal", 60, 60),
        ("lodging", 61, 61),
        ("catering", 62, 62),
        ("telecom", 63, 64),
        ("software", 65, 65),
        ("real_estate", 70, 70),
        ("leasing", 71, 72),
        ("other", 73, 90),
    ]
    # 金融业 (66-69) has its own standard; 公共管理 and 国际组织 (91-97) are not enterprises.
    return {f"{d:02d}": key for key, lo, hi in spans for d in range(lo, hi + 1)}


DIVISION_GROUP: dict[str, str] = _division_groups()
CLASS_GROUP: dict[str, str] = {"7020": "property"}  # 4-digit 小类 that the standard lists apart


def _digits(industry: str) -> str:
    code = industry.strip().upper()
    return code[1:] if code[:1].isalpha() else code


def group_of(industry: str | None) -> Group | None:
    """The standard's industry group of a GB/T 4754 code such as ``C36``, ``36`` or ``K7020``."""
    if not industry:
        return None
    digits = _digits(industry)
    key = CLASS_GROUP.get(digits[:4]) or DIVISION_GROUP.get(digits[:2])
    return GROUPS.get(key) if key else None


@dataclass(frozen=True)
class SizeDecision:
    size: str | None  # 大 | 中 | 小 | 微, None when unknown or outside the standard
    group: Group | None
    rule: str  # which bound decided it, in Chinese


def _fmt(value: Any) -> str:
    text = format(Decimal(value).normalize(), "f") if isinstance(value, Decimal) else str(value)
    return text


def classify(industry: str | None, employees: Any, revenue: Any, total_assets: Any) -> SizeDecision:
    """Size class with the rule that decided it."""
    group = group_of(industry)
    if group is None:
        return SizeDecision(None, None, f"行业“{industry}”不在划分办法的适用范围内（金融业、公共管理等另有规定）")
    values = {"employees": employees, "revenue": revenue, "total_assets": total_assets}

    def said(ind: str) -> str:
        label, unit = INDICATORS[ind]
        return f"{label}{_fmt(values[ind])}{unit}"

    for ind, (_, _, small) in group.bounds.items():
        if values[ind] is not None and values[ind] < small:
            return SizeDecision(
                "微",
                group,
                f"{group.name}：{said(ind)}，低于小型企业下限{small}{INDICATORS[ind][1]}，"
                "微型企业只须满足所列指标中的一项",
            )
    unknown = [INDICATORS[i][0] for i in group.bounds if values[i] is None]
    if unknown:
        return SizeDecision(None, group, f"{group.name}：缺少{'、'.join(unknown)}，无法划型")
    figures = "、".join(said(i) for i in group.bounds)
    for tier, size in enumerate(("大", "中", "小")):
        short = [i for i, b in group.bounds.items() if values[i] < b[tier]]
        if not short:
            floors = "、".join(f"{INDICATORS[i][0]}≥{b[tier]}{INDICATORS[i][1]}" for i, b in group.bounds.items())
            return SizeDecision(size, group, f"{group.name}：{figures}，同时满足{SIZE_NAMES[size]}企业下限（{floors}）")
        if tier == 1:
            i = short[0]
            return SizeDecision(
                "小",
                group,
                f"{group.name}：{figures}；{INDICATORS[i][0]}未达中型企业下限"
                f"{group.bounds[i][1]}{INDICATORS[i][1]}，下划一档为小型企业",
            )
    raise AssertionError("unreachable")


def size_class(industry: str | None, employees: Any, revenue: Any, total_assets: Any) -> str | None:
    return classify(industry, employees, revenue, total_assets).size


PROPERTY_SLOT = 100  # lookup slot for 物业管理 (K7020), after the divisions 00-99


def _slot_groups() -> list[str | None]:
    slots: list[str | None] = [DIVISION_GROUP.get(f"{d:02d}") for d in range(100)]
    return [*slots, CLASS_GROUP["7020"]]


def size_class_expr(industry: Any, employees: Any, revenue: Any, total_assets: Any, *, scale: int = 10**6) -> Any:
    """The same rule as a Polars expression; money inputs are fixed-point integers (value × ``scale``).

    Each row's industry becomes one small integer slot (its 大类, or the 物业管理 slot), and every
    bound is read from a 101-entry table by that slot: no string matching per bound. The slot is
    computed once per batch, as a column of its own: written inline, Polars recomputed its string
    work for each of the thirteen tables that read it (0.17 s per 100,000 rows, most of a streamed
    batch's preparation).
    """
    import polars as pl  # here, not at the top: the rules layer registers this standard and stays free of Polars

    inputs = pl.struct(
        industry.alias("industry"),
        employees.alias("employees"),
        revenue.alias("revenue"),
        total_assets.alias("total_assets"),
    )
    return inputs.map_batches(lambda rows: _size_classes(rows, scale), return_dtype=pl.String, is_elementwise=True)


def _size_classes(rows: Any, scale: int) -> Any:
    """``size_class_expr`` over one batch: a struct Series of the four inputs → a String Series."""
    import polars as pl

    frame = rows.struct.unnest()
    digits = pl.col("industry").cast(pl.String).str.strip_chars_start(string.ascii_letters)  # "C36", "36" alike
    slot = (
        pl.when(digits.str.slice(0, 4) == "7020")
        .then(pl.lit(PROPERTY_SLOT, dtype=pl.Int64))
        .otherwise(digits.str.slice(0, 2).cast(pl.Int64, strict=False))
    )
    frame = frame.with_columns(slot.alias("__slot"))
    at = pl.col("__slot")
    groups = _slot_groups()
    values = {ind: pl.col(ind) for ind in INDICATORS}
    factor = {"employees": 1, "revenue": scale, "total_assets": scale}

    def table(ind: str, tier: int) -> pl.Expr:
        bounds = [GROUPS[g].bounds[ind][tier] * factor[ind] if g and ind in GROUPS[g].bounds else None for g in groups]
        return pl.lit(pl.Series(bounds, dtype=pl.Int64)).gather(at)

    bound = {(ind, tier): table(ind, tier) for ind in INDICATORS for tier in range(3)}
    in_standard = pl.lit(pl.Series([g is not None for g in groups])).gather(at).fill_null(False)
    used = {ind: bound[ind, 2].is_not_null() for ind in INDICATORS}
    micro = pl.any_horizontal([(values[i] < bound[i, 2]).fill_null(False) for i in INDICATORS])
    unknown = pl.any_horizontal([used[i] & values[i].is_null() for i in INDICATORS])

    def meets(tier: int) -> pl.Expr:
        return pl.all_horizontal([(~used[i]) | (values[i] >= bound[i, tier]).fill_null(False) for i in INDICATORS])

    size = (
        pl.when(~in_standard)
        .then(None)
        .when(micro)
        .then(pl.lit("微"))
        .when(unknown)
        .then(None)
        .when(meets(0))
        .then(pl.lit("大"))
        .when(meets(1))
        .then(pl.lit("中"))
        .otherwise(pl.lit("小"))
    )
    return frame.select(size.cast(pl.String).alias(rows.name)).to_series()
