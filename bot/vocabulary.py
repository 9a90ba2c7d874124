"""The words the figure extractor reads English by, and the match keys of a phrase.

Word classes (determiners, auxiliaries, verbs that end a noun phrase, adjectives in -ed that do
not), the cue patterns that tie a figure to the words before it (a linking verb, a verb of
change, a growth or ranking cue, some in Chinese), and word forms: ``participle`` for labels
("amount allocated") and ``keywords_for``, the keys a question's words are looked up in.
"""

from __future__ import annotations

import re

from .text import STOPWORDS, stem, words

# --- word classes ---------------------------------------------------------------------------

DETERMINERS = frozenset("the a an its their his her our this these those each every all".split())
AUX = frozenset("is are was were be been being has have had will would can could may might "
                "shall should must do does did".split())  # fmt: skip
STOP_BACK = frozenset(
    "by at as than into onto upon within without about across among between "
    "through via per over under after before since during despite including against toward "
    "towards that which who whom whose while whereas when where because although though if "
    "so but thus hence therefore moreover meanwhile besides furthermore however".split()
)
ING_VERBS = frozenset(
    "achieving reaching ranking hitting making including maintaining bringing accounting "
    "registering recording totaling totalling representing marking having being showing "
    "seeing becoming attracting generating creating driving helping promoting taking "
    "exceeding surpassing topping".split()
)
PRESENT_VERBS = frozenset(
    "expects expect plans aims targets forecasts predicts projects says reports estimates "
    "shows covers hosts has have owns boasts".split()
)
# Prepositions that stay inside a noun phrase: "exports to ASEAN countries", "volume of ...".
NP_PREPS = ("of", "on", "in", "for", "with", "to", "from")
MODALS = frozenset("can could will would may might shall should must".split())
IRREGULAR_PAST = frozenset(
    "built made sold won held brought drew took got saw grew rose fell spent paid began became "
    "led met sent found gave struck went bought kept set".split()
)
# Words in -ed that are adjectives far more often than verbs inside a noun phrase.
ED_ADJECTIVES = frozenset(
    "added integrated dedicated advanced limited listed registered designated specialized "
    "specialised automated bonded skilled detailed united hundred need speed seed feed based "
    "related combined expected estimated accumulated fixed used red".split()
)
NEGATIVE = frozenset(
    "decrease decreased decreases decline declined declines declining drop dropped drops fall "
    "fell falls falling down shrank shrinking contracted contraction slid slumped plunged "
    "下降 减少 回落 下滑".split()
)


# --- cues -----------------------------------------------------------------------------------

LINK = re.compile(
    r"(?i)\b(?:reached|reaching|reaches|reach|was|were|is|are|be|been|stood at|stands at|"
    r"standing at|totaled|totalled|totaling|totalling|totals|amounted to|amounting to|"
    r"amounts to|hit|hitting|hits|came to|comes to|rose to|grew to|increased to|fell to|"
    r"dropped to|declined to|decreased to|climbed to|jumped to|surged to|expanded to|of|at|"
    r"worth|valued at|surpassed|topped|recorded|registered|achieved|posted)\s+"
    r"(?:a total of\s+|a record(?: high of)?\s+)?$"
)
PAST = rf"[a-z]+ed|{'|'.join(sorted(IRREGULAR_PAST))}"
VERB_BEFORE = re.compile(rf"\b(?P<v>{PAST})\s+(?:(?:a|an|the)\s+)?(?:a total of\s+)?$")
MODAL_VERB_BEFORE = re.compile(r"(?i)\b(?:will|would|can|could|to|may|might)\s+(?P<v>[a-z]+)\s+$")
CHANGE_TO = re.compile(r"(?i)\b(?:rose|grew|increased|climbed|jumped|surged|expanded|fell|"
                       r"dropped|declined|decreased|went up|went down|doubled|tripled|halved)"
                       r"\b[^,;]*\bto\s+$")
