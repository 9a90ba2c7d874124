"""A deterministic synthetic corpus for scale benchmarks.

    .venv/bin/python benchmarks/synth.py --passages 10000 --out /tmp/synth-10k [--seed 7] [--count]

Writes ``doc-00001.txt`` … into ``--out``: each a report in the shape of the real corpus (a
title line, a date line, title-case section headings, paragraphs of one to six sentences)
about an invented or real place, sector and year, with figures in every form the extractor
meets — "45.2 bn RMB", "more than 400m RMB", "66.7%", "ranked 16th", "3,692 base stations",
"Q1 2022", "December 15, 2021". Sentences come from ~40 templates with varied wording, so
paragraphs differ enough that ingest's near-duplicate filter keeps them.

Documents are added until the *estimated* passage count (a paragraph of n sentences makes
ceil(n/3) passages, as :func:`bot.chunk.chunk` cut them when this was written) reaches
``--passages``; ``--calibrate`` first chunks a 2 000-passage sample with the real pipeline
and scales the target by the ratio, so the corpus has about ``--passages`` real passages;
``--count`` runs the real ingest and chunker afterwards and prints the true count. The same seed and
count always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

PLACES = [
    "Yiwu", "Jinhua", "Hangzhou", "Ningbo", "Wenzhou", "Shaoxing", "Taizhou", "Lishui",
    "Quzhou", "Zhoushan", "Huzhou", "Jiaxing", "Dongyang", "Yongkang", "Lanxi", "Pujiang",
    "Wuyi", "Pan'an", "Haining", "Tongxiang", "Cixi", "Yuyao", "Zhuji", "Shengzhou",
    "Wenling", "Linhai", "Rui'an", "Yueqing", "Longquan", "Jiangshan", "Deqing", "Anji",
]
SYLLABLES = ["an", "bei", "chang", "dong", "feng", "gu", "he", "hua", "jia", "jin", "kang",
             "lan", "li", "ling", "long", "mei", "ning", "ping", "qing", "shan", "tai", "tian",
             "wan", "xi", "xin", "yang", "yong", "yu", "ze", "zhou"]
PROVINCES = ["Zhejiang", "Jiangsu", "Fujian", "Anhui", "Guangdong", "Jiangxi"]
SECTORS = [
    "digital economy", "e-commerce", "livestream retail", "cross-border trade",
    "integrated circuit industry", "solar photovoltaic industry", "smart logistics",
    "textile and garment industry", "jewelry industry", "hardware manufacturing",
    "new energy vehicle industry", "software and information services", "cloud computing",
    "industrial internet", "big data industry", "artificial intelligence industry",
    "biomedicine industry", "advanced materials industry", "port logistics", "tourism",
    "agricultural technology", "green hydrogen industry", "semiconductor packaging",
    "smart home appliances", "knitting industry", "small commodity trade",
]
METRICS = [
    ("output value", "RMB"), ("added value", "RMB"), ("investment", "RMB"),
    ("export value", "RMB"), ("import value", "RMB"), ("retail sales", "RMB"),
    ("transaction volume", "RMB"), ("operating revenue", "RMB"), ("tax revenue", "RMB"),
    ("trade volume", "RMB"), ("fixed-asset investment", "RMB"), ("R&D spending", "RMB"),
]
COUNTS = [
    "5G base stations", "data centres", "smart factories", "digital workshops",
    "high-tech enterprises", "invention patents", "industrial robots", "livestream bases",
    "e-commerce companies", "cross-border stores", "logistics hubs", "charging piles",
    "demonstration programs", "innovation centres", "incubators", "startups",
    "registered online stores", "smart warehouses", "training sessions", "key projects",
]
INDICES = ["informatization development index", "digital transformation index",
           "innovation capacity index", "business environment index",
           "industrial internet maturity index"]
COMPANIES = ["Aiko Solar Energy Technology", "Trina Solar", "Huayou Cobalt", "Hengdian Group",
             "Xinguang Group", "Sunrise Textiles", "Zhongke Semiconductor", "Eastern Hardware",
             "Jinlong Logistics", "Bluewave Software", "Haitian Robotics", "Golden Silk",
             "Redstar Packaging", "Qiantang Materials", "Tianyu Optics", "Longsheng Chemical"]
PLATFORMS = ["Douyin", "Kuaishou", "Taobao Live", "JD Live", "Pinduoduo", "WeChat Channels",
             "Xiaohongshu", "Bilibili"]
FIRMS = ["SAP", "Alibaba Cloud", "Huawei", "Tencent", "Siemens", "Bosch", "Cainiao",
         "China Mobile", "China Telecom", "Inspur", "iFlytek", "SenseTime"]
VERBS_UP = ["reached", "rose to", "climbed to", "amounted to", "totalled", "stood at", "hit"]
GROW = ["a growth rate of", "an increase of", "year-on-year growth of", "a rise of"]
ADJ = ["steady", "rapid", "remarkable", "sustained", "robust", "notable", "strong"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
HEADINGS = [
    "Developing Emerging Industries", "Accelerating the Upgrading of Traditional Industries",
    "Building New Infrastructure", "Expanding Application Scenarios", "Growing Online Trade",
    "Strengthening Innovation", "Attracting Investment", "Supporting Small Businesses",
    "Cultivating Talent", "Improving Public Services", "Opening Up to the World",
    "Greening the Economy", "Digital Government", "Smart Manufacturing",
    "Logistics and Supply Chains", "Finance for the Real Economy", "Outlook",
]
CLAUSES = [
    "following the development strategy of building large platforms and strong industries",
    "relying on its market advantages and its network of small commodity traders",
    "with the support of provincial policies on digital reform",
    "as part of the plan to integrate the internet, big data and artificial intelligence",
    "by promoting the deep integration of digital technology with the real economy",
    "after a series of measures to cut costs for small and medium-sized enterprises",
    "in cooperation with universities and research institutes in the province",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Sentence and document generator; everything random comes from one seeded RNG."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def place(self) -> str:
        if self.r.random() < 0.6:
            return self.r.choice(PLACES)
        return "".join(self.r.choice(SYLLABLES) for _ in range(2)).capitalize()

    def year(self) -> int:
        return self.r.randint(2015, 2024)

    def money(self) -> str:
        r = self.r
        if r.random() < 0.55:
            value = f"{r.uniform(0.5, 950):.{r.choice([0, 1, 1, 2])}f}"
            unit = r.choice(["bn RMB", "billion RMB", "bn yuan"])
        else:
            value = f"{r.randint(2, 990)}"
            unit = r.choice(["m RMB", "million RMB", "m yuan"])
        bound = r.choice(["", "", "", "more than ", "over ", "about ", "nearly ", "exceeding "])
        return f"{bound}{value} {unit}"

    def pct(self) -> str:
        return f"{self.r.uniform(-12, 140):.1f}%"

    def count(self) -> str:
        n = self.r.choice([self.r.randint(2, 60), self.r.randint(60, 999),
                           self.r.randint(1000, 25000)])
        return f"{n:,}" if n >= 1000 and self.r.random() < 0.7 else str(n)

    def rank(self) -> str:
        n = self.r.randint(1, 40)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return "first" if n == 1 and self.r.random() < 0.5 else f"{n}{suffix}"

    def date(self, year: int) -> str:
        return f"{self.r.choice(MONTHS)} {self.r.randint(1, 28)}, {year}"

    def period(self, year: int) -> str:
        return self.r.choice([f"in {year}", f"in {year}", f"in Q{self.r.randint(1, 4)} {year}",
                              f"in the first half of {year}", f"from January to "
                              f"{self.r.choice(MONTHS[2:])} {year}", f"by the end of {year}"])

    def sentence(self, place: str, sector: str, year: int) -> str:
        r = self.r
        metric, _ = r.choice(METRICS)
        things = r.choice(COUNTS)
        province = r.choice(PROVINCES)
        templates = [
            lambda: f"{place}'s {sector} {metric} {r.choice(VERBS_UP)} {self.money()} "
                    f"{self.period(year)}, with {r.choice(GROW)} {self.pct()}.",
            lambda: f"The {metric} of the {sector} in {place} was {self.money()} "
                    f"{self.period(year)}, up {self.pct()} from a year earlier.",
            lambda: f"{_cap(self.period(year))}, {place} built {self.count()} {things}, "
                    f"ranking {self.rank()} in {province}.",
            lambda: f"{place} ranked {self.rank()} in {province} and {self.rank()} nationwide in "
                    f"the comprehensive evaluation of the {sector} {self.period(year)}.",
            lambda: f"The {r.choice(INDICES)} of {place} {r.choice(VERBS_UP)} "
                    f"{r.uniform(60, 130):.2f} {self.period(year)}, {r.choice(ADJ)} progress "
                    f"compared with {year - 1}.",
            lambda: f"The government of {place} allocated {self.money()} for the digital "
                    f"transformation of the {sector} {self.period(year)}.",
            lambda: f"A {sector} fund worth {self.money()} was set up in {place} "
                    f"{self.period(year)}, {r.choice(CLAUSES)}.",
            lambda: f"{r.choice(PLATFORMS)} and {r.choice(PLATFORMS)} set up livestream bases in "
                    f"{place}, where {self.count()} hosts now sell {sector} products online.",
            lambda: f"{r.choice(FIRMS)} opened an innovation centre in {place} on "
                    f"{self.date(year)}, the first of its kind in {province}.",
            lambda: f"On {self.date(year)}, {place} launched a blockchain and 5G platform for "
                    f"the {sector}, serving {self.count()} companies.",
            lambda: f"{r.choice(COMPANIES)} Co., Ltd. invested {self.money()} in a new "
                    f"production line in {place} {self.period(year)}.",
            lambda: f"Livestream retail sales in {place} {r.choice(VERBS_UP)} {self.money()} "
                    f"{self.period(year)}, {r.choice(GROW)} {self.pct()}.",
            lambda: f"The number of {things} in {place} grew to {self.count()} "
                    f"{self.period(year)}, {self.pct()} more than in {year - 1}.",
            lambda: f"{place} has ranked {self.rank()} in {province} for "
                    f"{r.choice(['three', 'four', 'five', 'six', 'seven', 'eight'])} consecutive "
                    f"years in terms of {sector} {metric}.",
            lambda: f"{_cap(r.choice(CLAUSES))}, {place} has made {r.choice(ADJ)} "
                    f"progress in the {sector} and in {r.choice(SECTORS)}.",
            lambda: f"{self.count()} enterprises in the {sector} of {place} completed their "
                    f"digital transformation {self.period(year)}.",
            lambda: f"Exports of {sector} products from {place} {r.choice(VERBS_UP)} "
                    f"{self.money()} {self.period(year)}, accounting for {self.pct()} of the "
                    f"city's total.",
            lambda: f"In {year}, {place} approved {self.count()} key projects in the {sector}, "
                    f"with a total planned investment of {self.money()}.",
            lambda: f"{place} was shortlisted among the {r.randint(3, 12)} counties and cities "
                    f"of {province} that achieved remarkable results in the {sector}.",
            lambda: f"The {sector} of {place} employed {self.count()} people {self.period(year)}"
                    f", and the average wage rose by {self.pct()}.",
            lambda: f"Online sales of {place}'s {sector} {r.choice(VERBS_UP)} {self.money()} "
                    f"{self.period(year)}, while offline sales fell by {self.pct()}.",
            lambda: f"{place} plans to build {self.count()} {things} by {year + r.randint(1, 5)}"
                    f" and to raise the {metric} of the {sector} to {self.money()}.",
        ]
        return r.choice(templates)()

    def paragraph(self, place: str, sector: str, year: int, sentences: int) -> str:
        return " ".join(self.sentence(place, sector, year) for _ in range(sentences))

    def document(self, index: int) -> tuple[str, int]:
        """The text of document ``index`` and its estimated passage count."""
        r = self.r
        place, sector, year = self.place(), r.choice(SECTORS), self.year()
        lines = [f"{place}'s {sector.title()} in {year} (Report {index})",
                 f"发布日期:{year + 1}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"]
        passages = 0
        for heading in r.sample(HEADINGS, r.randint(2, 5)):
            lines.append(heading)
            for _ in range(r.randint(1, 4)):
                n = r.choice([1, 2, 2, 3, 3, 3, 4, 5, 6])
                lines.append(self.paragraph(place, sector, year, n))
                passages += math.ceil(n / 3)
        return "\n\n".join(lines) + "\n", passages


def questions(n: int, seed: int = 11) -> list[str]:
    """``n`` distinct questions of the kinds users ask about such reports (seeded)."""
    r = random.Random(seed)
    forms = [
        lambda p, s, y: f"What was the {r.choice(METRICS)[0]} of the {s} in {p} in {y}?",
        lambda p, s, y: f"How many {r.choice(COUNTS)} did {p} build in {y}?",
        lambda p, s, y: f"What was the growth rate of {p}'s {s} {r.choice(METRICS)[0]}?",
        lambda p, s, y: f"Where did {p} rank in {r.choice(PROVINCES)} for the {s}?",
        lambda p, s, y: f"When did {r.choice(FIRMS)} open an innovation centre in {p}?",
        lambda p, s, y: f"Which livestreaming platforms set up bases in {p}?",
        lambda p, s, y: f"How big is the {s} fund in {p}?",
        lambda p, s, y: f"{s} exports from {p} in {y}",
        lambda p, s, y: f"livestream retail sales in {p} Q{r.randint(1, 4)} {y}",
        lambda p, s, y: f"What is the {r.choice(INDICES)} of {p}?",
        lambda p, s, y: f"How much did {p} allocate for digital transformation in {y}?",
        lambda p, s, y: f"How many people work in the {s} of {p}?",
    ]
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        q = r.choice(forms)(r.choice(PLACES), r.choice(SECTORS), r.randint(2015, 2024))
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out


def generate(out: Path, passages: int, seed: int = 7) -> dict:
    """Write the corpus into ``out`` (created; existing ``doc-*.txt`` removed first)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("doc-*.txt"):
        old.unlink()
    writer = Writer(seed)
    total = docs = 0
    size = 0
    while total < passages:
        docs += 1
        text, n = writer.document(docs)
        path = out / f"doc-{docs:05d}.txt"
        path.write_text(text, encoding="utf-8")
        total += n
        size += len(text.encode())
    return {"documents": docs, "estimated_passages": total, "bytes": size, "seed": seed,
            "out": str(out)}


