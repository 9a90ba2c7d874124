"""Chinese follow-ups made standalone: "排名呢？" after "义乌的5G基站数量是多少？" is
"义乌的5G基站数量排名？", "哪个更高？" after two answers compares them (read by
:func:`bot.converse.resolve`, which handles every language's follow-ups; this holds what only
Chinese needs)."""

from __future__ import annotations

import re
from typing import Any

from .query import Query
from .text import is_cjk

# (其 as "its", not in 其他 "other", 其余 "the rest", 其中 "among them")
_ZH_PRONOUN = re.compile(r"(它们的|它的|它们|它|其(?![他余中实次它])|那么|那)")
# A Chinese follow-up ("排名呢？", "销售额呢？", "那2022年呢？") asks "what about X?": X is a
# period, a frame of the previous measure (its rank, its growth) or a new measure.
_ZH_LEAD = re.compile(r"^(?:那么|那|还有|另外|以及|再问一下)[，,\s]*")
_ZH_TAIL = re.compile(r"\s*(?:呢|吗|啊|呀|吧)?\s*[？?。.!！]*\s*$")
_ZH_ASKING = re.compile(r"(?:了|是|有|为|达到|共有)?(?:多少[个座家场项亿元人次]*|几[个座家场项次]?|"
                        r"第几|如何|怎么样|怎样)?$")
_ZH_PERIOD = re.compile(r"(?:20\d\d\s*年?)?(?:第?[一二三四1-4]\s*季度|[上下]半年)?")
_ZH_FRAMES = tuple("排名 名次 排第 位居 增长 增速 增幅 增长率 涨幅 同比 规模".split())
# How a Chinese follow-up that only names a measure ("电商呢？") asks about it, by the intent
# of the turn before ("Tell me the digital economy's growth." + "电商呢？" asks its growth).
_ZH_ASKED_AS = {"growth": "增长了多少", "rank": "排名第几"}
# "哪个更高？", "相差多少？" after two answers: compared as in English
WHICH_OF_THEM_ZH = re.compile(
    r"^\s*(?:那|那么)?(?:它们|两者|这两个)?(?:(?:哪个|哪一个|谁)(?:的)?(?P<growth>增长|增速|增幅)?"
    r"(?:更|比较)?(?P<cmp>高|大|多|快|长)"
    r"|(?P<diff>相差|差距|差)(?:多少|多大|几何))(?:一些|一点)?(?:呢)?\s*[？?。.!！]*\s*$")


def zh_period(period: str) -> str:
    """A period as a Chinese question writes it: "2022-Q1" → "2022年第一季度"."""
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
        return f"{m.group(1)}年第{'一二三四'[int(m.group(2)) - 1]}季度"
    return f"{period[:4]}年" if re.match(r"\d{4}", period) else ""


def resolve_zh(question: str, q: Query, previous: dict[str, Any], phrase: str) -> str:
    """A Chinese follow-up as a standalone question, from the previous turn's question when
    that was Chinese ("义乌的5G基站数量是多少？" + "排名呢？" → "义乌的5G基站数量排名？"),
    else from its measure in English (which e5 and the glossary read as well)."""
    core = _ZH_TAIL.sub("", _ZH_LEAD.sub("", question.strip()))
    # "它的增长率" asks the previous measure's
    own = re.sub(r"^(?:它们的|它的|其(?![他余中实次它]))", "", core)
    asked = _ZH_ASKING.sub("", own)  # "增长了多少" → "增长"
    previous_q = previous.get("resolved") or previous.get("question") or ""
    if is_cjk(previous_q):
        base = _ZH_ASKING.sub("", _ZH_TAIL.sub("", previous_q))
    else:
        base = phrase
    base_without_period = _ZH_PERIOD.sub("", base) if is_cjk(base) else base
    if not _ZH_PERIOD.sub("", asked):  # only a period: "那2022年呢？"
        return f"{asked}{base_without_period}是多少？"
    if asked.startswith(_ZH_FRAMES) or not asked:  # the previous measure's rank, growth …
        return f"{base}{own}？"
    if _ZH_PRONOUN.search(core) and phrase:
        return _ZH_PRONOUN.sub(phrase, core) + "？"
    if asked == core:  # only a new measure named ("电商呢？"): asked as the last one was
        return f"{core}{_ZH_ASKED_AS.get(previous.get('intent', ''), '是多少')}？"
    return f"{core}？"  # a new measure asked its own way
