"""What surrounds the question in what a user types, taken off or taken apart before it is
read (:mod:`bot.query`): a polite request ("Could you tell me …, please?", "请问 …"), a
preamble ("Quick question: …"), sentences that only set the scene ("Hi! Writing a piece for
our tech desk. …"), a Chinese particle closing an English question ("growth rate呢?"), a
greeting with no question in it, and two questions asked at once.
"""

from __future__ import annotations

import re

from .query import understand
from .text import is_cjk

# A greeting, thanks or goodbye with no question in it.
SMALL_TALK = re.compile(
    r"^\s*(?:(?:hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"thanks|thank\s+you|thx|cheers|ok(?:ay)?|great|cool|nice|bye|goodbye|see\s+you)"
    r"(?:\s+(?:there|again|so\s+much|a\s+lot|very\s+much|all))?[\s!.,?~]*)+$"
    r"|^\s*(?:你好|您好|嗨|谢谢|多谢|再见|好的)[\s!！.。,，?？~]*$"
    # what the service can be asked: "What can you tell me?", "help", "你能回答什么？"
    r"|^\s*(?:help|what\s+can\s+(?:you|i)\s+(?:do|tell\s+me|answer|ask(?:\s+you)?|help\s+with)|"
    r"what\s+do\s+you\s+know|what\s+(?:questions\s+)?can\s+i\s+ask(?:\s+you)?|"
    r"how\s+do\s+(?:i|you)\s+(?:use\s+(?:this|you)|work))(?:\s+about)?[\s!.,?~]*$"
    r"|^\s*(?:你能(?:做|回答)什么|我能问什么|帮助)[\s!！.。,，?？~]*$", re.I)


# Asked for a judgement, which the documents' facts do not give: "Is the policy a good one,
# in your opinion?", "Do you think Yiwu will keep growing?", "你认为…好吗？"
OPINION = re.compile(
    r"\b(?:in\s+your\s+(?:opinion|view|judgement|judgment)|do\s+you\s+(?:think|believe|"
    r"reckon|feel|agree)|what\s+do\s+you\s+(?:think|make)\s+of|your\s+(?:opinion|view|take|"
    r"thoughts)\s+on|would\s+you\s+(?:say|recommend|advise)|is\s+it\s+(?:a\s+)?(?:good|bad|"
    r"wise)\s+(?:idea|thing|investment|place|move))\b|你(?:认为|觉得|怎么看)|好不好|值得吗",
    re.I)

# Asked what the documents say of a topic: "Tell me about SAP's presence in Yiwu", "What's
# the story with chips?", "Say something about the photovoltaic sector", "Anything on …?"
_TOPIC = re.compile(
    r"^\s*(?:please\s+)?(?:(?:can|could|would)\s+you\s+)?(?:tell\s+(?:me|us)\s+(?:a\s+bit\s+|"
    r"more\s+|something\s+)?about|say\s+something\s+about|what\s+(?:do|does)\s+(?:the\s+)?"
    r"(?:article|documents?|text|it|they)\s+say\s+(?:about|on)|what(?:'s|’s|\s+is)\s+(?:the\s+"
    r"story|happening|going\s+on|new)\s+with|(?:i'?d|i’d|i\s+would)\s+like\s+to\s+(?:know|hear|"
    r"learn)\s+(?:more\s+)?(?:about|what(?:'s|’s|\s+is)\s+(?:happening|going\s+on)\s+with)|"
    r"anything\s+(?:on|about)|give\s+me\s+(?:an?\s+)?(?:overview|summary|rundown|picture)\s+of|"
    r"describe|summari[sz]e|info(?:rmation)?\s+(?:on|about))\s+(?P<topic>.+?)[\s.?!？。]*$", re.I)
# Words of a topic that name no part of it: "SAP's presence", "the story", "the sector"
_NO_PART = re.compile(r"\b(?:presence|story|stories|situation|happening|going\s+on|news|scene|"
                      r"things?|stuff|sector|sectors|field|area|side|role|efforts?|status|"
                      r"overview|updates?|details?|info|information|there|here|in\s+general|"
                      r"generally|overall|activities|activity|work)\b", re.I)


