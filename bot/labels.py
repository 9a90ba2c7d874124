"""What a figure measures: its label, and for a rank its scope, for a growth rate its base.

``label_all`` reads each mention of a sentence by kind. A value is labelled by the noun it
counts, the subject of a linking verb, the object of a verb or the noun phrase before it. A
percentage with a growth cue becomes a growth rate, "growth of <base>", linked (``of``) to the
figure it is the growth of. A rank is "rank of <thing>" or "rank in <field>", the place going to
``scope``; a duration "[consecutive ]years <what lasted>"; a date, what happened on it. Chinese
text is read by its own rules (``_label_cjk``).
"""

from __future__ import annotations

import re

from . import numbers as nb
from .phrases import (
    clause_left,
    clean,
    drop_subject,
    is_actor,
    leading_np,
    trailing_np,
    unquote,
    verb_phrase_after,
)
from .reading import Mention, Reading
from .vocabulary import (
    AUX,
    CHANGE_TO,
    CN_GROWTH,
    CN_LINK,
    CN_RANK_VERB,
    ED_ADJECTIVES,
    GROWTH_AFTER,
    GROWTH_BEFORE,
    LINK,
    MODAL_VERB_BEFORE,
    NEGATIVE,
    PAST,
    RANK_VERB,
    SCOPE,
    VERB_BEFORE,
    keywords_for,
    participle,
)


def label_all(s: Reading) -> None:
    """Label every mention of ``s``, each read by its kind and language."""
    for i, mn in enumerate(s.mentions):
        if s.cjk(mn.num_start) and mn.kind != "date":
            _label_cjk(s, i)
        elif mn.kind == "date":
            mn.label = mn.core = _label_date(s, mn)
        elif mn.kind == "rank":
            _label_rank(s, i)
        elif mn.kind == "years":
            mn.label = mn.core = _label_years(s, mn)
        elif mn.kind == "pct" and _growth_cue(s, mn):
            _label_growth(s, i)
        else:
            _label_value(s, i)


def _label_value(s: Reading, i: int) -> None:
    """Money, counts, plain percentages and index values, tried in this order: the noun a
    count counts ("3692 5G base stations built"); a share ("account for one-third of X");
    the subject of a linking verb ("the volume of e-commerce was ..."); the object of a verb
    ("allocated more than 400m RMB for ..."); the noun phrase right before ("an industrial
    fund exceeding 24 bn RMB")."""
    mn, m = s.mentions[i], s.masked
    left = clause_left(m, mn.start)
    clause_start = mn.start - len(left)
    after = m[mn.end:]
    if mn.kind == "count" or (mn.kind == "money" and re.match(r"[\s-]+[a-z]", after)
                              and not re.match(r"[\s-]+(?:in|on|for|to|at|from|by|of|with|and|"
                                               r"was|is|were|are|last|this|next)\b", after)):
        if _label_counted(s, mn, left, clause_start):
            return
    if mn.kind == "pct":
        share = re.search(r"(?i)\baccount\w*\s+for\s+$", left)
        obj = re.match(r"\s+of\s+([^,;.]+?)(?=\s+(?:are|is|was|were|have|has)\b|[,;.]|$)",
                       s.text[mn.end:])
        if share or (obj and not left.strip()):
            subj = trailing_np(s, clause_start + share.start()) if share else ""
            rest = verb_phrase_after(s, mn.end + obj.end()) if obj and not share else ""
            phrase = f"{subj} share of {obj.group(1)}" if obj else f"{subj} share"
            mn.core = mn.label = clean(s, f"{phrase} {rest}".strip())
            return
    change = CHANGE_TO.search(left)
    link = change or LINK.search(left)
    if link:
        subj = trailing_np(s, clause_start + link.start(), strip_aux=True)
        if subj and not subj.lower().endswith("growth"):
            mn.core = mn.label = clean(s, subj)
            if mn.kind == "count" and re.search(r"(?i)\b(?:index|score|pmi)\b", subj):
                mn.unit = "index"
            if left[: link.start()].lstrip().split(" ")[0].lower().endswith("ing"):
                base = _nearest(s, i, ("count",))
                if base is not None:  # ", achieving a total retail sales volume of ..."
                    mn.core = mn.label = f"{mn.label} of {s.mentions[base].core}"
            return
    verb = VERB_BEFORE.search(left) or MODAL_VERB_BEFORE.search(left)
    if verb and verb.group("v") not in ED_ADJECTIVES | AUX:
        # the figure is an object: "allocated more than 400m RMB for ...", "will raise ..."
        subj = trailing_np(s, clause_start + verb.start(), strip_aux=True)
        subj = re.sub(r"(?i)\s+(?:will|would|can|could|plans|aims|is set|are set)$", "", subj)
        pp = re.match(r"\s+((?:for|in|to|on)\s+[^,;.(_]+)", after)
        by = f" by {clean(s, subj)}" if subj and not is_actor(s, subj) else ""
        noun = "amount" if mn.kind == "money" else "number"
        mn.core = mn.label = f"{noun} {participle(verb.group('v'))}{by}" + (
            f" {s.text[mn.end + pp.start(1):mn.end + pp.end(1)].strip()}" if pp else "")
        return
    subj = trailing_np(s, mn.start)  # attributive: "an industrial fund exceeding 24 bn RMB"
    if not subj:  # "45% said digital tools raised sales": what the clause says of it
        subj = " ".join(re.split(r"[,;.(]", s.text[mn.end:])[0].split()[:8])
    mn.core = mn.label = clean(s, subj) or "figure"


