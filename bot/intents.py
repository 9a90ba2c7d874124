"""The words that tell what a question asks, English and Chinese, in the order they are
tried: a comparison of two figures, how long, a growth, a rank, a date, an index, how many,
how much, who (read by :func:`bot.query.detect_intent`)."""

from __future__ import annotations

import re

# A number after "bigger than": "20 bn yuan", "about 3,000", "twenty billion"
BOUND_AHEAD = (r"\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?(?:[\d$¥]|"
                r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
                r"a|a\s+few)\s+(?:hundred|thousand|million|billion)\b)")

EN_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("compare", re.compile(
        # "bigger than 20 bn yuan" holds one figure against a bound (bot.verdict)
        rf"\b(faster|slower|compared?(?!\s+(?:with|to)\s+(?:previous|past|earlier|prior|other)"
        r"\s+years)|versus|vs\.?|(?:larger|bigger|smaller|higher|lower) than"
        rf"(?!{BOUND_AHEAD})|"
        r"more than .* or|(?:difference|gap),? (?:in [\w ]+?,? )?between|"
        r"share of|as a (?:percentage|proportion|fraction) of|"
        r"(?:is|was|are|were) what (?:percent(?:age)?|share|proportion|fraction) of|"
        r"percent(?:age)?\b.*\brelative to|relative to\b.*\bpercent(?:age)?|"
        r"what percent of|minus|"
        r"proportion of|ratio of|percentage of .* (?:is|was|are|were|do|does|did)|"
        r"how many times (?:larger|bigger|more|greater|as|faster|higher)|"
        r"how many times\s+(?!(?:is|was|are|were|has|have|had|did|does|do)\b)[^?]+?\s"
        r"(?:is|was|are|were)\s|\b(?:is|was)\s+how many times|^\s*(?:is|was)\b.*\bhow many times|"
        r"\b(?:more than|over|at least|less than|under) [\w.-]+ times\b|"
        r"\b(?:more than|over|at least|above|less than|under|below)\s+(?:(?:a|one)\s+)?(?:half|"
        r"third|quarter|fifth|tenth|two\s+thirds|three\s+quarters|\d+(?:\.\d+)?\s*(?:%|percent))"
        r"\s+(?:of|the\s+size\s+of|as\s+(?:large|big|much)\s+as)\s+(?:the|its|yiwu)|"
        r"how many (?:percentage )?points (?:higher|more|larger|greater|faster|lower)|"
        r"(?:average|mean)\b.*\b(?:per|for each|for every)|"
        r"(?:average|mean)\s+(?:(?:growth|value|rate|figure|increase)s?\s+)?(?:rates?\s+)?of\b"
        r".+\b(?:and|&)\s|"
        r"how much\b.*\b(?:did|does|do)\s+(?:each|every|a single)\b|gap between|"
        r"how many (?:more|fewer|less)\s+(?!than\b).*\bthan\b|"
        r"how much (?:larger|bigger|more|greater|higher|smaller)|sum of|^\s*(?:add|sum) up\b|"
        r"\bthe total of\b.+\band\b|\band\b.+\b(?:add|adds|sum|sums|come|comes|amount|"
        r"amounts)\s+(?:up\s+)?to(?=\s*[?？.!]*\s*$)|\band\b.+\bcombined(?=\s*[?？.!]*\s*$)|"
        r"combined (?:total|value) "
        r"of|plus|ratio (?:of|between)|(?:more|less|greater|higher|lower) than (?:the|its|their|"
        r"that|this) |"
        r"how (?:much|many (?:percentage )?points|far) .*(?:exceed|outpace|outgrow|surpass|beat)|"
        r"which (?:grew|was|is) "
        r"(?:faster|larger|bigger|higher|more|slower|smaller|lower|less)|"
        r"(?:more|less)\s+(?:slowly|quickly|rapidly)\s+than)\b|"
        r"\bor\b.*\b(?:faster|larger|bigger|more|higher|slower|smaller|lower)\b|"
        r"^\s*(?:in\s+[\w\s]+?,\s*)?(?:were|was|are|is|did|do|does|has|have|had)\s+(?:there|yiwu|"
        r"it)\s+(?:have\s+|build\s+|launch\s+)?(?:more|fewer|less)\b.+\bor\b|"
        r"^\s*which\b[^,:]*\b(?:longer|shorter|larger|bigger|higher|greater|smaller|lower|"
        r"slower)\b[^,:]*[,:].*\bor\b",
        re.I)),
    ("how_long", re.compile(r"\b(how many (?:consecutive )?years|how long|for how many|since when|"
                            r"streak|in a row|consecutive years|"
                            r"how many times(?! (?:larger|bigger|more|greater|as)))\b", re.I)),
    ("growth", re.compile(
        r"\b(grow|grew|grown|growth|increase[ds]?|rise|rose|risen|expand(?:ed)?|"
        r"year[- ]on[- ]year|yoy|up by|gain(?:ed)?|jump(?:ed)?|doubled?|tripled?|"
        r"percent(?:age)?\s+change|chang(?:e|ed)\s+(?:year[- ]on[- ]year|yoy)|"
        # a fall asked of what grew is answered by its growth ("by how much did it shrink?")
        r"shr[iu]nk|shrank|decline[ds]?|decrease[ds]?|dr[oa]p(?:ped|s)?|f[ae]ll|fallen|"
        r"more than (?:double|triple)d?)\b", re.I)),
    ("rank", re.compile(r"\b(rank(?:ed|s|ing)?|position|"
                        # "is that the highest in Zhejiang?": whether it ranks first there
                        r"(?:is|was|are|were)\s+(?:it|that|this|yiwu|they|its\s+\w+)\s+(?:the\s+)?"
                        r"(?:highest|best|largest|biggest|leading|greatest|most)\s+(?:in|among|"
                        r"of|across)|"
                        # "which number was it among county-level cities?": its ordinal
                        r"(?:which|what)\s+number\s+(?:was|is|were|are)\s+(?:it|that|this|yiwu|"
                        r"they)\b|"
                        # "Does Yiwu have the most 5G base stations in Zhejiang?"
                        r"^\s*(?:does|did|do|is|was|has|have|had)\b.*\bthe\s+(?:highest|best|"
                        r"largest|biggest|leading|greatest|most)\s+(?:[\w-]+\s+){0,5}?(?:in|among|"
                        r"across)\s+(?!(?:19|20)\d\d)|"
                        # "Is any other county ahead of Yiwu …?"
                        r"\b(?:any|another|other|anyone|anywhere)\b.*\b(?:ahead\s+of|outranks?)|"
                        r"where\s+(?:does|did|do|is|was|would)\s+"
                        r"[\w' ]+?\s(?:stand|sit|come|fall|finish)|"
                        r"where\s+(?:does|did|do|would|will)?\s*(?:that|this|it)\s+puts?\s|"
                        r"(?<!took )(?<!take )(?<!takes )"
                        r"(?<!taking )(?<!many )place[ds]?|standing|"
                        r"top(?!\s+[\d.,]+\s*(?:billion|million|bn|m|yuan|rmb|%|percent)))\b",
                        re.I)),
    ("when", re.compile(r"\b(when|what date|which date|what day|which day|what time|"
                        r"(?:in|during)\s+(?:what|which)\s+(?:year|month))\b", re.I)),
    ("index", re.compile(r"\bindex\b", re.I)),
    ("how_many", re.compile(r"\b(how many|number of|count of|count\s*[?？.!]*\s*$|"
                            r"(?:the|actual|exact|total|"
                            r"current|latest)\s+count|how much .* (?:built|set up))\b",
                            re.I)),
    ("how_much", re.compile(
        r"\b(how much|how big|how large|what (?:was|is|were) the (?:value|amount|size|volume|"
        r"output|total)|worth|value|amount|volume|output|revenue|sales|fund\w*|budget|size|"
        r"invest(?:ed|ment)?|allocat\w*|spend|spent|money|rmb|yuan)\b", re.I)),
    ("who", re.compile(r"^\s*(who|which|what (?:company|companies|platforms?|firms?|"
                       r"organi[sz]ations?|cities|city|county|counties))\b", re.I)),
)

