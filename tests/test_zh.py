"""Chinese names: the reduced jieba dictionary is the one loaded and finds what the full one finds.

Integration tier: loads jieba's full dictionary (~2 s) to compare against.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
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

    small = jieba.posseg.POSTokenizer(jieba.Tokenizer(str(zh.reduced_dictionary())))
    full = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    questions = _chinese_questions()
    assert len(questions) >= 20

    def names(tagger, q):
        return [(w, f) for w, f in tagger.cut(q) if f in ("ns", "nz", "nr")]

    differ = [q for q in questions if names(small, q) != names(full, q)]
    assert differ == []


def test_every_place_name_and_common_word_is_kept():
    import jieba

    full = Path(jieba.__file__).with_name("dict.txt").read_text("utf-8").splitlines()
    kept = set(zh.reduced_dictionary().read_text("utf-8").splitlines())
    places = [line for line in full if line.split()[2:] == ["ns"]]
    assert places and all(line in kept for line in places)
    assert all(int(line.split()[1]) >= zh.KEEP_FREQ or line.split()[2] == "ns" for line in kept)
    assert len(kept) < len(full) / 4


def _names_in_a_fresh_process(tmp_path: Path, damage: bool) -> tuple[str, str]:
    """(the dictionary jieba loaded, the names found) in a new interpreter whose temp dir is
    ``tmp_path``; ``damage`` first writes an unreadable reduced dictionary there."""
    code = (
        "import pathlib, jieba\n"
        "from bot import zh\n"
        + ("pathlib.Path(zh.reduced_dictionary()).write_text('义乌 x ns\\n', 'utf-8')\n"
           if damage else "")
        + "names = zh.names('杭州的数字经济产值是多少？')\n"
        "print(pathlib.Path(jieba.dt.dictionary).name)\n"
        "print(names)\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # a temp dir of its own
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    dictionary, names = done.stdout.strip().splitlines()[-2:]
    return dictionary, names


def test_names_are_found_with_the_reduced_dictionary(tmp_path):
    dictionary, names = _names_in_a_fresh_process(tmp_path, damage=False)
    assert dictionary == zh.reduced_dictionary().name  # not jieba's own 349k-word file
    assert "Hangzhou" in names


def test_a_damaged_reduced_dictionary_falls_back_to_jiebas_own(tmp_path):
    dictionary, names = _names_in_a_fresh_process(tmp_path, damage=True)
    assert dictionary == "dict.txt"
    assert "Hangzhou" in names


def test_top_n_lists_are_not_places():
    from bot.zh import names

    assert names("义乌电子商务连续多少年位居全国电商百强县第一？") == [("Yiwu", False)]
    assert names("义乌连续几年位居中国电商百佳县第一?") == [("Yiwu", False), ("Zhongguo", False)]


def test_a_name_only_jiebas_hmm_finds_is_no_name():
    """零售额比去年 was cut 零售 + 额比, and 额比, in no dictionary, taken for a place."""
    from bot.zh import names

    assert names("一季度直播零售额比去年同期多了多少亿元?") == []
    assert ("Hangzhou", False) in names("杭州的数字经济产值是多少？")


def test_names_are_spelt_as_pypinyin_spells_them_with_its_phrases():
    from pypinyin import lazy_pinyin

    from bot import pinyin

    # Polyphones: the characters alone give Zhongqing, Shamen, Chengdou.
    assert [zh.romanise(w) for w in ("重庆市", "厦门", "成都", "杭州")] == [
        "Chongqing", "Xiamen", "Chengdu", "Hangzhou"]
    words = json.loads(pinyin.make())["words"]
    assert len(words) > 20_000
    differ = [w for w, s in words.items() if s != "".join(lazy_pinyin(w))]
    assert differ == []
    assert pinyin.spell("义乌X") == "yiwuX"  # a word jieba lacks: character by character


def _pinyin_in_a_fresh_process(tmp_path: Path, prepare: str = "") -> list[str]:
    code = (
        "import sys\n"
        "from bot import pinyin, zh\n"
        + prepare +
        "print(zh.romanise('重庆市'), zh.names('厦门的GDP是多少？'))\n"
        "print('pypinyin' in sys.modules)\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-2:]


def test_the_serving_process_spells_names_without_importing_pypinyin(tmp_path):
    for _ in range(2):  # the table made by a child process, then read from the temp dir
        spelt, imported = _pinyin_in_a_fresh_process(tmp_path)
        assert spelt == "Chongqing [('Xiamen', False)]"
        assert imported == "False"
        assert len(list(tmp_path.glob("bot-pinyin-*.json"))) == 1


def test_a_damaged_pinyin_table_is_made_again(tmp_path):
    spelt, imported = _pinyin_in_a_fresh_process(
        tmp_path, "pinyin.table_path().write_text('{\"format\": 1, \"wor', 'utf-8')\n")
    assert spelt == "Chongqing [('Xiamen', False)]" and imported == "False"


def test_if_no_child_process_can_make_the_table_pypinyin_spells_here(tmp_path):
    spelt, imported = _pinyin_in_a_fresh_process(
        tmp_path, "import subprocess\n"
                  "def fail(*a, **k): raise OSError('no processes left')\n"
                  "subprocess.run = fail\n")
    assert spelt == "Chongqing [('Xiamen', False)]" and imported == "True"
