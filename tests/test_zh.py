"""Chinese names: the reduced jieba dictionary finds what the full one finds, and loads faster.

Integration tier: loads jieba's full dictionary (~2 s) to compare against.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import zh
from bot.text import is_cjk

from .conftest import SHARED_EVAL

pytestmark = pytest.mark.integration

SETS = [*sorted((Path(__file__).parent / "data").glob("questions*.jsonl")), SHARED_EVAL]
EXTRA = ["杭州的数字经济产值是多少？", "义乌在浙江排名第几？", "宁波港的集装箱吞吐量是多少？",
         "上海的GDP是多少？", "金华市2021年电子商务交易额", "北京和深圳的5G基站有多少个？",
         "习近平什么时候访问义乌？", "阿里巴巴在义乌有创新中心吗？"]


def _chinese_questions() -> list[str]:
    out = list(EXTRA)
    for path in SETS:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    out += [t for t in json.loads(line)["turns"] if is_cjk(t)]
    return out


def test_the_reduced_dictionary_tags_the_same_names_as_the_full_one():
    import jieba
    import jieba.posseg

    started = time.perf_counter()
    small = jieba.posseg.POSTokenizer(jieba.Tokenizer(str(zh.reduced_dictionary())))
    small.tokenizer.initialize()
    small_s = time.perf_counter() - started
    started = time.perf_counter()
    full = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    full.tokenizer.initialize()
    full_s = time.perf_counter() - started
    questions = _chinese_questions()
    assert len(questions) >= 20

    def names(tagger, q):
        return [(w, f) for w, f in tagger.cut(q) if f in ("ns", "nz", "nr")]

    differ = [q for q in questions if names(small, q) != names(full, q)]
    assert differ == []
    assert small_s < full_s  # the point of it (typically ~0.3 s against ~1.5 s)


def test_every_place_name_and_common_word_is_kept():
    import jieba

    full = Path(jieba.__file__).with_name("dict.txt").read_text("utf-8").splitlines()
    kept = set(zh.reduced_dictionary().read_text("utf-8").splitlines())
    places = [line for line in full if line.split()[2:] == ["ns"]]
    assert places and all(line in kept for line in places)
    assert all(int(line.split()[1]) >= zh.KEEP_FREQ or line.split()[2] == "ns" for line in kept)
    assert len(kept) < len(full) / 4


def test_a_damaged_reduced_dictionary_falls_back_to_jiebas_own(tmp_path):
    code = (
        "import pathlib\n"
        "from bot import zh\n"
        "pathlib.Path(zh.reduced_dictionary()).write_text('义乌 not-a-number ns\\n', 'utf-8')\n"
        "print(zh.names('杭州的数字经济产值是多少？'))\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # a temp dir of its own
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Hangzhou" in done.stdout
