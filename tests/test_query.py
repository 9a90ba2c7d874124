"""Question understanding in English and Chinese, and follow-up rewriting."""

from __future__ import annotations

import pytest

from bot.converse import metric_phrase, resolve
from bot.grounding import numbers, ungrounded
from bot.query import understand
from bot.question_periods import parse_period
from bot.text import tokens


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("how many 5G base stations?", "how_many"),
        ("What was the number of key projects?", "how_many"),
        ("How much did the government allocate?", "how_much"),
        ("What was the e-commerce volume in 2021?", "how_much"),
        ("What was the growth rate of the digital economic output value?", "growth"),
        ("By how much did e-commerce increase?", "growth"),
        ("Where does Yiwu rank in Jinhua?", "rank"),
        ("When was the blockchain + 5G system launched?", "when"),
        ("For how many years has Yiwu been first among e-commerce counties?", "how_long"),
        ("Which company built an innovation center in Yiwu?", "who"),
        ("Which grew faster, e-commerce or livestream sales?", "compare"),
        ("Did e-commerce grow faster than livestream retail sales?", "compare"),
        ("What share of e-commerce volume is livestream sales?", "compare"),
        ("Is the fund bigger than the output?", "compare"),
        # one figure against a bound (bot.verdict), not two figures compared
        ("Is the industrial fund bigger than 20 bn yuan?", "how_much"),
        ("Was the e-commerce volume larger than 400 bn yuan?", "how_much"),
        ("informatization development index value", "index"),
        ("义乌的数字经济产值是多少?", "how_much"),
        ("电子商务交易额增长了多少？", "growth"),
        ("义乌在金华排名第几？", "rank"),
        ("区块链+5G系统是什么时候上线的？", "when"),
        ("义乌有多少个5G基站？", "how_many"),
    ],
)
def test_intent(question, intent):
    assert understand(question).intent == intent


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("in 2021", "2021"),
        ("Q1 2022 livestream sales", "2022-Q1"),
        ("the first quarter of 2022", "2022-Q1"),
        ("2022 Q1", "2022-Q1"),
        ("H1 2022", "2022-H1"),
        ("2022年第一季度", "2022-Q1"),
        ("2021年", "2021"),
        ("by 2030", "2030"),
        ("no period here", None),
        # A quarter named apart from its year takes the year named elsewhere, or stands alone:
        # that quarter of any year, never a whole year.
        ("Q1 livestream sales in 2022", "2022-Q1"),
        ("livestream sales in the second quarter", "Q2"),
        ("sales in Q3?", "Q3"),
        ("二季度直播销售额", "Q2"),
        ("第一季度", "Q1"),
        # a year named by the one next to it
        ("In the year before this July 2022 article was published, what was the growth?",
         "2021"),
        ("in the year prior to 2022", "2021"),
        ("the year after 2020", "2021"),
    ],
)
def test_period(text, period):
    assert parse_period(text) == period


def test_a_quarter_of_no_year_matches_only_that_quarter():
    from bot.match import period_matches
    from bot.models import Figure

    def fig(period):
        return Figure(id="f", label="x", value=1.0, unit="count", text="1", period=period)

    assert period_matches("Q1", fig("2022-Q1"))
    assert not period_matches("Q2", fig("2022-Q1"))
    assert not period_matches("Q1", fig("2021"))  # a year's figure is no quarter's
    assert period_matches("2022", fig("2022-Q1")) and period_matches("2022-Q1", fig("2022-Q1"))


def test_entities_and_metric_words():
    q = understand("What was Jinhua's digital economy output?")
    assert q.entities == ["Jinhua"]
    assert set(tokens("digital economy output")) <= set(q.metric)
    assert "jinhua" not in q.metric
    assert understand("义乌的数字经济产值是多少?").lang == "zh"


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("What was the e-commerce volume in 2021?", "e-commerce volume"),
        ("What did Yiwu's digital economy output reach in 2021?", "digital economy output"),
        ("How many smart factory projects in 2021?", "smart factory projects"),
    ],
)
def test_metric_phrase(question, phrase):
    assert metric_phrase(question) == phrase


