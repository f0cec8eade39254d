"""The allocation problem: claims on funds, in integer 分 so no strategy ever rounds money."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import polars as pl

FEN = 100  # 分 per 元


@dataclass(frozen=True)
class Fund:
    fund_id: str
    budget: Decimal  # 元
    name: str = ""

    @property
    def budget_fen(self) -> int:
        return int(self.budget * FEN)


@dataclass(frozen=True)
class Priority:
    """The declared objective: a weight per claim, the product of every matching factor (default 1)."""

    size_class: Mapping[str, float] = field(default_factory=dict)  # {"小": 1.5, "微": 2}
    industry: Mapping[str, float] = field(default_factory=dict)  # prefix -> factor: {"C36": 1.5, "C": 1.2}
    district: Mapping[str, float] = field(default_factory=dict)
    label: str = "按申领金额"

    def weights(self, frame: pl.DataFrame) -> np.ndarray:
        weight = np.ones(frame.height)
        if self.size_class and "size_class" in frame.columns:
            weight *= (
                frame["size_class"]
                .replace_strict(dict(self.size_class), default=1.0, return_dtype=pl.Float64)
                .fill_null(1.0)
                .to_numpy()
            )
        if self.district and "district" in frame.columns:
            weight *= (
                frame["district"]
                .replace_strict(dict(self.district), default=1.0, return_dtype=pl.Float64)
                .fill_null(1.0)
                .to_numpy()
            )
        if self.industry and "industry" in frame.columns:
            industry = frame["industry"].fill_null("")
            # the longest matching prefix decides, so "C36" can rank above the rest of "C"
            factor = pl.Series([1.0] * frame.height)
            for prefix in sorted(self.industry, key=len):
                factor = pl.select(
                    pl.when(industry.str.starts_with(prefix)).then(self.industry[prefix]).otherwise(factor)
                ).to_series()
            weight *= factor.to_numpy()
        return weight


@dataclass
class Claims:
    """Claims as arrays (one row per claim), built once from a frame and shared by every strategy.

    Frame columns: claim_id, entity_id, benefit_id, fund, amount (元), reducible (bool), and optionally
    exclusive_group (null = none), order (arrival; default row order), size_class, industry, district.
    """

    frame: pl.DataFrame
    funds: dict[str, Fund]
    entity_cap: Decimal | None = None  # 元 per entity over all its claims (单个主体年度累计上限)
    priority: Priority = field(default_factory=Priority)

    def __post_init__(self) -> None:
        f = self.frame
        unknown = set(f["fund"].unique().to_list()) - set(self.funds)
        if unknown:
            raise ValueError(f"申领所属资金未定义：{sorted(unknown)}")
        self.n = f.height
        self.amount = (f["amount"].cast(pl.Decimal(20, 2)) * FEN).cast(pl.Int64).to_numpy()
        fund_ids = list(self.funds)
        self.fund = f["fund"].replace_strict({k: i for i, k in enumerate(fund_ids)}, return_dtype=pl.Int64).to_numpy()
        self.budget = np.array([self.funds[k].budget_fen for k in fund_ids], dtype=np.int64)
        self.entity = (f["entity_id"].rank("dense").cast(pl.Int64) - 1).to_numpy()
        self.reducible = f["reducible"].fill_null(False).to_numpy().astype(bool)
        self.order = np.argsort(f["order"].to_numpy(), kind="stable") if "order" in f.columns else np.arange(self.n)
        self.group = self._groups()
        self.weight = self.priority.weights(f)
        self.cap = None if self.entity_cap is None else int(self.entity_cap * FEN)

    def _groups(self) -> np.ndarray:
        """Index of the (entity, exclusive group) a claim belongs to, -1 when it has none."""
        if "exclusive_group" not in self.frame.columns:
            return np.full(self.n, -1)
        key = pl.when(pl.col("exclusive_group").is_not_null()).then(
            pl.concat_str([pl.col("entity_id"), pl.col("exclusive_group")], separator="\x1f")
        )
        keys = self.frame.select(key.alias("k"))["k"]
        return (keys.rank("dense").cast(pl.Int64) - 1).fill_null(-1).to_numpy()

    @property
    def fund_ids(self) -> list[str]:
        return list(self.funds)
