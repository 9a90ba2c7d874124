"""Abbreviations and other names of reporting terms in questions, written the documents'
way: "the IC fund" is the integrated circuit fund, "e-com growth" the growth of e-commerce,
"how much did the gov put in" the government; "fifth-generation masts" are 5G base stations,
"online commerce" is e-commerce, a "Fortune Global 500" firm one of the world's top 500.

Reports spell these terms out or name them one way, and readers abbreviate them or use
another name; no corpus statistic can tell that "IC" is "integrated circuit" (the article
has eight phrases with those initials) or that a mast is a base station, and the embedder
alone does not carry the question past the checks that its measure words are the
documents' (bot.coverage). So these are short tables of the abbreviations and the common
other names of economic and technology reporting, none drawn from a question. One is
written out only where the documents use every word of what it stands for: "GDP" stays
"GDP" for an article that never says "gross domestic product", and the question is refused
naming it, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .text import tokens

# Case matters for the all-capital ones ("IC", not "ic"); the others are read in any case.
CAPITALS = {
    "IC": "integrated circuit", "ICs": "integrated circuits", "AI": "artificial intelligence",
    "IoT": "Internet of Things", "IOT": "Internet of Things", "GDP": "gross domestic product",
    "R&D": "research and development", "SME": "small and medium-sized enterprise",
    "SMEs": "small and medium-sized enterprises", "SOE": "state-owned enterprise",
    "SOEs": "state-owned enterprises", "EV": "electric vehicle", "EVs": "electric vehicles",
    "NEV": "new energy vehicle", "NEVs": "new energy vehicles", "PV": "photovoltaic",
    "LED": "light-emitting diode", "B2B": "business-to-business",
    "B2C": "business-to-consumer", "O2O": "online-to-offline", "FDI": "foreign direct investment",
    "CBEC": "cross-border e-commerce", "ICT": "information and communication technology",
    "SEI": "strategic emerging industries", "SEIs": "strategic emerging industries",
}
WORDS = {
    "e-com": "e-commerce", "ecom": "e-commerce", "e-comm": "e-commerce", "ecomm": "e-commerce",
    "gov": "government", "govt": "government", "gov't": "government", "mfg": "manufacturing",
    "int'l": "international", "intl": "international", "dept": "department",
    "mgmt": "management", "tech": "technology", "infra": "infrastructure", "trad": "traditional",
}
# Other names of a term, each the pattern of its forms and the documents' usual name.
OTHER_NAMES: tuple[tuple[str, str], ...] = (
    (r"fifth[- ]generation(?:\s+(?:mobile|wireless|cellular))?(?:\s+network)?", "5G"),
    (r"(?:(?:mobile|cellular|cell|phone|telecoms?|wireless|radio|network|signal)\s+)?"
     r"(?:masts|towers)|cell(?:ular)?\s+sites", "base stations"),
    (r"(?:(?:mobile|cellular|cell|phone|telecoms?|wireless|radio|network|signal)\s+)?"
     r"(?:mast|tower)|cell(?:ular)?\s+site", "base station"),
    (r"(?:online|internet(?:-based)?|electronic|web(?:-based)?)\s+commerce|ecommerce",
     "e-commerce"),
    (r"e-commerce\s+(?:transactions?|business|turnover|trade|trading)", "e-commerce volume"),
    (r"live(?:[-\s]?stream(?:ing|ed)?)?[-\s]+(?:commerce|shopping|e-commerce)|live[-\s]+selling",
     "livestream selling"),
    (r"digital\s+(?:sector|sphere)", "digital economy"),
    (r"live(?:-|\s+)sales", "livestream sales"),
    (r"live[-\s]?stream(?:ing|ed)?\s+(?:selling\s+|sales\s+|shopping\s+)?(?:sessions|broadcasts|"
     r"shows|events)|live[-\s]?streams", "livestreaming selling activities"),
    (r"live[-\s]?stream(?:ing|ed)?\s+(?:selling\s+|sales\s+|shopping\s+)?(?:session|broadcast|"
     r"show|event)", "livestreaming selling activity"),
    (r"(?:(?:Fortune[\s-]+)?Global[\s-]+500|Fortune[\s-]+500)(?:-(?:type|class|level|listed))?",
     "top 500"),
    (r"intelligent(?=\s+(?:manufactur\w*|factor(?:y|ies)|upgrad\w*|transform\w*|workshops?|"
     r"cit(?:y|ies)|production))", "smart"),
    (r"(?:legacy|old-school|old-line|old-fashioned|conventional|old)\s+(?:industries|sectors)",
     "traditional industries"),
    (r"(?:legacy|old-school|old-line|old-fashioned|conventional|old)\s+(?:industry|sector)",
     "traditional industry"),
    (r"sectors", "industries"), (r"sector", "industry"),  # after "digital sector", "old sectors"
    (r"chip\s*makers|chip\s+firms", "chip companies"),
    (r"chip\s*maker|chip\s+firm", "chip company"),
    (r"firms", "companies"), (r"firm", "company"),
    (r"(?:drawn|drew)\s+in|lured|enticed", "attracted"),
    (r"draws?\s+in|lures?|entices?", "attract"),
    (r"assessments?", "evaluation"),
    (r"(?:investment|money|cash|funding)\s+(?:pot|kitty|pool)", "fund"),
)
_OTHER_NAMES = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.I), name)
                for p, name in OTHER_NAMES]
_CAPITALS = re.compile(r"(?<![\w&-])(" + "|".join(sorted(map(re.escape, CAPITALS), key=len,
                                                         reverse=True)) + r")(?![\w&-])")
_WORDS = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, WORDS), key=len,
                                                      reverse=True)) + r")(?![\w'-])", re.I)


def expand(question: str, known: Callable[[str], bool]) -> str:
    """``question`` with each abbreviation written out, and each other name of a term put
    in the documents' name, where the documents use its every word (``known`` tells of a
    token)."""
    def written_out(expansion: str, m: re.Match[str]) -> str:
        return expansion if all(known(t) for t in tokens(expansion)) else m.group(0)

    question = _CAPITALS.sub(lambda m: written_out(CAPITALS[m.group(1)], m), question)
    question = _WORDS.sub(lambda m: written_out(WORDS[m.group(1).lower()], m), question)
    for pattern, name in _OTHER_NAMES:
        question = pattern.sub(lambda m, name=name: written_out(name, m), question)
    return question