STATE = {"answered": True, "intent": "how_much", "metric_phrase": "e-commerce volume",
         "period": "2021", "figure_id": "f-1"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What was its growth?", "What was the growth of e-commerce volume in 2021?"),
        ("and how much did it grow?", "How much did e-commerce volume grow in 2021?"),
        ("what about its growth rate?", "What was the growth rate of e-commerce volume in 2021?"),
    ],
)
def test_followups_are_rewritten(question, expected):
    r = resolve(question, [STATE])
    assert r.question == expected
    assert r.query.intent == "growth"
    assert r.prefer_of == "f-1"  # the growth of the figure the previous turn gave


def test_followup_with_its_own_measure_keeps_it_and_takes_the_period():
    prev = {**STATE, "intent": "how_many", "metric_phrase": "key projects of smart factories"}
    r = resolve("and how many demonstration programs?", [prev])
    assert "demonstration programs" in r.question and "2021" in r.question
    assert "smart factories" not in r.question


def test_bare_noun_phrase_takes_the_previous_frame():
    r = resolve("and the strategic emerging industries?", [STATE])
    assert "strategic emerging industries" in r.question
    assert r.query.intent in ("how_much", "growth")
    assert "2021" in r.question


def test_standalone_question_is_not_rewritten():
    r = resolve("How many 5G base stations has Yiwu built?", [STATE])
    assert r.question == "How many 5G base stations has Yiwu built?"


def test_first_turn_is_its_own_resolution():
    assert resolve("What was its growth?", []).question == "What was its growth?"


def test_grounding_numbers():
    assert numbers("3,692 stations and 26.0% and 8.714 bn") == ["3692", "26", "8.714"]
    assert ungrounded("3,692 — built", ["built 3692 5G base stations"]) == []
    assert ungrounded("3,700 — built", ["built 3692 5G base stations"]) == ["3700"]
    assert ungrounded("a gap of 7.1 points", ["26.0%", "18.9%"], computed=["7.1"]) == []


def test_the_question_is_taken_out_of_a_polite_request():
    from bot.wording import without_courtesy

    assert without_courtesy("Could you tell me how many 5G base stations there are, please?") \
        == "how many 5G base stations there are?"
    assert without_courtesy("Hi, could you please tell me what was its growth?") == \
        "what was its growth?"
    assert without_courtesy("Please, what was the e-commerce volume?") == \
        "what was the e-commerce volume?"
    assert without_courtesy("Tell me about the industrial fund") == "the industrial fund"
    assert without_courtesy("Can you tell me?") == "Can you tell me?"  # nothing inside
    assert without_courtesy("Which pleased investors more?") == "Which pleased investors more?"
    assert without_courtesy("你知道义乌有多少人口吗？") == "义乌有多少人口？"
    assert without_courtesy("请问义乌建成了多少个5G基站？") == "义乌建成了多少个5G基站？"
    assert without_courtesy("增长了吗？") == "增长了吗？"  # a yes/no question keeps its 吗


def test_took_place_is_not_a_rank_and_built_is_build():
    from bot.text import stem

    assert understand("How many events took place in Q1 2022?").intent != "rank"
    assert understand("What place did Yiwu take in Zhejiang?").intent == "rank"
    assert stem("built") == stem("build") and stem("grew") == stem("grow")
    assert stem("rose") == stem("rise") and stem("spent") == stem("spend")


def test_added_value_in_chinese_is_an_amount_not_an_increase():
    assert understand("战略性新兴产业增加值是多少？").intent == "how_much"
    assert understand("战略性新兴产业增加值增长了多少？").intent == "growth"
    assert understand("电子商务交易额增加了多少？").intent == "growth"


