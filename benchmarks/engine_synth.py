"""Deterministic synthetic library and population for the engine benchmark.

Everything is drawn from one seeded ``numpy.random.Generator``: the same seed and sizes give
the same 1,000 benefits and the same population, byte for byte.

* 20 attributes of an enterprise (4 yearly decimals × 2 years, 3 decimals, 5 integers,
  6 flags, district and industry codes): 24 value columns + 24 ``__verified`` flags.
* 5% of every value column is missing (independently), 85% of given values are verified.
* A shared pool of ~400 distinct conditions; thresholds are set from the population's own
  quantiles so that each condition passes for 5–60% of firms (log-uniform: most policies
  target a minority). Benefits draw 3–6 conditions from the pool with a Zipf-like
  popularity, never two on the same attribute.
* Threshold cases are *planted*: some firms get a value exactly at a decimal threshold
  (e.g. revenue = 2000.01 万元) or 1 元 either side of it, an R&D ratio exactly at 3%,
  growth exactly at ×1.15. Exact decimals decide them right; float32 storage may not.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
import yaml

if TYPE_CHECKING:
    from policyreach.rules.schema import Schema

AS_OF = dt.date(2025, 6, 30)
LAST_YEAR, TWO_YEARS_AGO = 2024, 2023
YEARS = {"last_year": LAST_YEAR, "years_ago(2)": TWO_YEARS_AGO}
DEC_PLACES = 4  # values in 万元 to the 元
MISSING_RATE = 0.05
VERIFIED_RATE = 0.85

YEARLY_DEC = ("revenue", "rd_expense", "tax_paid", "export_value")
PLAIN_DEC = ("registered_capital", "fixed_investment", "total_assets")
INTS = ("employees", "rd_staff", "patents", "invention_patents", "firm_age")
FLAGS = {"hightech": 0.15, "specialized": 0.08, "listed": 0.05, "rd_center": 0.12, "sme": 0.70, "green_factory": 0.06}
DISTRICTS = (
    "220102",
    "220103",
    "220104",
    "220105",
    "220106",
    "220112",
    "220113",
    "220118",
    "220122",
    "220182",
    "220183",
    "220184",
)
INDUSTRIES = (
    "A01",
    "A03",
    "B06",
    "C13",
    "C14",
    "C17",
    "C18",
    "C26",
    "C27",
    "C29",
    "C30",
    "C33",
    "C34",
    "C35",
    "C36",
    "C37",
    "C38",
    "C39",
    "C40",
    "D44",
    "E47",
    "E48",
    "F51",
    "F52",
    "G54",
    "G59",
    "H61",
    "H62",
    "I63",
    "I64",
    "I65",
    "J66",
    "K70",
    "L72",
    "M73",
    "M74",
    "M75",
    "N77",
    "P83",
    "Q84",
    "R86",
    "R87",
)
LABELS = {
    "revenue": ("营业收入", "万元"),
    "rd_expense": ("研发费用", "万元"),
    "tax_paid": ("纳税额", "万元"),
    "export_value": ("出口额", "万元"),
    "registered_capital": ("注册资本", "万元"),
    "fixed_investment": ("固定资产投资", "万元"),
    "total_assets": ("资产总额", "万元"),
    "employees": ("从业人数", "人"),
    "rd_staff": ("研发人员数", "人"),
    "patents": ("有效专利数", "件"),
    "invention_patents": ("发明专利数", "件"),
    "firm_age": ("成立年限", "年"),
    "hightech": ("国家高新技术企业", None),
    "specialized": ("专精特新企业", None),
    "listed": ("上市企业", None),
    "rd_center": ("省级以上研发中心", None),
    "sme": ("中小企业", None),
    "green_factory": ("绿色工厂", None),
    "district": ("所在区县", None),
    "industry": ("行业代码", None),
}
SOURCES = {
    "tax": "税务局",
    "market_supervision": "市场监督管理局",
    "statistics": "统计局",
    "science_bureau": "科学技术局",
    "miit": "工业和信息化局",
    "self_declared": "企业自行填报",
}


def value_columns() -> list[str]:
    cols = [f"{a}_{y}" for a in YEARLY_DEC for y in (LAST_YEAR, TWO_YEARS_AGO)]
    return cols + list(PLAIN_DEC) + list(INTS) + list(FLAGS) + ["district", "industry"]


def column_kind(column: str) -> str:
    if column in INTS:
        return "int"
    if column in FLAGS:
        return "bool"
    if column in ("district", "industry"):
        return "str"
    return "dec"


def build_schema() -> Schema:
    from policyreach.rules.schema import Attribute, CodeSet, Schema
    from policyreach.rules.types import Type

    attrs = {}
    for name in (*YEARLY_DEC, *PLAIN_DEC, *INTS, *FLAGS, "district", "industry"):
        label, unit = LABELS[name]
        type_ = (
            Type.DEC
            if name in YEARLY_DEC or name in PLAIN_DEC
            else Type.INT
            if name in INTS
            else Type.BOOL
            if name in FLAGS
            else Type.STR
        )
        source = (
            "tax"
            if name in YEARLY_DEC
            else "statistics"
            if name in INTS
            else "miit"
            if name in FLAGS
            else "market_supervision"
        )
        attrs[name] = Attribute(
            name=name,
            label=label,
            type=type_,
            unit=unit,
            source=source,
            yearly=name in YEARLY_DEC,
            codeset="CHANGCHUN_DISTRICTS" if name == "district" else None,
        )
    codesets = {"CHANGCHUN_DISTRICTS": CodeSet(name="CHANGCHUN_DISTRICTS", label="长春市区县", values=DISTRICTS)}
    return Schema(sources=dict(SOURCES), attributes=attrs, codesets=codesets)


# --------------------------------------------------------------------------- population


@dataclass
class Population:
    n: int
    values: dict[str, np.ndarray]  # dec: int64 scaled by 10**DEC_PLACES; int: int64; bool; str: int codes
    missing: dict[str, np.ndarray]  # bool, True = missing
    verified: dict[str, np.ndarray]

    def known(self, column: str) -> np.ndarray:
        return ~self.missing[column]


def _dec(x: np.ndarray) -> np.ndarray:
    scaled: np.ndarray = np.round(np.clip(x, 0, 5e7) * 10**DEC_PLACES).astype(np.int64)
    return scaled


def generate_population(n: int, rng: np.random.Generator) -> Population:
    v: dict[str, np.ndarray] = {}
    rev24 = rng.lognormal(math.log(1500), 1.6, n)
    rev23 = rev24 * rng.lognormal(0, 0.25, n)
    for year, rev in ((LAST_YEAR, rev24), (TWO_YEARS_AGO, rev23)):
        v[f"revenue_{year}"] = _dec(rev)
        v[f"rd_expense_{year}"] = _dec(rev * np.clip(rng.gamma(1.5, 0.02, n), 0, 0.5))
        v[f"tax_paid_{year}"] = _dec(rev * rng.uniform(0.005, 0.08, n))
        v[f"export_value_{year}"] = _dec(np.where(rng.random(n) < 0.25, rev * rng.uniform(0, 0.8, n), 0))
    v["registered_capital"] = _dec(rng.lognormal(math.log(500), 1.4, n))
    v["fixed_investment"] = _dec(rng.lognormal(math.log(300), 1.8, n))
    v["total_assets"] = _dec(rev24 * rng.lognormal(0, 0.6, n))
    employees = np.maximum(1, np.round(rng.lognormal(math.log(30), 1.2, n))).astype(np.int64)
    v["employees"] = employees
    v["rd_staff"] = rng.binomial(employees, rng.beta(2, 12, n)).astype(np.int64)
    patents = rng.negative_binomial(1, 0.2, n).astype(np.int64)
    v["patents"] = patents
    v["invention_patents"] = rng.binomial(patents, 0.3).astype(np.int64)
    v["firm_age"] = np.minimum(60, np.floor(rng.exponential(8, n))).astype(np.int64)
    for flag, p in FLAGS.items():
        v[flag] = rng.random(n) < p
    district_p = rng.dirichlet(np.full(len(DISTRICTS), 3.0))
    v["district"] = rng.choice(len(DISTRICTS), n, p=district_p).astype(np.int64)
    industry_p = rng.dirichlet(np.full(len(INDUSTRIES), 1.5))
    v["industry"] = rng.choice(len(INDUSTRIES), n, p=industry_p).astype(np.int64)
    missing = {c: rng.random(n) < MISSING_RATE for c in value_columns()}
    verified = {c: rng.random(n) < VERIFIED_RATE for c in value_columns()}
    return Population(n=n, values=v, missing=missing, verified=verified)


# --------------------------------------------------------------------------- conditions


@dataclass
class Cond:
    """One distinct condition: the rules-language text and what OpenFisca needs to encode it."""

    id: int
    kind: str  # cmp | flag | in | prefix | ratio | growth
    expr: str
    attrs: tuple[str, ...]  # attribute names (for "one condition per attribute per benefit")
    columns: tuple[str, ...]  # stored columns read
    op: str = ">="
    value: str = "0"  # threshold as decimal text
    negate: bool = False
    codes: tuple[int, ...] = ()  # district/industry code indices for in/prefix
    prefixes: tuple[str, ...] = ()
    pass_rate: float = 0.0
    planted: list[int] = field(default_factory=list)  # rows planted exactly at the threshold


def _year_ref(year: int) -> str:
    return "last_year" if year == LAST_YEAR else "years_ago(2)"


def _fmt(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text


def _round_threshold(q: float, rng: np.random.Generator, places: int) -> Decimal:
    """Policy-like thresholds: round numbers, or (1 in 3) a figure to the cent like 2000.01."""
    if q <= 0:
        return Decimal(0)
    if rng.random() < 1 / 3:
        return Decimal(repr(q)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    digits = 2
    exp = math.floor(math.log10(q)) - digits + 1
    step = Decimal(1).scaleb(exp)
    return (Decimal(repr(q)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _passes(pop: Population, cond: Cond) -> np.ndarray:
    """Exact evaluation (scaled integers) of a condition over the population; missing → False."""
    v = pop.values
    known = np.ones(pop.n, dtype=bool)
    for c in cond.columns:
        known &= pop.known(c)
    if cond.kind == "cmp":
        col = cond.columns[0]
        scale = 10**DEC_PLACES if column_kind(col) == "dec" else 1
        t = Decimal(cond.value) * scale
        x = v[col]
        # compare integers exactly: x op t  (t may be fractional for decimals beyond 4 places: not used)
        t_int = int(t)
        assert t == t_int
        res = {">=": x >= t_int, ">": x > t_int, "<": x < t_int, "<=": x <= t_int}[cond.op]
    elif cond.kind == "flag":
        res = v[cond.columns[0]] != cond.negate
    elif cond.kind in ("in", "prefix"):
        res = np.isin(v[cond.columns[0]], np.array(cond.codes))
    elif cond.kind == "ratio":
        a, b = v[cond.columns[0]], v[cond.columns[1]]
        known &= b != 0
        # ratio rounded half up to 6 places, then compared (rules-language semantics)
        r = _ratio6(a, b)
        res = r >= int(Decimal(cond.value) * 10**6)
    elif cond.kind == "growth":
        a, b = v[cond.columns[0]], v[cond.columns[1]]
        f = Decimal(cond.value)
        num, den = f.as_integer_ratio()
        res = a * den >= b * num
    else:  # pragma: no cover
        raise ValueError(cond.kind)
    return res & known


def _ratio6(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """round_half_up(a / b, 6) × 10**6 for non-negative int64 arrays (b == 0 → 0)."""
    b_safe = np.where(b == 0, 1, b)
    num = a * 10**6  # a ≤ 5e7 万元 × 10**4 → 5e17 < 2**63
    rounded: np.ndarray = (2 * num + b_safe) // (2 * b_safe)
    return rounded


def _quantile(pop: Population, column: str, q: float) -> float:
    x = pop.values[column][pop.known(column)]
    scale = 10**DEC_PLACES if column_kind(column) == "dec" else 1
    return float(np.quantile(x, q)) / scale


def generate_pool(pop: Population, rng: np.random.Generator, size: int) -> list[Cond]:
    pool: list[Cond] = []
    seen: set[str] = set()
    kinds = ["cmp_dec", "cmp_int", "flag", "in", "prefix", "ratio", "growth"]
    weights = np.array([0.38, 0.18, 0.03, 0.13, 0.10, 0.12, 0.06])
    attempts = 0
    while len(pool) < size and attempts < size * 200:
        attempts += 1
        kind = kinds[rng.choice(len(kinds), p=weights / weights.sum())]
        target = math.exp(rng.uniform(math.log(0.05), math.log(0.60)))
        cond = _make_condition(kind, pop, rng, target, len(pool))
        if cond is None or cond.expr in seen:
            continue
        rate = _passes(pop, cond).mean()
        if not 0.03 <= rate <= 0.65:
            continue
        cond.pass_rate = float(rate)
        seen.add(cond.expr)
        pool.append(cond)
    return pool


def _make_condition(kind: str, pop: Population, rng: np.random.Generator, target: float, cid: int) -> Cond | None:
    if kind == "cmp_dec":
        attrs = list(YEARLY_DEC) + list(PLAIN_DEC)
        attr = attrs[rng.integers(len(attrs))]
        if attr in YEARLY_DEC:
            year = LAST_YEAR if rng.random() < 0.75 else TWO_YEARS_AGO
            column, ref = f"{attr}_{year}", f"{attr}[{_year_ref(year)}]"
        else:
            column, ref = attr, attr
        upper = rng.random() < 0.8  # "不低于 X" is far more common than "低于 X"
        op = (">=" if rng.random() < 0.8 else ">") if upper else ("<" if rng.random() < 0.7 else "<=")
        q = _quantile(pop, column, 1 - target if upper else target)
        t = _round_threshold(q, rng, 2)
        if t <= 0:
            return None
        return Cond(cid, "cmp", f"{ref} {op} {_fmt(t)}", (attr,), (column,), op=op, value=_fmt(t))
    if kind == "cmp_int":
        attr = INTS[rng.integers(len(INTS))]
        upper = (attr == "firm_age" and rng.random() < 0.5) or rng.random() < 0.75
        op = ">=" if upper else "<="
        q = _quantile(pop, attr, 1 - target if upper else target)
        whole = round(q)
        if upper and whole <= 0:
            return None
        return Cond(cid, "cmp", f"{attr} {op} {whole}", (attr,), (attr,), op=op, value=str(whole))
    if kind == "flag":
        attr = list(FLAGS)[rng.integers(len(FLAGS))]
        negate = FLAGS[attr] > 0.6 or rng.random() < 0.1
        return Cond(cid, "flag", f"not {attr}" if negate else attr, (attr,), (attr,), negate=negate)
    if kind == "in":
        order = rng.permutation(len(DISTRICTS))
        share = np.bincount(pop.values["district"], minlength=len(DISTRICTS)) / pop.n
        codes: list[int] = []
        for i in order:
            if share[codes].sum() >= target:
                break
            codes.append(int(i))
        codes.sort()
        text = ", ".join(f'"{DISTRICTS[i]}"' for i in codes)
        return Cond(cid, "in", f"district in [{text}]", ("district",), ("district",), codes=tuple(codes))
    if kind == "prefix":
        share = np.bincount(pop.values["industry"], minlength=len(INDUSTRIES)) / pop.n
        candidates = sorted({c[:1] for c in INDUSTRIES} | {c[:2] for c in INDUSTRIES} | set(INDUSTRIES))
        order = rng.permutation(len(candidates))
        prefixes: list[str] = []
        covered: set[int] = set()
        for i in order:
            p = candidates[i]
            codes_p = {k for k, c in enumerate(INDUSTRIES) if c.startswith(p)}
            if codes_p <= covered or share[sorted(covered | codes_p)].sum() > target * 1.3 + 0.02:
                continue
            prefixes.append(p)
            covered |= codes_p
            if share[sorted(covered)].sum() >= target or len(prefixes) >= 4:
                break
        if not prefixes:
            return None
        prefixes.sort()
        text = ", ".join(f'"{p}"' for p in prefixes)
        return Cond(
            cid,
            "prefix",
            f"startswith(industry, [{text}])",
            ("industry",),
            ("industry",),
            prefixes=tuple(prefixes),
            codes=tuple(sorted(covered)),
        )
    if kind == "ratio":
        pairs = [
            ("rd_expense", "revenue", True),
            ("export_value", "revenue", True),
            ("tax_paid", "revenue", True),
            ("rd_staff", "employees", False),
            ("invention_patents", "patents", False),
        ]
        num_attr, den_attr, yearly = pairs[rng.integers(len(pairs))]
        if yearly:
            year = LAST_YEAR if rng.random() < 0.8 else TWO_YEARS_AGO
            cols = (f"{num_attr}_{year}", f"{den_attr}_{year}")
            refs = (f"{num_attr}[{_year_ref(year)}]", f"{den_attr}[{_year_ref(year)}]")
        else:
            cols, refs = (num_attr, den_attr), (num_attr, den_attr)
        a, b = pop.values[cols[0]], pop.values[cols[1]]
        ok = pop.known(cols[0]) & pop.known(cols[1]) & (b != 0)
        r = a[ok] / b[ok]
        q = float(np.quantile(r, 1 - target))
        t = Decimal(repr(q)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if t <= 0:
            t = Decimal("0.01") if rng.random() < 0.5 else Decimal("0.005")
        return Cond(
            cid,
            "ratio",
            f"ratio({refs[0]}, {refs[1]}) >= {_fmt(t)}",
            (f"ratio:{num_attr}/{den_attr}",),
            cols,
            op=">=",
            value=_fmt(t),
        )
    if kind == "growth":
        attr = ("revenue", "tax_paid", "rd_expense")[rng.integers(3)]
        a = pop.values[f"{attr}_{LAST_YEAR}"].astype(float)
        b = pop.values[f"{attr}_{TWO_YEARS_AGO}"].astype(float)
        ok = pop.known(f"{attr}_{LAST_YEAR}") & pop.known(f"{attr}_{TWO_YEARS_AGO}") & (b > 0)
        q = float(np.quantile(a[ok] / b[ok], 1 - target))
        if not 1.0 < q <= 1.6:
            return None
        f = Decimal(repr(q)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return Cond(
            cid,
            "growth",
            f"{attr}[last_year] >= {attr}[years_ago(2)] * {_fmt(f)}",
            (f"growth:{attr}",),
            (f"{attr}_{LAST_YEAR}", f"{attr}_{TWO_YEARS_AGO}"),
            op=">=",
            value=_fmt(f),
        )
    raise ValueError(kind)  # pragma: no cover


def plant_threshold_cases(pop: Population, pool: list[Cond], rng: np.random.Generator, per_condition: int) -> int:
    """Put some firms exactly at thresholds (exact decimals: met; float32: maybe not). Returns rows planted."""
    planted = 0
    scale = 10**DEC_PLACES
    for cond in pool:
        if cond.kind not in ("cmp", "ratio", "growth"):
            continue
        rows = rng.choice(pop.n, size=min(per_condition, pop.n), replace=False)
        for c in cond.columns:
            pop.missing[c][rows] = False
        v = pop.values
        if cond.kind == "cmp":
            col = cond.columns[0]
            exact = int(Decimal(cond.value) * (scale if column_kind(col) == "dec" else 1))
            # a third exactly at the threshold, a third 1 元 (one unit) below, a third 1 元 above
            v[col][rows] = exact + (np.arange(rows.size) % 3) - 1 if column_kind(col) == "dec" else exact
        elif cond.kind == "ratio":
            num, den = cond.columns
            r = Decimal(cond.value)
            if column_kind(den) == "dec":
                base = rng.integers(50, 50000, rows.size) * 100  # whole 万元 × 100 keeps num at ≤ 4 places
                v[den][rows] = base * scale // 100
                v[num][rows] = np.array([int(Decimal(int(b)) / 100 * r * scale) for b in base], dtype=np.int64)
            else:
                ok = [(x, int(Decimal(x) * r)) for x in range(10, 5000) if Decimal(x) * r == int(Decimal(x) * r)]
                if not ok:
                    continue
                pick = rng.integers(len(ok), size=rows.size)
                v[den][rows] = [ok[i][0] for i in pick]
                v[num][rows] = [ok[i][1] for i in pick]
        else:  # growth: a = b × f exactly
            a_col, b_col = cond.columns
            f = Decimal(cond.value)
            base = rng.integers(100, 100000, rows.size)
            v[b_col][rows] = base * scale
            v[a_col][rows] = np.array([int(Decimal(int(b)) * f * scale) for b in base], dtype=np.int64)
        cond.planted = rows.tolist()
        planted += rows.size
    return planted


# --------------------------------------------------------------------------- benefits


@dataclass
class Benefit:
    id: str
    conditions: tuple[int, ...]  # pool ids
    amount: str | None


def generate_benefits(pool: list[Cond], rng: np.random.Generator, count: int) -> list[Benefit]:
    popularity = 1.0 / np.arange(1, len(pool) + 1) ** 0.6
    popularity = popularity[rng.permutation(len(pool))]
    popularity /= popularity.sum()
    benefits = []
    for i in range(count):
        k = int(rng.integers(3, 7))
        chosen: list[int] = []
        used: set[str] = set()
        for cid in rng.choice(len(pool), size=len(pool), replace=False, p=popularity):
            cond = pool[int(cid)]
            key = cond.attrs[0].split(":")[-1].split("/")[0]
            if key in used:
                continue
            used.add(key)
            chosen.append(int(cid))
            if len(chosen) == k:
                break
        benefits.append(Benefit(id=f"bench-{i:04d}", conditions=tuple(chosen), amount=_amount(rng)))
    return benefits


def _amount(rng: np.random.Generator) -> str | None:
    u = rng.random()
    if u < 0.4:
        return str(rng.choice([5, 10, 20, 30, 50, 100]))
    if u < 0.8:
        col = ("rd_expense[last_year]", "revenue[last_year]", "tax_paid[last_year]", "fixed_investment")[
            rng.integers(4)
        ]
        rate = ("0.01", "0.02", "0.05", "0.1", "0.2")[rng.integers(5)]
        cap = (50, 100, 200, 500)[rng.integers(4)]
        return f"min({col} * {rate}, {cap})"
    if u < 0.95:
        return "tier(revenue[last_year], [[0, 10], [5000, 30], [20000, 50], [100000, 100]])"
    return None


def policy_files(benefits: list[Benefit], pool: list[Cond], per_file: int = 20) -> list[tuple[str, str]]:
    """Policy YAML texts (one per policy document of ``per_file`` benefits), as in docs/formats.md."""
    files = []
    for start in range(0, len(benefits), per_file):
        chunk = benefits[start : start + per_file]
        doc: dict[str, Any] = {
            "id": f"bench-policy-{start // per_file:03d}",
            "title": f"基准测试政策 {start // per_file}",
            "issuer": "基准测试局",
            "level": "city",
            "region": "220100",
            "valid_from": dt.date(2024, 1, 1),
            "valid_to": dt.date(2027, 12, 31),
            "source": "合成基准数据，非真实政策。",
            "sample": True,
            "clauses": {"1": "第一条 符合条件的企业可申请。"},
            "benefits": [],
        }
        for b in chunk:
            item: dict[str, Any] = {
                "id": b.id,
                "title": f"事项 {b.id}",
                "kind": "subsidy",
                "payout": "cash",
                "department": "基准测试局",
                "conditions": [{"expr": pool[c].expr, "clause": "1"} for c in b.conditions],
                "application": {"department": "基准测试局", "channel": "政务服务网"},
            }
            if b.amount is not None:
                item["amount"] = {"formula": b.amount, "unit": "万元", "clause": "1"}
            doc["benefits"].append(item)
        files.append((f"bench-{start // per_file:03d}.yaml", yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)))
    return files


# --------------------------------------------------------------------------- frame


def population_frame(pop: Population) -> pl.DataFrame:
    """The engine's input layout: Decimal(18, 6) money, Int64, Boolean, String codes, __verified flags."""
    data: dict[str, pl.Series] = {
        "entity_id": pl.Series("entity_id", np.char.add("E", np.char.zfill(np.arange(pop.n).astype(str), 7))),
        "kind": pl.Series("kind", ["enterprise"]).extend_constant("enterprise", pop.n - 1),
    }
    for col in value_columns():
        raw = pop.values[col]
        kind = column_kind(col)
        mask = pl.Series(pop.missing[col])
        if kind == "dec":
            s = (pl.Series(col, raw).cast(pl.Decimal(18, 6)) / 10**DEC_PLACES).cast(pl.Decimal(18, 6))
        elif kind == "int":
            s = pl.Series(col, raw, dtype=pl.Int64)
        elif kind == "bool":
            s = pl.Series(col, raw, dtype=pl.Boolean)
        else:
            codes = DISTRICTS if col == "district" else INDUSTRIES
            s = pl.Series(col, np.asarray(codes, dtype=object)[raw].tolist(), dtype=pl.String)
        data[col] = s.set(mask, None) if mask.any() else s
        data[f"{col}__verified"] = pl.Series(f"{col}__verified", pop.verified[col] & ~pop.missing[col])
    return pl.DataFrame(list(data.values()))


@dataclass
class Workload:
    pop: Population
    pool: list[Cond]
    benefits: list[Benefit]
    planted_rows: int


def generate(entities: int, benefits: int, pool_size: int, seed: int, plant_per_condition: int = 20) -> Workload:
    rng = np.random.default_rng(seed)
    pop = generate_population(entities, rng)
    pool = generate_pool(pop, rng, pool_size)
    planted = plant_threshold_cases(pop, pool, rng, plant_per_condition)
    for cond in pool:  # recompute pass rates after planting
        cond.pass_rate = float(_passes(pop, cond).mean())
    bens = generate_benefits(pool, rng, benefits)
    return Workload(pop, pool, bens, planted)
