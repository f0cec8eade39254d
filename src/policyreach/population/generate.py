"""A deterministic synthetic 长春: enterprises, institutes and talents, streamed to Parquet/CSV.

Rows are produced in fixed blocks of :data:`BLOCK` rows; block ``b`` draws from its own
``Generator(PCG64(SeedSequence([seed, b])))``. A batch written to the file is a slice of
consecutive blocks, so the values depend only on ``(n, seed, rates, as_of_year)``, never on
``batch_size``; every block is generated whole, so a population is a prefix of a larger
one with the same seed up to its last full block (talents of the last, partial block pick
employers among the rows that exist). Memory holds one batch (plus one block), whatever ``n`` is.

Decimals are written as ``decimal128(18, 6)`` straight from integer micro-units: no float
ever reaches the file. Each value column ``c`` has a ``c__verified`` flag: false where the
value is missing, self-declared (a settable share), or its schema source is ``self_declared``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from policyreach.population import realism as R
from policyreach.population.catalogue import KINDS, Spec, catalogue, columns, years_for

BLOCK = 16_384
MIN_ENTITIES, MAX_ENTITIES = 1, 10_000_000
KIND_P = np.array([0.85, 0.05, 0.10])  # in the order of KINDS
DEC_TYPE = pa.decimal128(18, 6)
VERIFIED = "__verified"
# null means "never"/"not classified" for these: missingness is not applied to them
_NO_MISSING_PREFIX = ("cert_",)
_NO_MISSING = {"name", "uscc", "id_hash", "first_time_above_scale_year", "talent_level"}
_IDENTITY = {"name", "uscc", "id_hash"}  # identity keys: never missing, never self-declared

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_LUT = np.frombuffer(USCC_CHARS.encode(), dtype=np.uint8)
_USCC_W = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)
_ORG_W = np.array([3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_ORG_MULT = 48_271  # coprime with 10**8: index -> organisation code body is a bijection
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


@dataclass
class GenerateResult:
    entities: int
    seed: int
    parquet: Path | None
    csv: Path | None
    kinds: dict[str, int] = field(default_factory=dict)
    columns: int = 0
    seconds: float = 0.0


# ------------------------------------------------------------------------------------------------ public API
def population_schema(as_of_year: int = 2025, specs: list[Spec] | None = None) -> pa.Schema:
    """The Arrow schema of a generated population (value columns, then one ``__verified`` per column)."""
    specs = specs if specs is not None else catalogue()
    fields = [pa.field("entity_id", pa.string(), nullable=False), pa.field("kind", pa.string(), nullable=False)]
    value_cols = _value_columns(specs, as_of_year)
    value_cols.sort(key=lambda c: c[0] != "name")  # entity_id, kind, name first (stable for the rest)
    fields += [pa.field(col, _arrow_type(spec.type)) for col, spec, _ in value_cols]
    fields += [pa.field(col + VERIFIED, pa.bool_(), nullable=False) for col, _, _ in value_cols]
    return pa.schema(fields)


def generate(
    n: int,
    seed: int,
    out: Path | str,
    *,
    missing_rate: float = 0.05,
    self_declared_rate: float = 0.1,
    as_of_year: int = 2025,
    batch_size: int = 100_000,
    csv: bool | Path | str = False,
    progress: Callable[[int], None] | None = None,
    specs: list[Spec] | None = None,
) -> GenerateResult:
    """Write ``n`` entities to ``out`` (Parquet; CSV instead when ``out`` ends in .csv).

    ``csv=True`` also writes ``out`` with a .csv suffix (or ``csv`` when it is a path).
    ``progress`` is called with the number of rows written after each batch.
    """
    if not MIN_ENTITIES <= n <= MAX_ENTITIES:
        raise ValueError(f"entities must be between {MIN_ENTITIES} and {MAX_ENTITIES:,}, got {n}")
    for label, rate in (("missing_rate", missing_rate), ("self_declared_rate", self_declared_rate)):
        if not 0.0 <= rate < 1.0:
            raise ValueError(f"{label} must be in [0, 1), got {rate}")
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    started = time.perf_counter()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    specs = specs if specs is not None else catalogue()
    schema = population_schema(as_of_year, specs)
    parquet_path: Path | None = None if out.suffix.lower() == ".csv" else out
    csv_path: Path | None = out if out.suffix.lower() == ".csv" else None
    if csv is True:
        csv_path = out.with_suffix(".csv")
    elif csv:
        csv_path = Path(csv)
    gen = _Generator(n, seed, missing_rate, self_declared_rate, as_of_year, specs, schema)
    pw = pq.ParquetWriter(parquet_path, schema, compression="zstd") if parquet_path else None
    cw = pacsv.CSVWriter(csv_path, schema) if csv_path else None
    kinds = dict.fromkeys(KINDS, 0)
    try:
        for start in range(0, n, batch_size):
            table = gen.rows(start, min(n, start + batch_size))
            counts = table.column("kind").value_counts().to_pylist()
            for item in counts:
                kinds[item["values"]] += item["counts"]
            if pw:
                pw.write_table(table, row_group_size=batch_size)
            if cw:
                cw.write_table(table)
            del table
            if progress:
                progress(min(n, start + batch_size))
    finally:
        if pw:
            pw.close()
        if cw:
            cw.close()
    return GenerateResult(n, seed, parquet_path, csv_path, kinds, len(schema), time.perf_counter() - started)


# ------------------------------------------------------------------------------------------------ internals
def _arrow_type(typ: str) -> pa.DataType:
    return {"decimal": DEC_TYPE, "integer": pa.int64(), "boolean": pa.bool_(), "date": pa.date32()}.get(
        str(typ), pa.string()
    )


def _value_columns(specs: list[Spec], as_of_year: int) -> list[tuple[str, Spec, int | None]]:
    return columns(specs, years_for(as_of_year))


def _decimal_array(unscaled: np.ndarray, valid: np.ndarray) -> pa.Array:
    """int64 micro-units → decimal128(18, 6) without any float: 16-byte two's complement words."""
    n = len(unscaled)
    lo = unscaled.astype(np.int64)
    words = np.empty((n, 2), dtype=np.int64)
    words[:, 0] = lo
    words[:, 1] = lo >> 63
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little").tobytes())
    null_count = int(n - np.count_nonzero(valid))
    return pa.Array.from_buffers(
        DEC_TYPE, n, [bitmap if null_count else None, pa.py_buffer(words.tobytes())], null_count=null_count
    )