def test_compared_with_a_year_earlier_is_a_year_on_year_change_not_a_comparison():
    for q in ("How much did livestream retail sales rise in early 2022 compared with a year "
              "earlier?", "What was e-commerce growth compared with the previous year?",
              "How much did e-commerce grow over the same period of the previous year?"):
        u = understand(q)
        assert u.intent == "growth", q
        assert not {"compar", "earlier", "previous", "period"} & set(u.metric), q
    assert understand("Which grew faster, e-commerce or livestream sales?").intent == "compare"


def test_words_that_only_open_or_link_a_question_are_not_names_or_measures():
    u = understand("Out of all of Zhejiang, where was Yiwu placed in the evaluation?")
    assert "Out" not in " ".join(u.entities)
    assert "through" not in understand("How many industries is Yiwu upgrading through smart "
                                       "transformation?").metric
    # A name's words are no measure words, stemmed or not ("Office" → "offic").
    assert understand("How many counties were shortlisted by the General Office?").metric \
        == ["counti", "shortlist"]


@pytest.mark.parametrize("question", ["义乌目前共有几座5G基站？", "义乌有几所大学？",
                                      "义乌有多少人？", "义乌有几家银行？"])
def test_any_chinese_measure_word_after_how_many_counts(question):
    assert understand(question).intent == "how_many"


@pytest.mark.parametrize(("text", "period"), [("in January–March 2022", "2022-Q1"),
                                              ("from april to june 2021", "2021-Q2"),
                                              ("Jul-Sep 2022", "2022-Q3")])
def test_the_months_of_a_quarter_are_that_quarter(text, period):
    assert parse_period(text) == period


def test_sums_ratios_and_excesses_are_comparisons_of_two_sides():
    from bot import compare

    c = compare.parse("What is the sum of the digital economy output and the e-commerce volume?")
    assert (c.a, c.b, c.op) == ("the digital economy output", "the e-commerce volume", "sum")
    c = compare.parse("By how many percentage points did output growth exceed e-commerce growth?")
    assert (c.a, c.b, c.op) == ("output growth", "e-commerce growth", "faster")
    assert compare.parse("How much larger was e-commerce growth than output growth?").op == \
        "faster"
    assert understand("Ratio of the e-commerce volume to the output?").intent == "compare"
    c = compare.parse("What is the mean growth of e-commerce and livestream sales?")
    assert (c.a, c.b, c.op, c.rates) == ("e-commerce", "livestream sales", "mean", True)
    c = compare.parse("the average of the two growth rates, e-commerce and livestreaming")
    assert (c.a, c.b, c.op) == ("e-commerce", "livestreaming", "mean")
    assert compare.parse("What is the average sales per livestream?").op == "per"
    assert understand("average of the fund and the allocation").intent == "compare"
    assert understand("Did e-commerce exceed 300 billion yuan in 2021?").intent != "compare"


def test_how_many_more_compares_two_counts():
    from bot import compare

    q = "How many more demonstration programs were there than smart factory key projects?"
    assert understand(q).intent == "compare"
    c = compare.parse(q)
    assert (c.a, c.b, c.op, c.counts) == ("demonstration programs", "smart factory key projects",
                                          "larger", True)
    c = compare.parse("How many fewer demonstration programs than key projects were there?")
    assert (c.a, c.b, c.counts) == ("demonstration programs", "key projects", True)
    # "more than 3,000" is a bound, not a second side
    assert understand("how many more than 3,000 5G base stations did Yiwu build?").intent \
        != "compare"


def test_modal_verbs_pronouns_and_months_are_not_names():
    for q in ("Will Yiwu get additional provincial funds?", "My boss asks what Yiwu built",
              "What happened in March 2022?"):
        assert understand(q).entities in ([], ["Yiwu"]), q