def _label_counted(s: Reading, mn: Mention, left: str, clause_start: int) -> bool:
    """Label a count (or "a 45-billion-yuan investment plan") by the noun phrase after it,
    plus the verb that made it ("5G base stations built") or the verb it does
    ("companies and institutions selected as ... programs")."""
    np_ = leading_np(s, mn.end)
    if not np_:
        return False
    verb = VERB_BEFORE.search(s.masked[clause_start:mn.start])
    vp = verb_phrase_after(s, np_[1])
    mn.core = clean(s, s.text[np_[0]:np_[1]], flip=False)
    tail = f" {verb.group('v')}" if verb and verb.group("v") not in ED_ADJECTIVES else ""
    link = LINK.search(left)  # a verb; "of"/"at" ("upgrading of ten industries") is not one
    link = link if link and link.group().split()[0].lower() not in ("of", "at") else None
    subj = trailing_np(s, clause_start + link.start(), True) if link and not tail else ""
    subj = clean(s, subj) if subj else ""
    if subj.lower() not in ("", "total", "number", "sum") and " of " not in mn.core:
        mn.core = f"{mn.core} of {subj}"  # "throughput hit 1.2 million TEUs"
    mn.label = mn.core + (tail or (f" {vp}" if vp else ""))
    gov = re.search(r"\s+of\s+$", left)
    if gov and not tail and not vp:  # "upgrading of ten traditional industries"
        mn.extra += keywords_for(trailing_np(s, clause_start + gov.start()))
    return True


def _label_growth(s: Reading, i: int) -> None:
    mn, m = s.mentions[i], s.masked
    mn.kind = "growth"
    mn.extra += ["growth", "increase"]
    left = clause_left(m, mn.start)
    clause_start = mn.start - len(left)
    cue = GROWTH_BEFORE.search(left)
    cue_start = clause_start + cue.start() if cue else mn.start
    if cue and cue.group("cue").lower() in NEGATIVE or (
        not cue and (g := GROWTH_AFTER.match(m[mn.end:])) and g.group("cue").lower() in NEGATIVE
    ):
        mn.value = -abs(mn.value or 0)
    subj = trailing_np(s, cue_start, strip_aux=True)
    subj = clean(s, subj) if subj else ""
    own = subj and not any(clause_start <= o.start < cue_start for o in s.mentions[:i])
    nxt = s.mentions[i + 1] if i + 1 < len(s.mentions) else None
    if nxt and nxt.kind in ("money", "count") and re.fullmatch(r"\s+to\s+", m[mn.end:nxt.start]):
        mn.of = i + 1  # "grew 15.6 per cent to 52.3 billion yuan"
    if own and not re.fullmatch(r"(?i)(?:year-on-year|annual|the|a|an)?", subj):
        if subj.lower().endswith((" growth", " growth rate")):  # "export growth of 3-5%"
            subj = re.sub(r"(?i)\s+growth(?: rate)?$", "", subj)
        mn.label = f"growth of {subj}"
        return
    base = _nearest(s, i, ("money", "count", "pct"))
    if base is not None:
        mn.of, mn.label = base, f"growth of {s.mentions[base].core}"
    else:
        mn.of_prev, mn.label = True, "growth"