def topic(question: str) -> str | None:
    """The topic a request asks the documents' word on ("SAP" of "Tell me about SAP's presence
    in Yiwu"), without the words that name no part of it; None if not such a request."""
    m = _TOPIC.match(question)
    if not m:
        return None
    rest = _NO_PART.sub(" ", re.sub(r"[’']s\b", "", m.group("topic")))
    rest = re.sub(r"\s+", " ", rest).strip(" ,.")
    return rest or None


# A request wrapped round the question: "Could you tell me …", "Please, …", "… please?".
_COURTESY_HEAD = re.compile(
    r"^(?:(?:hi|hello|hey)\b[\s,!.]*)?"
    r"(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:tell|show|give)\s+me\b"
    r"(?:\s+about\b)?"
    r"|(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:find\s+out|check|look\s+up)\b"
    r"|(?:please\s+)?(?:tell|show|give)\s+me\b(?:\s+about\b)?"
    # "Spell out the strategy …", "Walk me through …": what the documents say of it
    r"|(?:please\s+)?(?:spell\s+out|lay\s+out|run\s+me\s+through|walk\s+me\s+through)\b"
    r"|do\s+you\s+know\b|i(?:'d|’d|\s+would)\s+like\s+to\s+know\b"
    r"|i\s+(?:want|need)\s+to\s+know\b|i\s+wonder\b|please\b)[\s,:]*",
    re.I)
_COURTESY_TAIL = re.compile(r"[\s,]*\bplease\b(?=[\s?.!]*$)", re.I)
# 请问 …, 能告诉我 …, 我想知道 …; 你知道 … 吗？ ("do you know … ?") loses its 吗 too.
_COURTESY_HEAD_ZH = re.compile(r"^(?:请问|请告诉我|(?:能|可以)(?:不能)?告诉我|我想(?:知道|问)|"
                               r"想问一下|(?P<know>你知道|您知道|知道)|请)[，,：:\s]*")
_KNOW_TAIL_ZH = re.compile(r"吗\s*(?=[？?]?\s*$)")


# A preamble before the question: "Quick question: …", "Answer briefly: …", "Switching
# topics — …", "Thanks in advance. …". Only lead words that name no place or measure.
_PREAMBLE = re.compile(
    r"^\s*(?:quick|one|a|another|short|simple|question|answer|briefly|brief|thanks|thank|"
    r"hi|hello|hey|ok|okay|so|switching|changing|new|next|btw|fyi|just|sorry|good|greetings|"
    r"dear|note|also|never\s+mind|nevermind|anyway|fine|forget|moving|right|alright|great|"
    r"cool|got\s+it|understood|interesting)\b[\w\s'’,]{0,40}?(?:\s*[:：]|\s+[—–-]+|\s*[.!])\s+"
    r"(?=\S)", re.I)


# Two questions in one: "How many 5G base stations, and what is the e-commerce volume?",
# "What was the volume in 2021 and how much did it grow?", "How many …? And the growth?"
_SECOND = re.compile(
    r"\s*,?\s+and\s+(?=(?:(?:for|in|by|since|to|from|at)\s+)?(?:how|what|which|when|who|"
    r"where|why)\b)|(?<=[?？])\s+(?=\S)|"
    # "Which firm opened a centre in Yiwu - was it Alibaba?": a guess checked after
    r"\s+[-–—]+\s+(?=(?:was|is|were|are|did|does)\s+(?:it|that|they|this)\b)", re.I)

# "电商交易额是多少，同比增长多少？": a clause that ends in its question word, then another
# "有多少个5G基站？排名第几？": two questions, each with its mark
_SECOND_ZH = re.compile(r"(?:(?<=多少|几个|几家|几年|几项|几次|几场|第几|哪些|哪个|什么)\s*"
                        r"(?:[,，、;；]\s*(?:以及|还有|另外|并且|而且|那)?|(?:以及|还有|另外))"
                        r"|[?？])\s*(?=\S.*(?:多少|几|哪|什么|吗|呢))")