def test_a_question_that_starts_with_when_asks_when():
    assert understand("When did the company from the world's top 500 open it?").intent == "when"
    assert understand("Is the added value more than the e-commerce volume?").intent == "compare"
    assert understand("Was the allocation more than 400m RMB?").intent != "compare"


@pytest.mark.parametrize(("question", "sides", "op", "times"), [
    ("How many times larger is the chip fund than the 2021 allocation?",
     ("the chip fund", "the 2021 allocation"), "larger", True),
    ("How many times the government's allocation is the industrial fund?",
     ("the industrial fund", "the government's allocation"), "larger", True),
    ("Is the e-commerce volume how many times the digital economy output?",
     ("the e-commerce volume", "the digital economy output"), "larger", True),
    ("How many times faster did the output grow than e-commerce volume in 2021?",
     ("the output", "e-commerce volume in 2021"), "faster", True),
    ("how many percentage points higher was livestream growth in Q1 2022 than e-commerce "
     "growth in 2021", ("livestream growth in Q1 2022", "e-commerce growth in 2021"), "faster",
     False),
    ("What's the difference in RMB between the output and the added value?",
     ("the output", "the added value"), "larger", False),
    ("average retail sales per livestreaming session in Q1 2022?",
     ("retail sales", "livestreaming session in Q1 2022"), "per", False),
    ("Which streak is longer: topping the e-commerce counties, or the index ranking?",
     ("topping the e-commerce counties", "the index ranking"), "larger", False),
    ("What's the gap in billions of RMB between the output and the added value?",
     ("the output", "the added value"), "larger", False),
    ("Added value growth minus the output growth - what's the difference in points?",
     ("Added value growth", "the output growth"), "faster", False),
    ("The 400m RMB allocation is what percent of the 45 bn output?",
     ("The 400m RMB allocation", "the 45 bn output"), "share", False),
    ("What percent of the e-commerce volume is the output?",
     ("the output", "the e-commerce volume"), "share", False),
])
def test_ratios_differences_and_averages_are_comparisons(question, sides, op, times):
    from bot import compare

    assert understand(question).intent == "compare"
    c = compare.parse(question)
    assert ((c.a, c.b), c.op, c.times) == (sides, op, times)


def test_a_ratio_against_a_bound_is_a_yes_no_comparison():
    from bot import compare

    q = "Is the e-commerce volume more than ten times the digital economy output?"
    assert understand(q).intent == "compare"
    c = compare.parse(q)
    assert (c.a, c.b, c.bound, c.under, c.yes_no) == (
        "the e-commerce volume", "the digital economy output", 10.0, False, True)
    assert compare.parse("Is the fund less than 3 times the output?").under


@pytest.mark.parametrize(("question", "bound", "under"), [
    ("Is the chip fund more than half the size of the digital economy output?", 0.5, False),
    ("Is the added value less than a third of the output?", 1 / 3, True),
    ("Does the output make up more than 10% of the e-commerce volume?", 0.1, False),
])
def test_a_share_against_a_fraction_is_a_yes_no_comparison(question, bound, under):
    from bot import compare

    assert understand(question).intent == "compare"
    c = compare.parse(question)
    assert (c.bound, c.under, c.yes_no) == (pytest.approx(bound), under, True)


@pytest.mark.parametrize("question", [
    "How many times has Yiwu ranked first among the top 100 e-commerce counties?",
    "What is the e-commerce growth per year?",  # "per year" is no average of two figures
    "How many 5G base stations has Yiwu built?",
])
def test_counts_of_occasions_and_rates_per_year_are_not_comparisons(question):
    assert understand(question).intent != "compare"


