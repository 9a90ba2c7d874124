"""Comparisons asked in Chinese: "A占B的比重是多少?", "A是B的几倍?", "A比B多多少?",
"A和B哪个增长更快?" — the two sides left in Chinese, each matched across languages on its
own (English comparisons: :func:`bot.compare.parse`, which the answer is computed by)."""

from __future__ import annotations

import re

from .compare import Comparison

# Chinese: "A占B的比重/比例是多少?", "A是B的几倍?", "A比B多多少?", "A和B哪个增长更快?"
_ZH_SHARE = re.compile(r"^(?P<a>.+?)占(?P<b>.+?)的?(?:比重|比例|份额|百分比|百分之几|多少|几成)")
_ZH_SHARE_ASKED = re.compile(r"比重|占比|比例|百分之|份额|占.{0,12}(?:多少|几)")
_ZH_TIMES = re.compile(r"^(?P<a>.+?)是(?P<b>.+?)的(?:几|多少)倍")
_ZH_MORE = re.compile(r"^(?P<a>.+?)比(?P<b>.+?)(?:多|高|大|快)了?(?:多少|几)")
_ZH_WHICH = re.compile(r"^(?P<a>.+?)(?:和|与|跟|还是)(?P<b>.+?)(?:相比)?[,，]?\s*(?:哪个|谁|哪一个)"
                       r"(?:的)?(?P<growth>增长|增速|增幅)?(?:更|比较)?(?P<cmp>快|高|大|多|慢|低|小|少)")
# … and not a change since a period ("比去年同期多了多少": worked back, see bot.derive)
_ZH_PERIOD_SIDE = re.compile(r"^(?:去年|上年|前年|同期|上一?季度|上个季度|\d{4}年?)")
_ZH_LEAD = re.compile(r"^(?:请问|义乌的?|那么|那)")


def asks_share_zh(question: str) -> bool:
    """Whether a Chinese question asks a share ("占GDP比重", "所占比例", "百分之几"), which
    no amount answers, computed or not."""
    return bool(_ZH_SHARE_ASKED.search(question))


def parse_zh(question: str) -> Comparison | None:
    """A comparison asked in Chinese, its two sides left in Chinese (each is matched across
    languages on its own), or None."""
    q = question.strip().rstrip("?？。. ")
    growth = bool(re.search(r"增长|增速|增幅|同比", q))
    for pattern, op in ((_ZH_SHARE, "share"), (_ZH_TIMES, "times"), (_ZH_MORE, "more"),
                        (_ZH_WHICH, "which")):
        if m := pattern.search(q):
            a, b = (_ZH_LEAD.sub("", m.group(x)).strip("的 ") for x in ("a", "b"))
            if not a or not b or _ZH_PERIOD_SIDE.match(b):
                return None
            if op == "share":
                return Comparison(a, b, "share", False)
            less = op == "which" and m.group("cmp") in ("慢", "低", "小", "少")
            return Comparison(a, b, "faster" if growth else "larger", False,
                              times=op == "times", less=less)
    return None
