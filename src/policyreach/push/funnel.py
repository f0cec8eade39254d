"""The reach funnel (政策触达率, 申报转化率) of each benefit: notified ⊇ opened ⊇ viewed ⊇ applied ⊇ approved.

Attribution goes through the token in each message's link (``/n/<token>``): following it marks the message
opened and the benefit viewed. A firm counts as *applied* only when it reached the benefit through a
message and has an application for it, and as *approved* only when that application was approved (or went
further: notice, disbursement, paid). Each stage is computed from the one before, so each is a subset.
"""

from __future__ import annotations

import io

import polars as pl
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.app.ports import PlatformServices
from policyreach.clock import current_clock, local
from policyreach.push.models import Notification
from policyreach.store.models import Application

STAGES = ("notified", "opened", "viewed", "applied", "approved")
STAGE_ZH = {"notified": "已推送", "opened": "已打开", "viewed": "已查看政策", "applied": "已申报", "approved": "已获批"}
REACH_KINDS = ("benefit.eligible", "benefit.likely", "window.opens", "window.closing", "offer.confirm")
APPROVED_STATES = ("approved", "notice", "objected", "disbursing", "part_paid", "paid")
SPLITS = {"district": "区县", "section": "行业门类", "size_class": "企业规模"}


def entity_stages(session: Session, benefit_ids: list[str] | None = None) -> pl.DataFrame:
    """One row per (benefit, firm) that was told about it, with a boolean per stage."""
    query = (
        select(
            Notification.benefit_id,
            Notification.entity_pk,
            func.max(Notification.read_at).label("opened"),
            func.max(Notification.clicked_at).label("viewed"),
        )
        .where(
            Notification.entity_pk.is_not(None),
            Notification.benefit_id.is_not(None),
            Notification.kind.in_(REACH_KINDS),
        )
        .group_by(Notification.benefit_id, Notification.entity_pk)
    )
    if benefit_ids is not None:
        query = query.where(Notification.benefit_id.in_(benefit_ids))
    rows = session.execute(query).all()
    told = pl.DataFrame(
        {
            "benefit_id": [r[0] for r in rows],
            "entity_pk": [r[1] for r in rows],
            "opened": [r[2] is not None for r in rows],
            "viewed": [r[3] is not None for r in rows],
        },
        schema={"benefit_id": pl.String, "entity_pk": pl.Int64, "opened": pl.Boolean, "viewed": pl.Boolean},
    )
    applications = session.execute(
        select(Application.benefit_id, Application.entity_pk, Application.state).where(
            Application.benefit_id.in_(told["benefit_id"].unique().to_list())
        )
    ).all()
    applied = pl.DataFrame(
        {
            "benefit_id": [a[0] for a in applications],
            "entity_pk": [a[1] for a in applications],
            "state": [str(a[2]) for a in applications],
        },
        schema={"benefit_id": pl.String, "entity_pk": pl.Int64, "state": pl.String},
    )
    applied = applied.group_by("benefit_id", "entity_pk").agg(
        pl.lit(True).alias("has_application"), pl.col("state").is_in(APPROVED_STATES).any().alias("is_approved")
    )
    return (
        told.join(applied, on=["benefit_id", "entity_pk"], how="left")
        .with_columns(
            pl.lit(True).alias("notified"),
            pl.col("viewed") & pl.col("opened"),
        )
        .with_columns(
            (pl.col("viewed") & pl.col("has_application").fill_null(False)).alias("applied"),
        )
        .with_columns(
            (pl.col("applied") & pl.col("is_approved").fill_null(False)).alias("approved"),
        )
        .select("benefit_id", "entity_pk", *STAGES)
    )


def totals(stages: pl.DataFrame) -> pl.DataFrame:
    """Per benefit: the count at each stage, 触达率 (opened / notified) and 申报转化率 (applied / notified)."""
    return (
        stages.group_by("benefit_id")
        .agg(*(pl.col(s).sum().alias(s) for s in STAGES))
        .with_columns(
            (pl.col("opened") / pl.col("notified")).alias("reach_rate"),
            (pl.col("applied") / pl.col("notified")).alias("conversion_rate"),
        )
        .sort("notified", descending=True)
    )


def summary(session: Session, benefit_id: str) -> dict[str, int]:
    found = totals(entity_stages(session, [benefit_id]))
    if found.is_empty():
        return dict.fromkeys(STAGES, 0)
    row = found.row(0, named=True)
    return {s: int(row[s]) for s in STAGES}


def by_dimension(session: Session, platform: PlatformServices, benefit_id: str, dimension: str) -> pl.DataFrame:
    """The funnel of one benefit split by district, industry section or size class (with Chinese labels)."""
    from policyreach.simulation.dimensions import Dimensions
    from policyreach.simulation.simulate import NONE, label
    from policyreach.store.entities import entity_ids, population_frame

    stages = entity_stages(session, [benefit_id])
    if stages.is_empty():
        return pl.DataFrame(schema={"label": pl.String, **dict.fromkeys(STAGES, pl.UInt32)})
    ids = entity_ids(session, stages["entity_pk"].to_list())
    frame = population_frame(session, platform.schema, platform.as_of.year, list(ids.values()))
    dims = Dimensions(frame, platform.as_of).frame(["entity_id", dimension])
    keyed = stages.with_columns(pl.col("entity_pk").replace_strict(ids, return_dtype=pl.String).alias("entity_id"))
    split = (
        keyed.join(dims, on="entity_id", how="left")
        .with_columns(pl.col(dimension).fill_null(NONE))
        .group_by(dimension)
        .agg(*(pl.col(s).sum() for s in STAGES))
        .sort("notified", descending=True)
    )
    labels = {v: label(dimension, v) for v in split[dimension].to_list()}
    return split.with_columns(pl.col(dimension).replace_strict(labels, return_dtype=pl.String).alias("label"))


def xlsx(session: Session, platform: PlatformServices, benefit_id: str, title: str) -> bytes:
    """The funnel as a workbook: the whole, then one sheet per split."""
    book = Workbook()
    sheet = book.worksheets[0]  # the sheet a new workbook comes with
    sheet.title = "总体"
    counts = summary(session, benefit_id)
    sheet.append(["兑现事项", title])
    sheet.append(["导出时间", local(current_clock()).strftime("%Y-%m-%d %H:%M（北京时间）")])
    sheet.append([])
    sheet.append(["环节", "主体数", "占已推送"])
    for stage in STAGES:
        share = counts[stage] / counts["notified"] if counts["notified"] else 0
        sheet.append([STAGE_ZH[stage], counts[stage], round(share, 4)])  # a display ratio, not money
    for dimension, name in SPLITS.items():
        sheet = book.create_sheet(f"按{name}")
        sheet.append([name, *(STAGE_ZH[s] for s in STAGES)])
        for row in by_dimension(session, platform, benefit_id, dimension).iter_rows(named=True):
            sheet.append([row["label"], *(int(row[s]) for s in STAGES)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