def test_which_is_higher_after_two_answers_compares_them():
    history = [
        {"answered": True, "intent": "growth", "metric_phrase": "e-commerce volume",
         "figure_id": "a", "period": "2021", "figure_period": "2021"},
        {"answered": True, "intent": "growth", "metric_phrase": "livestream sales",
         "figure_id": "b", "period": None, "figure_period": "2022-Q1"},
    ]
    r = resolve("which is higher?", history)
    assert r.question == ("Which is higher: the growth of e-commerce volume in 2021, or the "
                          "growth of livestream sales in the first quarter of 2022?")
    assert r.query.intent == "compare"
    r = resolve("What's the difference?", history)
    assert r.question.startswith("What is the difference between the growth of e-commerce")
    # one figure given so far: nothing to compare it with
    assert resolve("which is higher?", history[:1]).question == "which is higher?"


@pytest.mark.parametrize(("question", "scopes"), [
    ("Where does the output rank in the province?", ["the province"]),
    ("How did the industries rank in Zhejiang?", ["Zhejiang"]),
    ("How many provincial demonstration programs?", []),  # an adjective, not a place
    ("How does Yiwu rank among Zhejiang's cities?", ["Zhejiang"]),  # possessive, yet placing
    ("What was Jinhua's output?", []),  # about Jinhua
])
def test_in_the_province_places_the_question(question, scopes):
    assert understand(question).scopes == scopes


@pytest.mark.parametrize(("period", "question", "expected"), [
    ("2021", "and the previous year?", "in 2020"),
    ("2021", "what was it the year before?", "in 2020"),
    ("2022-Q1", "and a year earlier?", "in the first quarter of 2021"),
    ("2022-Q1", "what about the quarter before?", "in the fourth quarter of 2021"),
    ("2022-Q1", "and the following quarter?", "in the second quarter of 2022"),
    ("2022-07-06", "what was it the year before?", "in 2020"),  # "to date" covers 2021
    ("2021", "前一年呢？", "2020年"),
])
def test_a_period_named_relative_to_the_last_answer_is_that_period(period, question, expected):
    history = [{"answered": True, "intent": "how_much", "metric_phrase": "e-commerce volume",
                "figure_id": "a", "period": None, "figure_period": period}]
    r = resolve(question, history)
    assert expected in r.question, r.question
    assert "e-commerce volume" in r.question or "电商" in r.question or "e-commerce" in r.question


@pytest.mark.parametrize(("question", "what"), [
    ("How many 5G base stations has Yiwu built?", ["5g", "base", "station"]),
    ("how many traditional industries is Yiwu targeting?", ["tradit", "industri"]),
    ("how many livestream viewers in Q1 2022?", ["livestream", "viewer"]),
    ("What was the e-commerce volume?", []),
])
def test_what_how_many_counts(question, what):
    from bot.query import counted

    assert counted(question) == what


def test_why_asks_a_reason_and_a_bare_why_asks_it_of_the_last_question():
    assert understand("Why will Yiwu receive additional provincial funds?").intent == "why"
    assert understand("为什么义乌能获得额外资金？").intent == "why"
    history = [{"answered": True, "intent": "fact", "metric_phrase": "funds", "figure_id": None,
                "question": "Will Yiwu get additional funds?",
                "resolved": "Will Yiwu get additional funds?"}]
    assert resolve("why?", history).question == "Why will Yiwu get additional funds?"


@pytest.mark.parametrize(("question", "intent"), [
    ("Which equity investment institutions set up the guiding funds?", "who"),  # not the fund
    ("What are the names of the other four counties?", "who"),
    ("What funding did the city government allocate in 2021?", "how_much"),
    ("What place did Yiwu take in Zhejiang?", "rank"),
    ("Did Yiwu's digital economy output top 40 billion yuan?", "how_much"),  # "top": a verb
])
def test_a_question_for_names_asks_who(question, intent):
    assert understand(question).intent == intent


def test_names_in_a_sentence():
    from bot.text import names_in

    assert names_in("Two platforms, Kuaishou and Douyin, set up bases in Yiwu.") == {
        "kuaishou", "douyin", "yiwu"}
    assert names_in("SAP, one of the top 500, has built a center.") == {"sap"}  # capitals
    assert names_in("Yiwu has built 3692 stations.") == set()  # an opening word alone
    assert names_in("Yiwu has built 3692 stations.", {"yiwu"}) == {"yiwu"}
    assert names_in("platforms such as “Smart Textile”") == {"smart textile"}