def _years_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def _days(year: int, month: int = 1, day: int = 1) -> int:
    return (dt.date(year, month, day) - dt.date(1970, 1, 1)).days


class _Cols:
    """Full-length column buffers of one block: values + validity per column name."""

    def __init__(self, n: int, specs_by_name: dict[str, Spec]) -> None:
        self.n = n
        self.values: dict[str, np.ndarray] = {}
        self.valid: dict[str, np.ndarray] = {}
        self.specs = specs_by_name

    def put(self, col: str, idx: np.ndarray, values: np.ndarray, valid: np.ndarray | None = None) -> None:
        if col not in self.values:
            self.values[col] = np.zeros(self.n, dtype=values.dtype)
            self.valid[col] = np.zeros(self.n, dtype=bool)
        elif values.dtype.kind == "U" and values.dtype.itemsize > self.values[col].dtype.itemsize:
            self.values[col] = self.values[col].astype(values.dtype)
        self.values[col][idx] = values
        self.valid[col][idx] = True if valid is None else valid


class _Generator:
    def __init__(
        self,
        n: int,
        seed: int,
        missing_rate: float,
        sd_rate: float,
        as_of_year: int,
        specs: list[Spec],
        schema: pa.Schema,
    ) -> None:
        self.n = int(n)
        self.seed = int(seed)
        self.missing_rate = float(missing_rate)
        self.sd_rate = float(sd_rate)
        self.as_of_year = as_of_year
        self.years = years_for(as_of_year)
        self.last = self.years[-1]
        self.ref_day = _days(as_of_year)
        self.specs = specs
        self.by_name = {s.name: s for s in specs}
        self.schema = schema
        self.value_cols = sorted(_value_columns(specs, as_of_year), key=lambda c: c[0] != "name")
        self.dcodes, self.dp = R.district_table()
        self.dcodes_arr = np.array(self.dcodes)
        self.ia = R.industry_arrays()
        self.icodes = np.array([i.code for i in R.INDUSTRIES])
        self.org_offset = int(np.random.SeedSequence([self.seed, 0xC0DE]).generate_state(1)[0]) % 10**8
        self._cache: tuple[int, pa.Table] | None = None
        words: list[str] = []
        word_start = [0]
        for ind in R.INDUSTRIES:
            words.extend(ind.words)
            word_start.append(len(words))
        self.words = np.array(words)
        self.word_start = np.array(word_start)

    # -------------------------------------------------------------------- batches
    def rows(self, start: int, stop: int) -> pa.Table:
        first, last = start // BLOCK, (stop - 1) // BLOCK
        parts = []
        for b in range(first, last + 1):
            table = self.block(b)
            lo = max(start, b * BLOCK) - b * BLOCK
            hi = min(stop, (b + 1) * BLOCK) - b * BLOCK
            parts.append(table.slice(lo, hi - lo))
        return pa.concat_tables(parts).combine_chunks() if len(parts) > 1 else parts[0]

    def block(self, b: int) -> pa.Table:
        if self._cache is not None and self._cache[0] == b:
            return self._cache[1]
        table = self._make_block(b)
        self._cache = (b, table)
        return table

    # -------------------------------------------------------------------- one block
    def _make_block(self, b: int) -> pa.Table:
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([self.seed, b])))
        n = BLOCK
        gidx = np.arange(b * BLOCK, (b + 1) * BLOCK, dtype=np.int64)
        kind = rng.choice(3, size=n, p=KIND_P)
        cols = _Cols(n, self.by_name)
        e_idx = np.flatnonzero(kind == 0)
        i_idx = np.flatnonzero(kind == 1)
        t_idx = np.flatnonzero(kind == 2)
        e_emp = self._enterprises(rng, cols, e_idx, gidx[e_idx])
        i_res = self._institutes(rng, cols, i_idx, gidx[i_idx])
        exists = gidx < self.n  # employers must be in the population (the last block is cut at n)
        self._talents(rng, cols, t_idx, e_idx, e_emp * exists[e_idx], i_idx, i_res * exists[i_idx])
        return self._to_table(b, gidx, kind, cols)

    def _cert_year(self, rng: np.random.Generator, lo: np.ndarray) -> np.ndarray:
        lo = np.clip(lo, 2015, self.last)
        span = self.last - lo + 1
        year = lo + np.floor(rng.random(len(lo)) * span).astype(np.int64)
        recent = rng.random(len(lo)) < 0.1
        return np.where(recent, self.last, year)

    def _place(self, rng: np.random.Generator, cols: _Cols, idx: np.ndarray) -> np.ndarray:
        m = len(idx)
        d = rng.choice(len(self.dcodes), size=m, p=self.dp)
        district = self.dcodes_arr[d]
        cols.put("district", idx, district)
        u = rng.random(m)
        fa = np.full(m, "", dtype="U12")
        for code, options in R.FUNCTIONAL_AREAS.items():
            sel = district == code
            acc = 0.0
            for area, p in options:
                hit = sel & (u >= acc) & (u < acc + p)
                fa[hit] = area
                acc += p
        cols.put("functional_area", idx, fa, fa != "")
        return district

    def _established(self, rng: np.random.Generator, m: int, mean_age: float, max_age: float) -> np.ndarray:
        age = np.minimum(rng.exponential(mean_age, m) + 0.15, max_age)
        return self.ref_day - (age * 365.25).astype(np.int64)

    def _money(self, v: np.ndarray, cents: bool = False) -> np.ndarray:
        """万元 floats → micro-units, rounded to the 元 (or 分): integers from here on."""
        return np.rint(v * 1e6).astype(np.int64) if cents else np.rint(v * 1e4).astype(np.int64) * 100

    def _yearly(
        self, cols: _Cols, name: str, idx: np.ndarray, per_year: list[np.ndarray], alive: list[np.ndarray]
    ) -> None:
        for y, vals, ok in zip(self.years, per_year, alive, strict=True):
            cols.put(f"{name}_{y}", idx, vals, ok)

    def _uscc(self, gidx: np.ndarray, district: np.ndarray, auth: np.ndarray, otype: np.ndarray) -> np.ndarray:
        m = len(gidx)
        body = (gidx * _ORG_MULT + self.org_offset) % 10**8
        digits = (body[:, None] // (10 ** np.arange(7, -1, -1, dtype=np.int64))) % 10
        c9 = 11 - (digits * _ORG_W).sum(axis=1) % 11
        c9 = np.where(c9 == 11, 0, np.where(c9 == 10, USCC_CHARS.index("X"), c9))
        div = np.frombuffer(np.ascontiguousarray(district.astype("S6")).tobytes(), dtype=np.uint8).reshape(m, 6) - 48
        vals = np.empty((m, 18), dtype=np.int64)
        vals[:, 0] = auth
        vals[:, 1] = otype
        vals[:, 2:8] = div
        vals[:, 8:16] = digits
        vals[:, 16] = c9
        check = (31 - (vals[:, :17] * _USCC_W).sum(axis=1) % 31) % 31
        vals[:, 17] = check
        chars = _USCC_LUT[vals].astype(np.uint8)
        return np.ascontiguousarray(chars).view("S18").ravel().astype("U18")

    def _firm_names(self, rng: np.random.Generator, ind: np.ndarray) -> np.ndarray:
        m = len(ind)
        prefix = np.array(R.NAME_PREFIXES)[rng.integers(0, len(R.NAME_PREFIXES), m)]
        bc = np.array(R.BRAND_CHARS)
        brand = np.strings.add(bc[rng.integers(0, len(bc), m)], bc[rng.integers(0, len(bc), m)])
        lo, hi = self.word_start[ind], self.word_start[ind + 1]
        word = self.words[lo + np.floor(rng.random(m) * (hi - lo)).astype(np.int64)]
        form = np.array(R.FORMS)[rng.integers(0, len(R.FORMS), m)]
        return np.strings.add(np.strings.add(np.strings.add(prefix, brand), word), form)

    # -------------------------------------------------------------------- enterprises
    def _enterprises(self, rng: np.random.Generator, cols: _Cols, idx: np.ndarray, gidx: np.ndarray) -> np.ndarray:
        m = len(idx)
        ia = self.ia
        ind = rng.choice(len(R.INDUSTRIES), size=m, p=ia["p"])
        cols.put("industry", idx, self.icodes[ind])
        district = self._place(rng, cols, idx)
        cols.put("uscc", idx, self._uscc(gidx, district, np.full(m, 9), np.full(m, 1)))
        cols.put("name", idx, self._firm_names(rng, ind))
        est = self._established(rng, m, 10.0, 45.0)
        est_year = _years_of(est)
        cols.put("established", idx, est.astype(np.int32))
        alive = [est_year <= y for y in self.years]
        manuf, tech = ia["manuf"][ind], ia["tech"][ind]

        # employees (last year), a heavy tail of large firms, then earlier years by growth
        age = (self.ref_day - est) / 365.25
        log_emp = ia["log_emp"][ind] + rng.normal(0.0, 1.0, m) + 0.03 * np.minimum(age, 20) - 0.25
        big = rng.random(m) < 0.004
        log_emp = np.where(big, log_emp + rng.normal(2.5, 0.8, m), log_emp)
        emp_last = np.clip(np.rint(np.exp(log_emp)), 1, 80_000)
        growth = rng.lognormal(0.04, 0.15, (2, m))
        e2 = emp_last
        e1 = np.maximum(1, np.rint(e2 / growth[1]))
        e0 = np.maximum(1, np.rint(e1 / growth[0]))
        emp = [e0.astype(np.int64), e1.astype(np.int64), e2.astype(np.int64)]
        self._yearly(cols, "employees", idx, emp, alive)

        # revenue: employees x revenue per head (firm effect + yearly noise); assets follow revenue
        pc = ia["rev_pc"][ind] * rng.lognormal(0.0, 0.6, m)
        rev = [emp[k] * pc * rng.lognormal(0.0, 0.12, m) for k in range(3)]
        self._yearly(cols, "revenue", idx, [self._money(r) for r in rev], alive)
        asset_ratio = rng.lognormal(0.0, 0.5, m) * np.where(manuf, 1.3, 0.9)
        assets = [r * asset_ratio * rng.lognormal(0.0, 0.05, m) for r in rev]
        self._yearly(cols, "total_assets", idx, [self._money(a) for a in assets], alive)
        tax_rate = np.clip(rng.lognormal(np.log(0.04), 0.5, m), 0.0, 0.2) * (rng.random(m) > 0.08)
        self._yearly(
            cols,
            "tax_paid",
            idx,
            [self._money(r * tax_rate * rng.lognormal(0, 0.1, m), cents=True) for r in rev],
            alive,
        )
        capital = np.maximum(1.0, np.rint(assets[2] * rng.lognormal(np.log(0.35), 0.8, m)))
        capital = np.where(capital > 1000, np.rint(capital / 100) * 100, capital)
        cols.put("registered_capital", idx, self._money(capital))

        # certifications: 高新 drives R&D; propensities from industry tech level and size
        can = est_year <= self.last
        size_mult = np.select([emp_last < 10, emp_last < 100], [0.35, 1.5], 2.4)
        p_ht = np.clip(0.2 * tech * size_mult + 0.003, 0, 0.9)
        ht = (est_year <= self.last - 1) & (rng.random(m) < p_ht * (1.2 - 0.8 * (est_year >= self.last - 3)))
        p_sme = np.where(ht, 0.55, np.clip(0.2 * tech * np.minimum(size_mult, 1.5) + 0.02, 0, 0.9))
        sme = can & (emp_last < 500) & (rng.random(m) < p_sme)
        srdi_pool = (est_year <= self.last - 2) & (emp_last >= 10) & (manuf | (tech > 0.5))
        srdi = srdi_pool & (rng.random(m) < np.where(ht, 0.22, 0.04))
        giant = srdi & (rng.random(m) < 0.1)
        gazelle = ht & (rng.random(m) < 0.07)
        unicorn = ht & (emp_last >= 200) & (rng.random(m) < 0.01)
        demo = can & manuf & (emp_last >= 100) & (rng.random(m) < 0.04)
        tc_prov = can & manuf & (emp_last >= 50) & (rng.random(m) < np.where(ht, 0.2, 0.05))
        tc_nat = tc_prov & (emp_last >= 300) & (rng.random(m) < 0.15)
        first_set = can & ia["equipment"][ind] & (emp_last >= 50) & (rng.random(m) < 0.05)
        lab = can & (ht | (tech > 0.8)) & (rng.random(m) < np.where(ht, 0.04, 0.004))
        est_y = est_year.astype(np.int64)
        ht_year = self._cert_year(rng, est_y + 1)
        sme_year = self._cert_year(rng, est_y)
        srdi_year = self._cert_year(rng, np.maximum(est_y + 2, 2016))
        giant_year = self._cert_year(rng, np.maximum(srdi_year, 2019))
        tcp_year = self._cert_year(rng, est_y + 2)
        tcn_year = self._cert_year(rng, tcp_year)
        for col, flag, year in (
            ("cert_hightech_year", ht, ht_year),
            ("cert_tech_sme_year", sme, sme_year),
            ("cert_srdi_year", srdi, srdi_year),
            ("cert_little_giant_year", giant, giant_year),
            ("cert_gazelle_year", gazelle, self._cert_year(rng, np.maximum(ht_year, est_y + 1))),
            ("cert_unicorn_year", unicorn, self._cert_year(rng, est_y + 1)),
            ("cert_innovation_demo_year", demo, self._cert_year(rng, est_y + 3)),
            ("cert_tech_center_prov_year", tc_prov, tcp_year),
            ("cert_tech_center_nat_year", tc_nat, tcn_year),
            ("cert_first_set_year", first_set, self._cert_year(rng, est_y + 1)),
            ("cert_lab_prov_year", lab, self._cert_year(rng, est_y + 2)),
        ):
            cols.put(col, idx, np.minimum(year, self.last), flag)

        # R&D: intensity by certification and industry
        rd_any = ht | sme | (rng.random(m) < tech * 0.45) | (rng.random(m) < 0.04)
        ratio = (
            np.where(
                ht, rng.uniform(0.03, 0.12, m), np.where(sme, rng.uniform(0.02, 0.08, m), rng.uniform(0.002, 0.03, m))
            )
            * rd_any
        )
        self._yearly(
            cols, "rd_expense", idx, [self._money(rev[k] * ratio * rng.lognormal(0, 0.1, m)) for k in range(3)], alive
        )
        share = (
            np.where(ht, rng.uniform(0.1, 0.35, m), np.where(sme, rng.uniform(0.05, 0.2, m), rng.uniform(0.0, 0.1, m)))
            * rd_any
        )
        self._yearly(cols, "rd_staff", idx, [np.rint(emp[k] * share).astype(np.int64) for k in range(3)], alive)
        tech_contract = (ht & (rng.random(m) < 0.3)) | (sme & (rng.random(m) < 0.15)) | (rng.random(m) < 0.01)
        tc_share = rng.lognormal(np.log(0.05), 0.8, m) * tech_contract
        self._yearly(
            cols,
            "tech_contract_turnover",
            idx,
            [self._money(rev[k] * tc_share * rng.lognormal(0, 0.3, m)) for k in range(3)],
            alive,
        )

        # trade, investment, finance
        exporter = rng.random(m) < np.where(manuf, 0.09, 0.012)
        exp_share = rng.uniform(0.05, 0.45, m) * exporter
        self._yearly(
            cols, "exports", idx, [self._money(rev[k] * exp_share * rng.lognormal(0, 0.15, m)) for k in range(3)], alive
        )
        invests = rng.random(m) < np.where(manuf, 0.45, 0.2)
        self._yearly(
            cols,
            "fixed_investment",
            idx,
            [
                self._money(rev[k] * rng.lognormal(np.log(0.06), 0.9, m) * invests * (rng.random(m) < 0.8))
                for k in range(3)
            ],
            alive,
        )
        borrower = rng.random(m) < 0.28
        loans = [rev[k] * rng.uniform(0.05, 0.5, m) * borrower * (rng.random(m) < 0.85) for k in range(3)]
        self._yearly(cols, "new_loans", idx, [self._money(x) for x in loans], alive)
        rate = rng.uniform(0.032, 0.06, m)
        self._yearly(cols, "loan_interest_paid", idx, [self._money(x * rate, cents=True) for x in loans], alive)
        self._yearly(
            cols,
            "new_hires_graduates",
            idx,
            [rng.poisson(emp[k] * np.where(ht, 0.05, 0.012)).astype(np.int64) for k in range(3)],
            alive,
        )

        # IP, credit, registration facts
        cols.put(
            "invention_patents",
            idx,
            (rng.poisson(np.where(ht, 6.0, np.where(sme, 1.5, 0.04))) * np.where(big, 4, 1)).astype(np.int64),
        )
        cols.put(
            "other_patents",
            idx,
            rng.poisson(np.where(ht, 12.0, np.where(sme, 4.0, 0.3 * tech + 0.05))).astype(np.int64),
        )
        cols.put("serious_violation", idx, rng.random(m) < 0.012)
        p_a = np.clip(0.12 + 0.25 * ht + 0.1 * (emp_last >= 100), 0, 0.9)
        u = rng.random(m)
        rest = (u - p_a) / (1 - p_a)
        grade = np.where(u < p_a, "A", np.select([rest < 0.55, rest < 0.88, rest < 0.97], ["B", "M", "C"], "D"))
        cols.put("tax_credit_grade", idx, grade.astype("U1"))
        own = rng.choice(6, size=m, p=[0.035, 0.885, 0.02, 0.015, 0.01, 0.035])
        own = np.where((emp_last >= 1000) & (rng.random(m) < 0.3), 0, own)
        cols.put("ownership", idx, np.array(["state", "private", "foreign", "hmt", "collective", "other"])[own])
        rev_last = rev[2]
        p_listed = np.select([rev_last >= 50_000, rev_last >= 10_000], [0.2, 0.02], 0.00005)
        cols.put("listed", idx, rng.random(m) < p_listed)
        cols.put("registered_in_changchun", idx, rng.random(m) < 0.985)
        thresh = np.array([R.above_scale_threshold(c) for c in self.icodes])[ind]
        above = [alive[k] & (rev[k] >= thresh) for k in range(3)]
        first = np.where(above[0], 0, np.where(above[1], self.years[1], np.where(above[2], self.last, -1)))
        early_lo = np.maximum(est_y, 2011)
        early = early_lo + np.floor(rng.random(m) * np.maximum(1, self.years[0] - early_lo + 1)).astype(np.int64)
        first = np.where(first == 0, np.minimum(early, self.years[0]), first)
        cols.put("first_time_above_scale_year", idx, first.astype(np.int64), first > 0)
        return np.where(alive[2], emp_last, 0).astype(float)

    # -------------------------------------------------------------------- institutes
    def _institutes(self, rng: np.random.Generator, cols: _Cols, idx: np.ndarray, gidx: np.ndarray) -> np.ndarray:
        m = len(idx)
        types = np.array(["university", "research_institute", "new_rd_institution", "hospital"])
        t = rng.choice(4, size=m, p=[0.15, 0.40, 0.25, 0.20])
        cols.put("institute_type", idx, types[t])
        district = self._place(rng, cols, idx)
        # 事业单位 (机构编制 "1", type "2"); new R&D institutions as 民办非企业单位 (民政 "5", type "2")
        auth = np.where(t == 2, 5, 1)
        cols.put("uscc", idx, self._uscc(gidx, district, auth, np.full(m, 2)))
        prefix = np.array(R.INSTITUTE_PREFIXES)[rng.integers(0, len(R.INSTITUTE_PREFIXES), m)]
        fieldw = np.array(R.INSTITUTE_FIELDS)[rng.integers(0, len(R.INSTITUTE_FIELDS), m)]
        suffix = np.empty(m, dtype="U12")
        for k, name in enumerate(types):
            opts = np.array(R.INSTITUTE_SUFFIX[str(name)])
            sel = t == k
            suffix[sel] = opts[rng.integers(0, len(opts), int(sel.sum()))]
        names = np.strings.add(np.strings.add(prefix, fieldw), suffix)
        cols.put("name", idx, names)
        est = self._established(rng, m, np.array([40.0, 30.0, 5.0, 35.0])[t].mean(), 70.0)
        est = np.where(t == 2, self.ref_day - (rng.uniform(0.5, 12, m) * 365.25).astype(np.int64), est)
        est_year = _years_of(est)
        cols.put("established", idx, est.astype(np.int32))
        alive = [est_year <= y for y in self.years]
        base = np.array([np.log(400), np.log(80), np.log(30), np.log(60)])[t] + rng.normal(0, 0.8, m)
        res_last = np.clip(np.rint(np.exp(base)), 3, 20_000)
        g = rng.lognormal(0.03, 0.1, (2, m))
        r1 = np.maximum(1, np.rint(res_last / g[1]))
        r0 = np.maximum(1, np.rint(r1 / g[0]))
        res = [r0.astype(np.int64), r1.astype(np.int64), res_last.astype(np.int64)]
        self._yearly(cols, "researchers", idx, res, alive)
        per = rng.lognormal(np.log(25), 0.5, m)
        self._yearly(
            cols, "rd_expense", idx, [self._money(res[k] * per * rng.lognormal(0, 0.1, m)) for k in range(3)], alive
        )
        has_tc = rng.random(m) < 0.6
        self._yearly(
            cols,
            "tech_contract_turnover",
            idx,
            [self._money(res[k] * rng.lognormal(np.log(5), 1.0, m) * has_tc) for k in range(3)],
            alive,
        )
        has_tt = rng.random(m) < 0.4
        self._yearly(
            cols,
            "tech_transfer_income",
            idx,
            [self._money(res[k] * rng.lognormal(np.log(2), 1.0, m) * has_tt) for k in range(3)],
            alive,
        )
        est_y = est_year.astype(np.int64)
        lab_prov = rng.random(m) < np.array([0.5, 0.3, 0.1, 0.15])[t]
        lab_nat = lab_prov & (rng.random(m) < np.array([0.25, 0.12, 0.02, 0.05])[t])
        cols.put("cert_lab_prov_year", idx, self._cert_year(rng, est_y + 1), lab_prov)
        cols.put("cert_lab_nat_year", idx, self._cert_year(rng, est_y + 3), lab_nat)
        level = np.where(
            lab_nat, "national", np.where(lab_prov, "province", np.where(rng.random(m) < 0.25, "city", "none"))
        )
        cols.put("platform_level", idx, level)
        cols.put("serious_violation", idx, rng.random(m) < 0.002)
        return np.where(alive[2], res_last, 0).astype(float)

    # -------------------------------------------------------------------- talents
    def _talents(
        self,
        rng: np.random.Generator,
        cols: _Cols,
        idx: np.ndarray,
        e_idx: np.ndarray,
        e_emp: np.ndarray,
        i_idx: np.ndarray,
        i_res: np.ndarray,
    ) -> None:
        m = len(idx)
        sur = np.array(R.SURNAMES)[rng.integers(0, len(R.SURNAMES), m)]
        gc = np.array(R.GIVEN_CHARS)
        given = np.where(
            rng.random(m) < 0.7,
            np.strings.add(gc[rng.integers(0, len(gc), m)], gc[rng.integers(0, len(gc), m)]),
            gc[rng.integers(0, len(gc), m)],
        )
        cols.put("name", idx, np.strings.add(sur, given))
        hexed = _HEX[rng.integers(0, 256, (m, 16), dtype=np.uint8)[:, :, None] >> np.array([4, 0], np.uint8) & 15]
        cols.put("id_hash", idx, np.ascontiguousarray(hexed.reshape(m, 32)).view("S32").ravel().astype("U32"))
        # employer: an enterprise or institute of the same block, weighted by its workforce
        pool = np.concatenate([e_idx, i_idx])
        weight = np.concatenate([np.sqrt(e_emp), np.sqrt(i_res) * 3])
        if len(pool) and weight.sum() > 0:
            emp_rows = pool[rng.choice(len(pool), size=m, p=weight / weight.sum())]
            cols.put("employer_uscc", idx, cols.values["uscc"][emp_rows])
            cols.put("employer_district", idx, cols.values["district"][emp_rows])
        age = np.clip(rng.normal(35, 8, m), 22, 62)
        birth = self.ref_day - (age * 365.25).astype(np.int64) - rng.integers(0, 365, m)
        cols.put("birth_date", idx, birth.astype(np.int32))
        deg = rng.choice(5, size=m, p=[0.08, 0.27, 0.45, 0.14, 0.06])
        degrees = np.array(["doctor", "master", "bachelor", "college", "other"])
        cols.put("degree", idx, degrees[deg])
        seniority = (age - 22) / 40 + np.array([0.35, 0.2, 0.0, -0.1, -0.2])[deg] + rng.normal(0, 0.15, m)
        title = np.select(
            [seniority > 0.75, seniority > 0.5, seniority > 0.3, seniority > 0.1],
            ["senior", "deputy_senior", "intermediate", "junior"],
            "none",
        )
        cols.put("title", idx, title)
        score = seniority + np.array([0.3, 0.1, 0.0, -0.2, -0.3])[deg] + rng.normal(0, 0.2, m)
        lvl = np.select(
            [score > 1.25, score > 1.05, score > 0.85, score > 0.65, score > 0.45], ["A", "B", "C", "D", "E"], ""
        )
        cols.put("talent_level", idx, lvl.astype("U1"), lvl != "")
        cols.put("field", idx, np.array(R.TALENT_FIELDS)[rng.integers(0, len(R.TALENT_FIELDS), m)])
        years_here = np.minimum(rng.exponential(6.0, m), age - 18)
        arrival = self.ref_day - (years_here * 365.25).astype(np.int64) - 1
        cols.put("arrival_date", idx, arrival.astype(np.int32))
        cols.put("owns_home_in_changchun", idx, rng.random(m) < np.clip(0.15 + 0.06 * years_here, 0, 0.85))
        months = np.floor(years_here * 12 * rng.uniform(0.6, 1.0, m)).astype(np.int64)
        cols.put("social_insurance_months", idx, months)
        cols.put("contract_years", idx, np.array([1, 2, 3, 5, 10])[rng.choice(5, size=m, p=[0.1, 0.2, 0.4, 0.2, 0.1])])

    # -------------------------------------------------------------------- arrow
    def _to_table(self, b: int, gidx: np.ndarray, kind: np.ndarray, cols: _Cols) -> pa.Table:
        n = len(gidx)
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([self.seed, b, 1])))
        ids = np.strings.add("E", np.strings.zfill((gidx + 1).astype("U10"), 7))
        arrays: dict[str, pa.Array] = {
            "entity_id": pa.array(ids, type=pa.string()),
            "kind": pa.array(np.array(KINDS)[kind], type=pa.string()),
        }
        verified: dict[str, pa.Array] = {}
        for col, spec, _year in self.value_cols:
            if col not in cols.values:
                arrays[col] = pa.nulls(n, _arrow_type(spec.type))
                verified[col + VERIFIED] = pa.array(np.zeros(n, dtype=bool))
                continue
            values, valid = cols.values[col], cols.valid[col].copy()
            missing = rng.random(n) < self.missing_rate
            declared = rng.random(n) < self.sd_rate
            if not (spec.name in _NO_MISSING or spec.name.startswith(_NO_MISSING_PREFIX)):
                valid &= ~missing
            if spec.name in _IDENTITY:
                declared[:] = False
            arrays[col] = self._arrow(spec.type, values, valid)
            ok = valid & ~declared if spec.verified_source else np.zeros(n, dtype=bool)
            verified[col + VERIFIED] = pa.array(ok)
        arrays.update(verified)
        return pa.Table.from_arrays([arrays[f.name] for f in self.schema], schema=self.schema)

    @staticmethod
    def _arrow(typ: str, values: np.ndarray, valid: np.ndarray) -> pa.Array:
        typ = str(typ)
        if typ == "decimal":
            return _decimal_array(values, valid)
        if typ == "date":
            return pa.array(values.astype(np.int32), type=pa.date32(), mask=~valid)
        if typ == "integer":
            return pa.array(values.astype(np.int64), type=pa.int64(), mask=~valid)
        if typ == "boolean":
            return pa.array(values.astype(bool), type=pa.bool_(), mask=~valid)
        return pa.array(values, type=pa.string(), mask=~valid)
