"""Computed comparisons of two figures: which grew faster, how much larger, what share.

The question is split into its two sides ("X or Y", "X than Y", "share of X is Y"), each
side is matched to a figure on its own, and the result is computed from the two values and
returned as a figure marked ``computed`` with its inputs, next to both input figures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .models import Figure

_SHARE = re.compile(
    r"(?:what|which)\s+(?:share|proportion|percentage|part|fraction)\s+of\s+(?P<whole>.+?)\s+"
    r"(?:is|was|are|were|do|does|did)\s+(?P<part>.+)$|(?P<part2>.+?)\s+as\s+a\s+"
    r"(?:share|proportion|percentage)\s+of\s+(?P<whole2>.+)$", re.I)
_THAN = re.compile(r"^(?:did|does|do|is|was|were|are|has|have|how much)?\s*(?P<a>.+?)\s+"
                   r"(?:grow|grew|increase|rise|rose)?\s*(?P<cmp>faster|slower|larger|bigger|"
                   r"higher|lower|smaller|more|less)\s+than\s+(?P<b>.+)$", re.I)
_HOW_MUCH = re.compile(r"^how (?:much|many times)\s+(?P<cmp>larger|bigger|more|higher|greater)"
                       r"\s+(?:is|was|were|are)\s+(?P<a>.+?)\s+than\s+(?P<b>.+)$", re.I)
# "how many more A were there than B?" asks the difference of two counts
_THERE = r"\s+(?:were|was|are|is)\s+there"  # "… were there"
_HOW_MANY_MORE = re.compile(
    rf"^how many (?:more|fewer|less)\s+(?!than\b)(?P<a>.+?)(?:{_THERE}|\s+(?:were|was|are|is|"
    rf"did|does|do|has|have)\s+\w+(?:\s+\w+)?)?\s+than\s+(?P<b>.+?)(?:{_THERE})?$", re.I)
_OR = re.compile(r"^(?:which|what)\b[^,]*?(?P<cmp>faster|slower|larger|bigger|higher|lower|"
                 r"smaller|more|less)?[^,]*[,:]\s*(?P<a>.+?)\s+or\s+(?P<b>.+)$", re.I)
_BETWEEN = re.compile(r"(?:compare|difference between|between)\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|"
                      r"versus)\s+(?P<b>.+)$", re.I)
_COMPARE_WITH = re.compile(r"^how\s+(?:does|did|do|is|was|were|are)\s+(?P<a>.+?)\s+compare\s+"
                           r"(?:with|to|against)\s+(?P<b>.+)$", re.I)
_EXCEED = re.compile(r"^(?:by\s+)?how\s+(?:much|many\s+(?:percentage\s+)?points|far)\s+"
                     r"(?:did|does|do|was|is|were|are)\s+(?P<a>.+?)\s+(?:exceed|beat|outpace|"
                     r"outgrow|surpass|top|outstrip)\s+(?P<b>.+)$", re.I)
_RATIO = re.compile(r"\bratio\s+(?:of|between)\s+(?P<a>.+?)\s+(?:to|and|vs\.?|versus)\s+"
                    r"(?P<b>.+)$", re.I)
_SUM = re.compile(r"\b(?:(?:the\s+)?(?:sum|combined\s+(?:total|value))\s+of\s+(?P<a>.+?)"
                  r"\s+(?:and|plus)\s+(?P<b>.+)|(?P<a2>.+?)\s+plus\s+(?P<b2>.+))$", re.I)
_GROWTH_WORDS = re.compile(r"\b(grow|grew|growth|faster|slower|increase|rise|rose)\b", re.I)


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    op: str  # "faster" | "larger" | "share" | "sum"
    yes_no: bool  # "did X grow faster than Y?" asks for yes or no
    counts: bool = False  # "how many more X than Y?" compares counts, not amounts


def parse(question: str) -> Comparison | None:
    q = question.strip().rstrip("?？. ")
    growth = bool(_GROWTH_WORDS.search(q))
    if m := _SHARE.search(q):
        whole = m.group("whole") or m.group("whole2")
        part = m.group("part") or m.group("part2")
        part = re.sub(r"\s+(?:represent|account for|make up|constitute|amount to)$", "", part,
                      flags=re.I)
        return Comparison(part, whole, "share", False)
    if m := _SUM.search(q):
        a = m.group("a") or m.group("a2")
        b = m.group("b") or m.group("b2")
        return Comparison(_lead_in.sub("", a), b, "sum", False)
    # "how much larger was e-commerce growth than …" compares growth rates, not amounts
    if m := _HOW_MANY_MORE.search(q):
        return Comparison(m.group("a"), m.group("b"), "larger", False, counts=True)
    if m := _HOW_MUCH.search(q) or _EXCEED.search(q) or _RATIO.search(q):
        return Comparison(_lead_in.sub("", m.group("a")), m.group("b"),
                          "faster" if growth else "larger", False)
    if m := _THAN.search(q):
        op = "faster" if growth else "larger"
        yes_no = bool(re.match(r"^(did|does|do|is|was|were|are|has|have)\b", q, re.I))
        return Comparison(m.group("a"), m.group("b"), op, yes_no)
    if m := _OR.search(q):
        return Comparison(m.group("a"), m.group("b"), "faster" if growth else "larger", False)
    if m := _COMPARE_WITH.search(q) or _BETWEEN.search(q):
        return Comparison(m.group("a"), m.group("b"), "faster" if growth else "larger", False)
    return None


# What stands before the first side in "what is the sum of …", "what was …".
_lead_in = re.compile(r"^(?:what|how\s+much)\s+(?:is|was|are|were)\s+(?:the\s+)?", re.I)


def _fmt(value: float) -> str:
    """One decimal below 100 ("7.1"), none for whole numbers ("8", a difference of counts)."""
    whole = abs(value - round(value)) < 1e-9
    return f"{value:.1f}" if abs(value) < 100 and not whole else f"{value:,.0f}"


def _money(value: float) -> str:
    return f"{value / 1e9:.1f} bn RMB" if abs(value) >= 1e9 else f"{value / 1e6:.1f}m RMB"


def computed_figure(label: str, value: float, unit: str, text: str, formula: str,
                    inputs: list[Figure]) -> dict:
    digest = hashlib.sha1(f"{label}:{formula}".encode()).hexdigest()[:10]
    return {
        "id": f"c-{digest}", "label": label, "value": round(value, 4), "unit": unit,
        "text": text, "qualifier": None, "period": None, "date": None,
        "doc_id": inputs[0].doc_id, "start": inputs[0].start, "end": inputs[0].end,
        "computed": True, "formula": formula, "inputs": [f.id for f in inputs],
    }


def _base_label(f: Figure) -> str:
    return re.sub(r"^growth (?:rate )?of\s+", "", f.label, flags=re.I)


def compute(c: Comparison, fa: Figure, fb: Figure) -> tuple[str, dict, list[str]]:
    """The answer sentence, the computed figure and the computed numbers (for grounding)."""
    va, vb = float(fa.value or 0), float(fb.value or 0)
    if c.op == "share":
        share = 100.0 * va / vb if vb else 0.0
        text = f"{_fmt(share)}%"
        fig = computed_figure(f"share of {_base_label(fb)} that is {_base_label(fa)}", share,
                              "%", text, f"{fa.text} ÷ {fb.text} × 100", [fa, fb])
        sentence = (f"{fa.label.capitalize()} ({fa.text}) is {text} of {fb.label} ({fb.text}) "
                    f"— computed as {fa.text} ÷ {fb.text}.")
        return sentence, fig, [_fmt(share)]
    if c.op == "sum":
        total = va + vb
        text = _money(total) if fa.unit == "RMB" else _fmt(total)
        fig = computed_figure(f"sum of {fa.label} and {fb.label}", total, fa.unit, text,
                              f"{fa.text} + {fb.text}", [fa, fb])
        sentence = (f"{text} together: {fa.label} ({fa.text}) plus {fb.label} ({fb.text}) "
                    f"(computed).")
        return sentence, fig, re.findall(r"\d[\d,]*(?:\.\d+)?", text)
    if c.op == "faster":
        win, lose = (fa, fb) if va >= vb else (fb, fa)
        diff = abs(va - vb)
        text = f"{_fmt(diff)} percentage points"
        fig = computed_figure(f"difference between {win.label} and {lose.label}", diff, "%",
                              text, f"{win.text} − {lose.text}", [win, lose])
        head = ("Yes — " if va >= vb else "No — ") if c.yes_no else ""
        sentence = (f"{head}{_base_label(win).capitalize()} grew faster: {win.text} against "
                    f"{lose.text} for {_base_label(lose)}, a gap of {text} (computed).")
        return sentence, fig, [_fmt(diff)]
    big, small = (fa, fb) if va >= vb else (fb, fa)
    vbig, vsmall = max(va, vb), min(va, vb)
    diff = vbig - vsmall
    ratio = vbig / vsmall if vsmall else 0.0
    diff_text = _money(diff) if big.unit == "RMB" else _fmt(diff)
    text = f"{diff_text} more ({ratio:.1f} times as much)"
    fig = computed_figure(f"difference between {big.label} and {small.label}", diff, big.unit,
                          text, f"{big.text} − {small.text}; {big.text} ÷ {small.text}",
                          [big, small])
    head = ("Yes — " if va >= vb else "No — ") if c.yes_no else ""
    sentence = (f"{head}{big.label.capitalize()} is larger: {big.text} against {small.text} for "
                f"{small.label}, {diff_text} more, about {ratio:.1f} times as much (computed).")
    return sentence, fig, [n for n in re.findall(r"\d[\d,]*(?:\.\d+)?", diff_text)] + [
        f"{ratio:.1f}"]
