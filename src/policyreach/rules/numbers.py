"""The numeric model shared by every back end (docs/ARCHITECTURE.md, "Numbers").

Decimals carry exactly ``SCALE`` places and every rounding rounds halves up (away from
zero), the way Chinese finance rounds; Python's built-in ``round`` is never used.
Back ends that prefer integers store a decimal ``d`` as ``d * 10**SCALE``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

SCALE = 6
FACTOR = 10**SCALE


class NumberError(ValueError):
    """A value that is not an exact decimal number."""


def to_decimal(value: object) -> Decimal:
    """Convert a file or user value to an exact decimal; floats go through their repr."""
    if isinstance(value, bool):
        raise NumberError(f"{value!r} is a boolean, not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", ""))
        except InvalidOperation as exc:
            raise NumberError(f"{value!r} is not a number") from exc
    else:
        raise NumberError(f"{value!r} is not a number")
    if not result.is_finite():
        raise NumberError(f"{value!r} is not a finite number")
    try:
        return quantize(result)
    except InvalidOperation as exc:  # more digits than any context holds (1e308): not an exact number here
        raise NumberError(f"{value!r} is too large to be exact") from exc


# quantize's context: 60 digits (every exact value and product of two fits), the default traps; passed to each call
# rather than entered as a local context, which costs five times the rounding itself on the portal's path
_CONTEXT = Context(prec=60, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow])
_STEPS = {places: Decimal(1).scaleb(-places) for places in range(13)}


def quantize(value: Decimal, places: int = SCALE) -> Decimal:
    """Round to ``places`` decimal places, halves up."""
    step = _STEPS.get(places)
    return value.quantize(Decimal(1).scaleb(-places) if step is None else step, context=_CONTEXT)


def to_scaled(value: Decimal | int) -> int:
    """Decimal → integer micro-units (exact: values already carry at most SCALE places)."""
    return int(quantize(Decimal(value)) * FACTOR)


def div_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounding halves away from zero; ``denominator`` must be positive."""
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def degree_of(met_weight: int, unknown_weight: int, total_weight: int) -> int:
    """Match degree = round_half_up(100 × (met + ½ unknown) / total) on integer weights."""
    if total_weight <= 0:
        return 100
    return (200 * met_weight + 100 * unknown_weight + total_weight) // (2 * total_weight)


WAN = Decimal(10_000)
SMALL_YUAN = Decimal(100)  # below this a sum in 万元 would read 0 or 0.01: it is shown in 元


def wan_text(yuan: Decimal | int) -> str:
    """An amount in 元 as a person reads it: 万元 with at most two decimals (halves up, trailing zeros dropped, digits
    grouped), or 元 with two decimals when it is below 100 元. Exact values stay in exports and the API."""
    value = Decimal(yuan)
    if value and abs(value) < SMALL_YUAN:
        return f"{quantize(value, 2):,.2f} 元"
    text = f"{quantize(value / WAN, 2):,.2f}".rstrip("0").rstrip(".")
    return f"{'0' if text == '-0' else text} 万元"