def _label_rank(s: Reading, i: int) -> None:
    """What is ranked: "in terms of X" -> "rank in X"; the subject of "ranked"; the figure a
    ", ranking first" or "the number of which ranks first" refers to; the thing of "the
    second <thing> ... in China"; else the scope. The scope is the "in/among ..." after it."""
    mn, m = s.mentions[i], s.masked
    sc = SCOPE.match(m[mn.end:])
    field_ = None  # "ranked 13th among ... for comprehensive strength"
    if sc:
        text = s.text[mn.end + sc.start("s"):mn.end + sc.end("s")]
        parts = re.split(r"\s+(?:for|with|in terms of|and (?=\w+(?:ing|ed)\b|"
                         rf"{nb.ORDINAL_RE}))\b", text, maxsplit=1)
        mn.scope = unquote(parts[0]).strip()
        field_ = re.match(r"\s+for\s+(?![\w-]+\s+(?:consecutive\s+|straight\s+)?years?\b)"
                          r"([^,;.(_]+)", text[len(parts[0]):])
    left = clause_left(m, mn.start)
    terms = re.search(r"(?i)\bin terms of\s+([^,;.]+)", s.text)
    earlier = [o for o in s.mentions[:i] if o.kind == "rank"]
    verb = RANK_VERB.search(left)
    if terms:
        mn.core = unquote(terms.group(1)).strip()
        mn.label = f"rank in {mn.core}"
    elif earlier and not verb and not re.search(r"(?i)\bthe\s+$", m[:mn.start]):
        mn.label, mn.core = earlier[-1].label, earlier[-1].core
    elif verb or sc:
        subj = trailing_np(s, mn.start - len(left) + verb.start(), True) if verb else ""
        base = _nearest(s, i, ("money", "count", "pct"))
        if re.search(r"(?i)\b(?:which|whose)\b", left) or (not subj and base is not None):
            core = s.mentions[base].core if base is not None else ""
            core = re.sub(r"\s+\w+ed$", "", core)  # "5G base stations built" -> "... stations"
            mn.label = f"rank of {core}" if core else "rank"
        elif subj and not is_actor(s, subj):
            mn.label = f"rank of {clean(s, subj)}"
        elif field_:  # "ranked 13th among ... for comprehensive strength"
            mn.label = f"rank in {clean(s, field_.group(1))}"
        else:
            mn.label = f"rank {mn.scope}" if mn.scope else "rank"
    else:  # "the second dedicated Internet channel opened in county-level cities in China"
        thing = re.match(r"\s+(.+?)\s+((?:in|among)\b[^,;.(]*)", s.text[mn.end:])
        mn.label = f"rank of {clean(s, thing.group(1))}" if thing else "rank"
        mn.scope = unquote(thing.group(2)).strip() if thing else None
    mn.core = mn.core or mn.label
    mn.extra += ["rank", *(keywords_for(mn.scope) if mn.scope else ())]


def _label_years(s: Reading, mn: Mention) -> str:
    left = clause_left(s.masked, mn.start)
    pred = s.text[mn.start - len(left):mn.start]
    pred = re.sub(r"(?i)\s+(?:for|over|in)\s*$", "", pred)
    pred = re.sub(r"\b(?:has|have|had)\s+(?:been\s+)?(?=\w+ed\b)", "", drop_subject(s, pred))
    pred = clean(s, pred)
    if not pred:
        pred = clean(s, re.split(r"[,;.]", s.text[mn.end:])[0])
    cons = "consecutive " if re.search(r"(?i)consecutive|straight|successive|running|连续",
                                       s.text[mn.start:mn.end]) else ""
    mn.extra.append("year")
    return f"{cons}years {pred}".strip()