def generate_calibrated(out: Path, passages: int, seed: int = 7, sample: int = 2000) -> dict:
    """Like :func:`generate`, but aiming at ``passages`` *real* passages: a ``sample`` is
    generated and chunked by the real pipeline first, and the estimate is scaled by the ratio
    (the chunker's rules change as the project evolves; the estimate does not)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="synth-calib-") as tmp:
        info = generate(Path(tmp), min(sample, passages), seed)
        ratio = count_passages(Path(tmp)) / info["estimated_passages"]
    info = generate(out, max(1, round(passages / ratio)), seed)
    info["calibration_ratio"] = round(ratio, 4)
    info["expected_passages"] = round(info["estimated_passages"] * ratio)
    return info


def count_passages(corpus: Path) -> int:
    """The true passage count, through the real ingest and chunker."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bot.chunk import chunk
    from bot.ingest import load_corpus

    return sum(len(chunk(d)) for d in load_corpus(corpus))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passages", type=int, default=10_000, help="passages to aim for")
    ap.add_argument("--out", type=Path, required=True, help="directory to write into")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", action="store_true", help="also count with the real chunker")
    ap.add_argument("--calibrate", action="store_true",
                    help="aim at real passages: scale by the chunker's ratio on a sample")
    args = ap.parse_args()
    started = time.perf_counter()
    if args.calibrate:
        info = generate_calibrated(args.out, args.passages, args.seed)
    else:
        info = generate(args.out, args.passages, args.seed)
    info["seconds"] = round(time.perf_counter() - started, 2)
    if args.count:
        t = time.perf_counter()
        info["passages"] = count_passages(args.out)
        info["count_seconds"] = round(time.perf_counter() - t, 2)
    width = max(map(len, info))
    for k, v in info.items():
        print(f"{k:<{width}}  {v}")
    print(json.dumps(info))


if __name__ == "__main__":
    main()