def test_british_isation_spellings_meet_the_american():
    from bot.text import stem

    assert stem("informatisation") == stem("informatization")
    assert stem("organisations") == stem("organizations")
    assert understand("What is the IT development index?").entities == []  # "IT" no name


@pytest.mark.parametrize(("question", "start"), [
    ("哪个更高？", "Which is higher: the e-commerce volume in 2021, or the"),
    ("那哪个增长更快？", "Which is faster: "),
    ("它们相差多少？", "What is the difference between the e-commerce volume in 2021 and"),
])
def test_a_chinese_which_is_higher_after_two_answers_compares_them(question, start):
    history = [
        {"answered": True, "intent": "how_much", "metric_phrase": "e-commerce volume",
         "figure_id": "a", "period": "2021", "figure_period": "2021"},
        {"answered": True, "intent": "how_much", "metric_phrase": "digital economic output",
         "figure_id": "b", "period": "2021", "figure_period": "2021"},
    ]
    assert resolve(question, history).question.startswith(start)


@pytest.mark.parametrize(("question", "parts"), [
    ("How many 5G base stations and what is the e-commerce volume?",
     ["How many 5G base stations?", "what is the e-commerce volume?"]),
    ("What was the e-commerce volume in 2021, and how much did it grow?",
     ["What was the e-commerce volume in 2021?", "how much did it grow?"]),
    ("How many 5G base stations? And the growth of e-commerce?",
     ["How many 5G base stations?", "And the growth of e-commerce?"]),
    ("义乌有多少5G基站？电商交易额是多少？", ["义乌有多少5G基站？", "电商交易额是多少？"]),
    ("2021年义乌电商交易额是多少,同比增长多少?", ["2021年义乌电商交易额是多少？", "同比增长多少?"]),
    ("数字经济产值多少，以及排名第几？", ["数字经济产值多少？", "排名第几？"]),
    # one question
    ("Which is bigger, the industrial fund or the output, and by how much?", None),
    ("What is the sum of the digital economy output and the e-commerce volume?", None),
    ("How many 5G base stations?", None),
    ("义乌有多少5G基站？", None),
    ("义乌的电商交易额和数字经济产值哪个更大？", None),
    ("What was the e-commerce volume in 2021, plus the growth rate?",
     ["What was the e-commerce volume in 2021?", "What was its growth rate?"]),
    ("多少家企业，入选了示范项目？", None),
    # "which one?" asks which of what the first asks about: one question
    ("Has any big international software firm opened an innovation hub in Yiwu? Which one?",
     None),
    # a request for what the answer gives anyway is no second question
    ("Which traditional industries are being upgraded? Give examples.",
     ["Which traditional industries are being upgraded?"]),
    ("How many 5G base stations? Name them.", ["How many 5G base stations?"]),
    # a guess after a dash is a second part, checked against the first's answer
    ("Which firm opened a centre in Yiwu - was it Alibaba?",
     ["Which firm opened a centre in Yiwu?", "was it Alibaba?"]),
])
def test_two_questions_in_one_are_split(question, parts):
    from bot.wording import split_questions

    assert split_questions(question) == (parts or [question])


@pytest.mark.parametrize(("text", "period"), [
    ("sales for the whole of 2022", "2022-FY"), ("full-year 2022 sales", "2022-FY"),
    ("2022 as a whole", "2022-FY"), ("2022全年", "2022-FY"), ("in 2022", "2022"),
])
def test_a_whole_year_asked_as_such_is_no_quarter_of_it(text, period):
    from bot.match import period_matches
    from bot.models import Figure
    from bot.question_periods import parse_period

    assert parse_period(text) == period
    quarter = Figure(id="q", label="sales", value=1, unit="RMB", text="1", period="2022-Q1")
    assert period_matches(period, quarter) is (period == "2022")


