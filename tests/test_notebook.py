"""docs/notebook.ipynb runs from top to bottom against the release built from this checkout, so it cannot rot."""
import json

import pytest

import catraffick_data as ctd
from conftest import ROOT

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"
nbformat = pytest.importorskip("nbformat", reason='install the test extra: pip install -e ".[test]"')
nbclient = pytest.importorskip("nbclient", reason='install the test extra: pip install -e ".[test]"')
pytest.importorskip("ipykernel", reason='install the test extra: pip install -e ".[test]"')


def test_the_notebook_is_kept_without_outputs():
    # outputs would show numbers of the release it was last run on; a run shows those of the current one
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells if c["cell_type"] == "code")


def test_the_notebook_runs_and_answers_with_the_data(use_release):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)
    sources = ctd.sources().set_index("source_id")
    hc_023 = ctd.load("hotline_counts").set_index("figure_id").loc["hc-023"]
    assert sources.loc[hc_023["source"], "url"] in text  # where the figure came from
    assert sources.loc[hc_023["source"], "publisher"] in text
    conflicts = ctd.load("figure_conflicts")
    assert all(cid in text for cid in conflicts[conflicts["figure_id"] == "hc-023"]["conflict_id"])
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 1  # the chart