# "…, plus the growth rate", "… as well as its rank": that measure's growth or rank too
_PLUS_PROPERTY = re.compile(
    r",?\s+(?:plus|as\s+well\s+as|along\s+with|together\s+with|and\s+also)\s+(?P<what>(?:the|its|"
    r"their)\s+(?:growth(?:\s+rate)?|rank(?:ing)?|year[- ]on[- ]year\s+(?:growth|change)|"
    r"increase))\b[^?]*\??\s*$", re.I)
_ASKS = re.compile(r"\s*(?:and\s+)?(?:how|what|which|when|who|where|why|is|are|was|were|did|does|"
                   r"do|can|could|tell|give|list|and)\b", re.I)


# A second question that only asks which of what the first asks about
_WHICH_ONE = re.compile(r"^\s*(?:and\s+|if\s+so,?\s+)?(?:which|what|who)(?:\s+(?:one|ones|is\s+it|"
                        r"are\s+they|was\s+it|were\s+they|company|companies|firm|firms))?"
                        r"\s*[?？]\s*$", re.I)


# A second sentence that only asks for what an answer gives anyway: "Give examples.",
# "Name them.", "Be specific.", "Cite the source."
_ONLY_DETAIL = re.compile(
    r"^\s*(?:please\s+)?(?:(?:give|provide|show|list|name|cite|quote)\s+(?:me\s+|us\s+)?"
    r"(?:some\s+|a\s+few\s+|an?\s+|the\s+)?(?:examples?|them|those|these|some|names?|details?|"
    r"specifics|figures?|numbers?|sources?)|be\s+(?:specific|precise|brief)|explain|elaborate|"
    r"examples?)\b(?:\s+please)?\s*[.!?？]?\s*$", re.I)


# "… - was it Alibaba?": a guess at the answer to the question before it
_GUESS = re.compile(r"^\s*(?i:(?:was|is|were|are)\s+(?:it|that|they|this)\s+(?:really\s+)?)"
                    r"(?P<name>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*)*)\s*[?？]?\s*$")


def guess(part: str) -> str | None:
    """The name a second part only guesses for the first ("was it Alibaba?"), or None."""
    m = _GUESS.match(part)
    return m.group("name") if m else None


def split_questions(question: str) -> list[str]:
    """``question`` as the questions it asks, one or two; a comparison ("which is larger, X
    or Y?") or a pair inside one question ("the sum of X and Y") stays whole."""
    if is_cjk(question):
        m = _SECOND_ZH.search(question)
        if not m or len(question[: m.start()]) < 4 or len(question[m.end():]) < 3:
            return [question]
        return [question[: m.start()].rstrip("?？") + "？", question[m.end():]]
    if (m := _PLUS_PROPERTY.search(question)) and understand(question[: m.start()]).intent \
            != "compare":
        # "the output in 2021, plus the growth rate": its growth is a second question
        what = re.sub(r"^the\b", "its", m.group("what"), flags=re.I)
        return [question[: m.start()].strip(" ,") + "?", f"What was {what}?"]
    m = _SECOND.search(question)
    if not m:
        return [question]
    first, second = question[: m.start()].strip(), question[m.end():].strip()
    if len(first.split()) < 3 or len(second.split()) < 2 or understand(first).intent == \
            "compare":
        return [question]
    if _ONLY_DETAIL.match(second):
        return [first]  # "Which industries …? Give examples.": the first, which gives them
    if not second.endswith(("?", "？")) and not _ASKS.match(second):
        return [question]  # "How much …? A source of mine says 300 million.": one question
    if _WHICH_ONE.match(second):
        return [question]  # "Has any firm opened a centre in Yiwu? Which one?": one question
    if not first.endswith(("?", "？")):
        first += "?"
    return [first, second]


_SENTENCE = re.compile(r"(?<=[.!])\s+(?=[A-Z])")
# A question that only points back ("What are they?") at a need stated before it
_VAGUE = re.compile(r"^\s*(?:so\s+)?(?:what|which)\s+(?:are|is|were|was)\s+(?:they|it|those|these|"
                    r"that|them)\s*[?？]\s*$|^\s*(?:can|could|would)\s+you\s+(?:help|give\s+"
                    r"(?:me\s+)?(?:them|those|that|it)|find\s+(?:them|those|that|it))"
                    r"(?:\s+please)?\s*[?？]\s*$", re.I)
