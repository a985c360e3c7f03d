import numpy as np

from catraffick_data.checks import Context
from catraffick_data.checks.quotes import nearest_passage
from conftest import row_check as passes

NAN = np.nan


def test_value_text_must_stand_in_the_excerpt_and_say_the_value():
    assert passes("value-text-in-excerpt", [{"value_text": "2,803", "excerpt": "there were 2,803 total calls"},
                                            {"value_text": "2803", "excerpt": "there were 2,803 total calls"}]) == [True, False]
    rows = [{"value_text": "$810 million", "value": 810e6},
            {"value_text": "$810 million", "value": 81e6},
            {"value_text": "3,417 and 8,108", "value": NAN, "low": 3417.0, "high": 8108.0},
            {"value_text": "3,417 and 8,108", "value": NAN, "low": 3417.0, "high": 8018.0},
            {"value_text": NAN, "value": 27.0}]
    assert passes("value-text-says-value", rows) == [
        None, "value_text '$810 million' reads as 810000000, not value 81000000", None,
        "value_text '3,417 and 8,108' reads as 3417, 8108, not high 8018", None]




def test_an_excerpt_not_in_its_text_names_the_file_and_the_nearest_passage():
    ctx = Context(source_texts={"art": "California was the No.1 state with 1,323 cases, followed by Texas."},
                  source_files={"art": "sources/publishers/upi.md"})
    found = passes("excerpt-in-source", [{"excerpt": "California was the No.1 state with 1,323 cases", "source": "art"},
                                          {"excerpt": "California was the No. 1 state with 1,323 cases", "source": "art"}], ctx)
    assert found[0] is None
    assert found[1] == ("the excerpt is not in sources/publishers/upi.md, character for character; the nearest passage "
                        "there is 'California was the No.1 state with 1,323 cases,'")


def test_nearest_passage_is_as_long_as_the_excerpt():
    assert nearest_passage("abc No. 1 def", "xx abc No.1 def yy") == "abc No.1 def "