def _label_date(s: Reading, mn: Mention) -> str:
    """"On December 15, 2021, Yiwu launched the first X in China" -> "X launched"."""
    field_ = re.search(r"([^,;:.]+?)\s*[:：]\s*$", s.text[:mn.start])
    if field_:  # "发布日期:2022-07-06", "Published: 15 December 2021"
        return clean(s, field_.group(1))
    after = re.match(r"\s*,?\s*([^;]+?)\s*(?:[,;.]|$)", s.text[mn.end:])
    left = clause_left(s.masked, mn.start)
    if left.strip() and not re.fullmatch(r"(?i)\s*(?:on|by|as of|since|from|until)\s*", left):
        text = re.sub(r"(?i)\s+(?:on|by|as of|since|from|until|in)\s*$", "",
                      s.text[mn.start - len(left):mn.start])
    else:
        text = after.group(1) if after else ""
    text = drop_subject(s, text)
    vo = re.match(rf"({PAST})\s+(.+?)(?:\s+in\s+[A-Z].*)?$", text)
    if vo:  # "launched the first X" -> "X launched"
        obj = re.sub(rf"(?i)^(?:the|a|an)\s+(?:{nb.ORDINAL_RE}\s+)?", "", vo.group(2))
        return f"{clean(s, obj)} {vo.group(1)}"
    return clean(s, text) or "date"


def _label_cjk(s: Reading, i: int) -> None:
    """Chinese: the label is the clause before the number, or the words after it."""
    mn = s.mentions[i]
    left = clause_left(s.masked, mn.start, cjk=True)
    raw = s.text[mn.start - len(left):mn.start]
    raw = re.sub(r"^[\s,，]*|[\s_]*$", "", raw)
    raw = re.sub(r"^[\u4e00-\u9fff]{1,4}的", "", raw)  # a possessor: "义乌的数字经济产值"
    if mn.kind == "rank":
        verb = list(CN_RANK_VERB.finditer(raw))
        earlier = [o for o in s.mentions[:i] if o.kind == "rank"]
        if verb:
            mn.scope = raw[verb[-1].end():] or None
            mn.label = f"rank of {raw[:verb[0].start()]}"
        elif earlier:
            mn.scope, mn.label = raw.lstrip("、") or None, earlier[-1].label
        mn.core, mn.extra = mn.label, ["rank"]
        return
    if mn.kind == "pct" and CN_GROWTH.search(raw):
        mn.kind = "growth"
        if CN_GROWTH.search(raw).group("cue") in NEGATIVE:
            mn.value = -abs(mn.value or 0)
        subj = re.sub(r"同比$", "", CN_GROWTH.sub("", raw))
        base = _nearest(s, i, ("money", "count", "pct"))
        if subj or base is None:
            mn.label = f"growth of {subj}" if subj else "growth"
        else:
            mn.of, mn.label = base, f"growth of {s.mentions[base].core}"
        mn.extra += ["growth", "增长"]
        return
    raw = CN_LINK.sub("", raw)
    rest = re.split(r"[，,；;。]", s.text[mn.end:])[0]
    if mn.kind == "years":
        cons = "consecutive " if "连续" in s.text[mn.start:mn.end] else ""
        mn.label = mn.core = f"{cons}years {raw}{rest}"
    else:  # "近2000家企业完成数字化改造": the words after the measure word
        mn.label = mn.core = raw or rest.lstrip("个家场项座人名件台次户所条款吨辆套亩") or "figure"


def _nearest(s: Reading, i: int, kinds: tuple[str, ...]) -> int | None:
    """The closest mention before ``i`` of one of ``kinds`` (a growth rate is kind "growth"
    by then, so it is never the base of another)."""
    for j in range(i - 1, -1, -1):
        if s.mentions[j].kind in kinds and s.mentions[j].of is None:
            return j
    return None


def _growth_cue(s: Reading, mn: Mention) -> bool:
    if mn.value in nb.MULTIPLES.values() and s.text[mn.num_start:mn.end] in nb.MULTIPLES:
        return True
    left = clause_left(s.masked, mn.start)
    if GROWTH_BEFORE.search(left) and not re.search(r"(?i)\bto\s+$", left):
        return True
    return bool(GROWTH_AFTER.match(s.masked[mn.end:]))
