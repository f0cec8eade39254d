"""届次: which members sat in which year.

A member keeps one row across terms (their records follow them) and one seat per term they sat in (``MemberTerm``).
A year belongs to the latest term begun by then, so the changeover year counts the new term's members: the first
plenary session of a term opens in January. A year before every known term counts the earliest term's members
(the office imports past years' records before their rosters, and those years need a denominator).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.conference.models import ConferenceMember, ConferenceTerm, MemberTerm

TERM = re.compile(r"^第[一二三四五六七八九十]{1,3}届$")
NUMERALS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))
# 长春's calendar: the 第十四届 committee first met in January 2022, and a term lasts five years. Used for a term
# the office did not date (the roster's 届次起始年份 column dates it).
REFERENCE_TERM, REFERENCE_YEAR, TERM_YEARS = 14, 2022, 5


def term_number(term: str) -> int:
    """第十四届 → 14 (0 for a term written otherwise: it sorts before every real one)."""
    if not TERM.match(term):
        return 0
    digits = term[1:-1]
    if any(c not in NUMERALS and c != "十" for c in digits):
        return 0
    if "十" not in digits:
        return NUMERALS.get(digits, 0) if len(digits) == 1 else 0
    tens, _, ones = digits.partition("十")
    return (NUMERALS.get(tens, 0) if tens else 1) * 10 + (NUMERALS.get(ones, 0) if ones else 0)


def default_first_year(term: str) -> int:
    return REFERENCE_YEAR + TERM_YEARS * (term_number(term) - REFERENCE_TERM)


def first_years(session: Session) -> dict[str, int]:
    """Every term the conference knows (dated, or only named by a member or a seat) → the year it began."""
    named = set(session.scalars(select(ConferenceMember.term).distinct()))
    named |= set(session.scalars(select(MemberTerm.term).distinct()))
    dated = {t.name: t.first_year for t in session.scalars(select(ConferenceTerm))}
    return {**{t: default_first_year(t) for t in named}, **dated}


def term_of_year(session: Session, year: int) -> str | None:
    starts = first_years(session)
    if not starts:
        return None
    begun = [t for t, first in starts.items() if first <= year]
    if not begun:
        return min(starts, key=lambda t: (starts[t], term_number(t)))
    return max(begun, key=lambda t: (starts[t], term_number(t)))


def members_of_year(session: Session, year: int) -> set[int]:
    """The members who sat in ``year``: their seats in its term, and those whose latest term it is (a member added
    without a seat row, as the demo's are, sits in the term it names)."""
    term = term_of_year(session, year)
    if term is None:
        return set()
    seated = set(session.scalars(select(MemberTerm.member_pk).where(MemberTerm.term == term)))
    return seated | set(session.scalars(select(ConferenceMember.id).where(ConferenceMember.term == term)))


def terms_of(session: Session, members: list[int]) -> dict[int, list[str]]:
    """Each member's terms in order (their seats and their latest term)."""
    out: dict[int, set[str]] = {m: set() for m in members}
    latest = select(ConferenceMember.id, ConferenceMember.term).where(ConferenceMember.id.in_(members))
    seats = select(MemberTerm.member_pk, MemberTerm.term).where(MemberTerm.member_pk.in_(members))
    for query in (latest, seats):
        for m, t in session.execute(query):
            out[m].add(t)
    return {m: sorted(ts, key=term_number) for m, ts in out.items()}


def seat(session: Session, member: ConferenceMember, term: str, first_year: int | None) -> None:
    """The member sits in ``term``; their latest term moves forward, never back (re-importing an old term's roster
    must not demote a re-appointed member). A term is dated by ``first_year`` when given, else by the calendar."""
    dated = session.scalar(select(ConferenceTerm).where(ConferenceTerm.name == term))
    if dated is None:
        session.add(ConferenceTerm(name=term, first_year=first_year or default_first_year(term)))
    elif first_year:  # the office corrects a term's date by importing its roster again with the year
        dated.first_year = first_year
    if member.id is None:
        session.flush()
    # the latest term is a seat too: a member made without seat rows (the demo's) keeps it when they move on
    for held in {term, member.term}:
        has = session.scalar(select(MemberTerm).where(MemberTerm.member_pk == member.id, MemberTerm.term == held))
        if has is None:
            session.add(MemberTerm(member_pk=member.id, term=held))
            session.flush()
    if not member.term or term_number(term) >= term_number(member.term):
        member.term = term


def seat_counts(session: Session) -> list[tuple[str, int, int]]:
    """Each term in order with the year it began and how many members sat in it."""
    seated: dict[str, set[int]] = {}
    for m, t in session.execute(select(MemberTerm.member_pk, MemberTerm.term)):
        seated.setdefault(t, set()).add(m)
    for m, t in session.execute(select(ConferenceMember.id, ConferenceMember.term)):
        seated.setdefault(t, set()).add(m)
    starts = first_years(session)
    return [(t, starts[t], len(seated.get(t, ()))) for t in sorted(starts, key=term_number)]