@pytest.mark.parametrize(("question", "about"), [
    ("Tell me about SAP's presence in Yiwu.", "SAP in Yiwu"),
    ("What's the story with chips?", "chips"),
    ("Say something about Yiwu's photovoltaic sector.", "Yiwu photovoltaic"),
    ("Anything on semiconductors?", "semiconductors"),
    ("How many 5G base stations?", None),
    ("what about Douyin?", None),  # a follow-up, not a topic
])
def test_a_topic_asked_is_read_without_the_words_that_name_no_part_of_it(question, about):
    from bot.wording import topic

    assert topic(question) == about


def test_a_guess_is_a_name_only():
    from bot.wording import guess

    assert guess("was it Alibaba?") == "Alibaba"
    assert guess("Is it Douyin Group?") == "Douyin Group"
    assert guess("Is that Yiwu alone?") is None  # not a name guessed
    assert guess("was it first?") is None


@pytest.mark.parametrize(("question", "intent", "period"), [
    ("and the growth on the previous year?", "growth", None),  # no period: year on year
    ("What was the percentage change in e-commerce volume in 2021?", "growth", "2021"),
    ("year on year change?", "growth", None),
    ("Among Zhejiang's cities, where does Yiwu stand for its 5G base stations?", "rank", None),
    ("In what year was the bonded zone established?", "when", None),
])
def test_the_frame_of_a_question_in_other_words(question, intent, period):
    q = understand(question)
    assert (q.intent, q.period) == (intent, period)
    assert "chang" not in q.metric  # "change" frames a growth question, like "increase"


def test_a_name_after_an_opening_preposition_places_the_question():
    from bot.query import scopes

    assert scopes("Among Zhejiang's cities and counties, where does Yiwu stand?") == ["Zhejiang"]
    assert scopes("In Jinhua, how did Yiwu rank?") == ["Jinhua"]
    assert scopes("Zhejiang's output?") == []


def test_province_wide_places_the_question_and_is_no_measure_word():
    q = understand("Where did Yiwu place province-wide in the evaluation?")
    assert "provinc" not in " ".join(q.metric) and q.scopes == ["the province"]


@pytest.mark.parametrize(("text", "period"), [
    ("livestreaming sales in q1 22", "2022-Q1"),
    ("Q1'22 sales", "2022-Q1"),
    ("1Q22", "2022-Q1"),
    ("h1 22", "2022-H1"),
    ("Q1 has 22 events", "Q1"),  # a count after the quarter is no year
])
def test_a_quarter_with_a_two_digit_year(text, period):
    from bot.question_periods import parse_period

    assert parse_period(text) == period


def test_what_an_activity_brings_in_is_money():
    q = understand("What did they bring in?")
    assert (q.intent, q.units) == ("how_much", ("RMB",))
    assert understand("How many jobs did it bring in?").intent == "how_many"


@pytest.mark.parametrize(("question", "sides", "op", "times"), [
    ("电商交易额占数字经济产值的比例是多少？", ("电商交易额", "数字经济产值"), "share", False),
    ("电商交易额是数字经济产值的几倍？", ("电商交易额", "数字经济产值"), "larger", True),
    ("电商交易额比数字经济产值多多少？", ("电商交易额", "数字经济产值"), "larger", False),
    ("电商交易额和直播零售额哪个增长更快？", ("电商交易额", "直播零售额"), "faster", False),
])
def test_comparisons_asked_in_chinese(question, sides, op, times):
    from bot import compare_zh

    c = compare_zh.parse_zh(question)
    assert ((c.a, c.b), c.op, c.times) == (sides, op, times)