ZH_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "比去年多了多少": against the year before, a change, not a comparison of two figures
    ("growth", re.compile(r"(?:比|较|相比)(?:去年|上年|前年|上一?季度|上个季度|\d{4}年?)"
                          r"(?:同期)?")),
    ("compare", re.compile(r"(比|相比|哪个.*(?:快|高|大|多|慢|低|小|少)|对比|占.*比|比例|倍)")),
    ("how_long", re.compile(r"(连续几年|多少年|几年)")),
    # 增加值 is "added value", an amount, not an increase.
    ("growth", re.compile(r"(增长|增速|增幅|增加(?!值)|同比|提高|涨|翻[一两]?番)")),
    ("rank", re.compile(r"(排名|第几|名次|位居|排第)")),
    ("when", re.compile(r"(何时|什么时候|哪天|哪一天|日期|时间)")),
    ("index", re.compile(r"指数")),
    # 多少/几 with a measure word counts things: 几座 (buildings), 几所 (schools), 多少人 …
    ("how_many", re.compile(r"((?:多少|几)[个座家场项次所台名位条部辆栋处种批类件款只张本户人]|"
                            r"数量)")),
    ("how_much", re.compile(r"(多少钱|多少亿|多少|产值|金额|规模|总额|销售额|资金|亿)")),
    ("who", re.compile(r"(哪些|哪个|哪家|谁)")),
)
