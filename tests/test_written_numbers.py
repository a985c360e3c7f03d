import pytest

from catraffick_data.written_numbers import says, written_numbers


@pytest.mark.parametrize("text, numbers", [
    ("2,803", [2803]), ("76.3%", [76.3]), ("$810 million", [810_000_000]), ("$1.60", [1.6]),
    ("3,417 and 8,108", [3417, 8108]), ("12–14", [12, 14]), ("nine", [9]), ("10th", [10]),
    ("2.6 million", [2_600_000]), ("second largest", [2, 1]), ("eight years", [8]),
])
def test_written_forms(text, numbers):
    assert [w.number for w in written_numbers(text)] == numbers


def test_fraction_words_compare_at_one_decimal():
    assert says("one third", 33.3)
    assert not says("one third", 33.4)


def test_a_different_number_is_not_said():
    assert not says("2,803", 2830)
    assert not says("nine", 10)


def test_numbers_written_in_several_words():
    from catraffick_data.written_numbers import says

    assert says("Twenty-five percent", 25) and not says("Twenty-five percent", 20)
    assert says("One hundred ninety-five exploiters", 195) and says("two hundred and six", 206)
    assert says("Seventy-three percent", 73) and says("one hundred", 100)