@pytest.mark.parametrize("question", [
    "一季度直播零售额比去年同期多了多少亿元?",  # a change since a period, not two measures
    "义乌的数字经济产值是多少?",
])
def test_not_a_comparison_in_chinese(question):
    from bot import compare_zh

    assert compare_zh.parse_zh(question) is None


@pytest.mark.parametrize(("before", "question", "after"), [
    ("What did SAP do in Yiwu?", "and Kuaishou?", "What did Kuaishou do in Yiwu?"),
    ("What did SAP do in Yiwu?", "what about Douyin?", "What did Douyin do in Yiwu?"),
    ("How many 5G base stations does Yiwu have?", "and in Hangzhou?",
     "How many 5G base stations does Hangzhou have?"),
    ("How many 5G base stations?", "and in Jinhua?", "How many 5G base stations in Jinhua?"),
])
def test_a_follow_up_of_a_name_alone_asks_the_previous_question_of_it(before, question, after):
    history = [{"answered": True, "intent": "fact", "metric_phrase": "", "figure_id": None,
                "question": before, "resolved": before}]
    assert resolve(question, history).question == after


def test_a_name_alone_that_is_no_place_does_not_take_the_subject_place():
    history = [{"answered": True, "intent": "who", "metric_phrase": "", "figure_id": None,
                "question": "Which platforms set up bases in Yiwu?",
                "resolved": "Which platforms set up bases in Yiwu?"}]
    assert "in SAP" not in resolve("and SAP?", history).question


@pytest.mark.parametrize(("question", "less"), [
    ("Did e-commerce grow slower than livestream sales?", True),
    ("Did e-commerce grow more slowly than livestream sales?", True),
    ("Is the fund less than the e-commerce volume?", True),
    ("Which is smaller: the fund or the digital economy output?", True),
    ("Which grew slower, e-commerce or the digital economy output?", True),
    ("Did e-commerce grow faster than livestream sales?", False),
    ("Which is larger: the fund or the output?", False),
])
def test_a_comparison_that_asks_for_the_smaller(question, less):
    from bot import compare

    assert understand(question).intent == "compare"
    assert compare.parse(question).less is less


def test_yes_or_no_to_smaller_than_is_yes_when_it_is_smaller():
    from bot import compare, compare_zh
    from bot.models import Figure

    small = Figure(id="a", label="e-commerce growth", value=18.9, unit="%", text="18.9%")
    large = Figure(id="b", label="livestream growth", value=26.0, unit="%", text="26.0%")
    said, _, _ = compare.compute(compare.parse("Did e-commerce grow slower than livestream "
                                               "sales?"), small, large)
    assert said.startswith("Yes — E-commerce growth grew slower: 18.9%")
    said, _, _ = compare.compute(compare.parse("Did e-commerce grow faster than livestream "
                                               "sales?"), small, large)
    assert said.startswith("No — Livestream growth grew faster: 26.0%")
    assert compare_zh.parse_zh("电商交易额和数字经济产值哪个增长更慢").less


def test_months_name_a_period_not_a_measure():
    q = understand("How much did livestream selling bring in between January and March 2022?")
    assert q.period == "2022-Q1" and not {"januari", "march"} & set(q.metric)


@pytest.mark.parametrize(("question", "asked"), [
    ("For which year is the 371.5 billion figure?", ("period", 371.5e9, None)),
    ("What period does the 8.714 billion RMB figure refer to?", ("period", 8.714e9, "RMB")),
    ("What does the 3692 refer to?", ("meaning", 3692.0, None)),
    ("what is the 104.81 figure?", ("meaning", 104.81, None)),
    ("What does 26% refer to?", ("meaning", 26.0, "%")),
    ("How many 5G base stations were there in 2021?", None),  # a year is no figure's value
    ("Did Yiwu build more than 3,000 5G base stations?", None),  # a bound, not asked of
    ("What was the e-commerce volume?", None),  # no value named
])
def test_a_figure_asked_about_by_its_value(question, asked):
    from bot import by_value

    assert by_value.asked(question) == asked
