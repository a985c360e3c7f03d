import numpy as np
import pyarrow as pa

from catraffick_data.checks import Context
from conftest import row_check as passes

NAN = np.nan


def test_cross_table_lookups_come_from_the_context():
    ctx = Context(measure_units={"hotline_cases": "count"}, source_texts={"art": "there were 790 cases"},
                  figure_ids=pa.array(["hc-001"]))
    assert passes("unit-of-measure", [{"unit": "count", "measure": "hotline_cases"},
                                      {"unit": "percent", "measure": "hotline_cases"},
                                      {"unit": "percent", "measure": "unknown"}], ctx) == [True, False, True]
    assert passes("excerpt-in-source", [{"excerpt": "790 cases", "source": "art"},
                                        {"excerpt": "791 cases", "source": "art"}], ctx)[0] is None
    assert passes("total-figure-exists", [{"total_figure": "hc-001"}, {"total_figure": "hc-002"},
                                          {"total_figure": NAN}], ctx) == [True, False, True]


def test_codes_fit_the_level():
    rows = [{"level": "state", "fips": "06", "iso3166": "US-CA"}, {"level": "county", "fips": "06", "iso3166": NAN},
            {"level": "place", "fips": "0666000", "iso3166": NAN}, {"level": "country", "fips": NAN, "iso3166": "NA"},
            {"level": "county", "fips": NAN, "iso3166": "MX"}]
    assert passes("code-fits-level", rows) == [True, False, True, True, False]
