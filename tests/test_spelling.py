"""Misspellings put right toward the documents' words, and real words left alone."""

import pytest

from bot.spelling import Speller, document_words

WORDS = document_words(["To date, Yiwu has built 3692 5G base stations. SAP has built an "
                        "innovation center. The government allocated funds for livestreaming. "
                        "Its e-commerce grew."])


@pytest.fixture(scope="module")
def speller():
    s = Speller(WORDS)
    s.prepare()
    return s


@pytest.mark.parametrize(("asked", "put_right"), [
    ("how many 5g staions has yiwu built", "how many 5g stations has yiwu built"),
    ("an inovation centre", "an innovation center"),  # and the British spelling the documents
    ("what did the goverment allocate", "what did the government allocate"),
    ("livestreeming sales", "livestreaming sales"),
    # English words the documents do not use stay as asked: they are asked about
    ("how many 5G users are there?", "how many 5G users are there?"),
    ("how many hospitals", "how many hospitals"),
    ("What was Hangzou's output?", "What was Hangzou's output?"),  # a name
    ("ecommerce growth", "ecommerce growth"),  # "e-commerce" joined is a document word
    # three letters: only the one stopword a swap of two letters makes
    ("how big is teh fund", "how big is the fund"),
    ("hwo many stations", "hwo many stations"),  # "how" or "who": left as asked
])
def test_misspellings_are_put_right_and_words_are_not(speller, asked, put_right):
    assert speller.correct(asked) == put_right


def test_the_english_words_near_the_documents_are_few_and_made_once(speller):
    near = speller.english()
    assert {"station", "sections"} <= near  # real words an edit or two from "stations"
    assert "staions" not in near and "hospitals" not in near and speller.path.exists()
    made = speller.path.stat().st_mtime_ns
    assert Speller(WORDS).english() == near  # read back, not made again
    assert speller.path.stat().st_mtime_ns == made
