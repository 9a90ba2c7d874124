"""Abbreviations in questions written out: "the IC fund" is the integrated circuit fund,
"e-com growth" the growth of e-commerce, "how much did the gov put in" the government.

Reports spell these terms out and readers abbreviate them; no corpus statistic can tell
that "IC" is "integrated circuit" (the article has eight phrases with those initials), so
this is a short table of the abbreviations of economic and technology reporting. One is
written out only where the documents use every word of its expansion: "GDP" stays "GDP"
for an article that never says "gross domestic product", and the question is refused
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
}
WORDS = {
    "e-com": "e-commerce", "ecom": "e-commerce", "e-comm": "e-commerce", "ecomm": "e-commerce",
    "gov": "government", "govt": "government", "gov't": "government", "mfg": "manufacturing",
    "int'l": "international", "intl": "international", "dept": "department",
    "mgmt": "management", "tech": "technology", "infra": "infrastructure",
}
_CAPITALS = re.compile(r"(?<![\w&-])(" + "|".join(sorted(map(re.escape, CAPITALS), key=len,
                                                         reverse=True)) + r")(?![\w&-])")
_WORDS = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, WORDS), key=len,
                                                      reverse=True)) + r")(?![\w'-])", re.I)


def expand(question: str, known: Callable[[str], bool]) -> str:
    """``question`` with each abbreviation written out whose expansion's every word the
    documents use (``known`` tells of a token)."""
    def written_out(expansion: str, m: re.Match[str]) -> str:
        return expansion if all(known(t) for t in tokens(expansion)) else m.group(0)

    question = _CAPITALS.sub(lambda m: written_out(CAPITALS[m.group(1)], m), question)
    return _WORDS.sub(lambda m: written_out(WORDS[m.group(1).lower()], m), question)