CN_LINK = re.compile(r"(?:达到|达|为|是|实现|完成|突破|共|累计|合计|总计|共计)$")
GROWTH_BEFORE = re.compile(
    r"(?i)\b(?P<cue>growth rate|rate of growth|growth|increase|increased|increases|increasing|"
    r"rise|rising|rose|rises|grew|grows|growing|up|gain|gains|gained|jump|jumped|surge|surged|"
    r"climbed|expanded|expansion|decrease|decreased|decreases|decline|declined|declines|"
    r"declining|drop|dropped|drops|fall|fell|falls|falling|down|shrank|shrinking|contracted|"
    r"contraction|slid|slumped|plunged)(?:\s+(?:by|of))?\s*$"
)
GROWTH_AFTER = re.compile(r"(?i)^\s*(?:year-on-year\s+|annual\s+)?(?P<cue>increase|rise|growth|"
                          r"gain|jump|surge|drop|decline|decrease|fall|contraction)\b")
CN_GROWTH = re.compile(r"(?P<cue>增长|增加|上升|提高|提升|增速|下降|减少|回落|下滑)(?:了|为)?$")
RANK_VERB = re.compile(r"(?i)\b(?P<v>rank(?:s|ed|ing)?|placed|placing|came|comes|coming|"
                       r"finished|stood|stands|positioned)\s+(?:as\s+)?(?:the\s+)?$")
CN_RANK_VERB = re.compile(r"(位列|位居|排名|排在|名列|居|列)")
SCOPE = re.compile(r"^\s+(?P<s>(?:in|among|across|within|nationwide|worldwide|globally)\b"
                   r"[^,;.(]*)")


# --- word forms -----------------------------------------------------------------------------

# Words a question shares with every figure's context, so they never make a match.
KEYWORD_STOPWORDS = STOPWORDS | {"among", "within", "across", "between", "via", "figure", "number"}


def keywords_for(text: str) -> tuple[str, ...]:
    """Match keys of a phrase, in the form ``bot.text.tokens`` gives a question's words, plus
    the base form of verbs and the noun of a few adjectives ("allocated" -> "allocate",
    "economic" -> "economy"), so "how much did they allocate" meets "amount allocated"."""
    out: list[str] = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        for k in (stem(word), stem(_lemma(word))):
            if k and k not in out and k not in KEYWORD_STOPWORDS and not k.isdigit():
                out.append(k)
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
        for i in range(len(run) - 1):  # Chinese has no spaces: character bigrams
            if run[i:i + 2] not in out:
                out.append(run[i:i + 2])
    return tuple(out)


_ADJ_NOUN = {"economic": "economy", "industrial": "industry", "commercial": "commerce",
             "financial": "finance", "technological": "technology", "scientific": "science",
             "agricultural": "agriculture", "provincial": "province", "national": "nation"}


def _lemma(word: str) -> str:
    """The base form of a verb or the noun of an adjective: "allocated" -> "allocate",
    "livestreaming" -> "livestream", "economic" -> "economy"; else the word."""
    if word in _ADJ_NOUN:
        return _ADJ_NOUN[word]
    irregular = {"built": "build", "made": "make", "sold": "sell", "held": "hold", "won": "win",
                 "grew": "grow", "rose": "rise", "fell": "fall", "ranking": "rank"}
    if word in irregular:
        return irregular[word]
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3 and word not in ED_ADJECTIVES:
            stem = word[: -len(suffix)]
            if stem.endswith(("at", "iz", "is", "ur", "as", "aus", "v", "c", "dl", "bl", "rg",
                              "rad")):
                return stem + "e"
            if stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]
            return stem
    return word


_PARTICIPLES = {"build": "built", "make": "made", "sell": "sold", "hold": "held", "win": "won",
                "spend": "spent", "pay": "paid", "set": "set", "raise": "raised"}


def participle(verb: str) -> str:
    """"raise" -> "raised", "invest" -> "invested"; a past form stays as it is."""
    if verb.endswith("ed") or verb in IRREGULAR_PAST:
        return verb
    if verb in _PARTICIPLES:
        return _PARTICIPLES[verb]
    return verb + "d" if verb.endswith("e") else verb + "ed"