_NEED = re.compile(r"^\s*(?:I|we)(?:\s+really)?\s+(?:need|want|would\s+like|'d\s+like|’d\s+like|"
                   r"am\s+looking\s+for|'m\s+looking\s+for|’m\s+looking\s+for)\s+", re.I)
# "…, so I can put both in the opening paragraph": why it is needed, not what
_PURPOSE = re.compile(r",?\s+(?:so\s+(?:that\s+)?(?:I|we)|in\s+order\s+to|to\s+put|to\s+use|"
                      r"for\s+(?:my|our|the)\s+(?:piece|article|story|report|newsletter|"
                      r"deck|slides?))\b.*$", re.I)


def _drop_context(question: str) -> str:
    """A question after sentences that only set the scene ("Hi! Writing a piece for our
    tech desk. Could you give me …?"): those sentences dropped, unless they state a figure
    ("My colleague says it was 50 billion. What does the article say?")."""
    parts = _SENTENCE.split(question.strip())
    if len(parts) < 2 or not parts[-1].rstrip().endswith(("?", "？")):
        return question
    if _VAGUE.match(parts[-1]) and (need := _NEED.match(parts[-2])):
        # "I need the headline number for … in 2021. What is it?": the need is the question
        wanted = _PURPOSE.sub("", parts[-2][need.end():]).strip(" .,")
        return f"What is {wanted}?"
    # (a figure stated: "50 billion", "18.9%", not the digit of a name such as "5G")
    first = next(i for i, p in enumerate(parts) if _STATES_FIGURE.search(p)
                 or p.rstrip().endswith(("?", "？")))
    kept = parts[first:]
    if len(kept) == 1 and (m := _SAID_THEN_ASKED.match(kept[0])) and \
            not _STATES_FIGURE.search(m.group("said")):
        # "The article says 2021 was a record — how much was allocated in 2020?"
        return m.group("asked")
    return " ".join(kept)


# A figure stated: "50 billion", "18.9%"; not a year ("2021 was a record") nor the digit of a
# name ("5G")
_STATES_FIGURE = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d(?![\d,.]))\d[\d,.]*(?![\w])|\d\s*%")
# a statement, a dash, then the question: "The article says … — how much …?"
_SAID_THEN_ASKED = re.compile(
    r"^\s*(?P<said>(?!(?:and|as\s+for|regarding|what|how|which|when|who|where|why)\b)[^?—–]+?)"
    r"\s+[—–-]\s+(?P<asked>(?:how|what|which|when|who|where|why|is|are|was|were|do|does|did|"
    r"can|could)\b[^—–]+[?？])\s*$", re.I)


_ZH_PARTICLE = re.compile(r"\s*[呢吗啊呀吧]+(?=\s*[?？.!！]*\s*$)")


def without_courtesy(question: str) -> str:
    """The question inside a polite request: "Could you tell me how many 5G base stations
    there are, please?" → "how many 5G base stations there are?", "你知道义乌有多少人口吗？"
    → "义乌有多少人口？", "Quick question: how many …?" → "how many …?". Unchanged if nothing
    would be left."""
    if not is_cjk(question):  # "growth rate呢?": the Chinese particle of an English question
        question = _ZH_PARTICLE.sub("", question)
    question = _drop_context(question)
    # "About how many times …?": the hedge asks nothing ("About" is no name)
    question = re.sub(r"^\s*(?:about|roughly|approximately|approx\.?|around)\s+(?=(?:how|what)\b)",
                      "", question, flags=re.I)
    question = _PREAMBLE.sub("", question, count=1) if len(question.split()) > 3 else question
    core = _COURTESY_TAIL.sub("", _COURTESY_HEAD.sub("", question, count=1), count=1)
    if m := _COURTESY_HEAD_ZH.match(core):
        core = core[m.end():]
        if m.group("know"):
            core = _KNOW_TAIL_ZH.sub("", core, count=1)
    return core if re.search(r"\w", core) else question
