"""The wheel carries the built tables: installed in a fresh virtual environment, `load` works from a
folder outside the checkout, with no network."""
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from conftest import ROOT, model

CHECK = """
import catraffick_data as ctd, json, sys
out = {"file": ctd.__file__, "version": ctd.__version__, "rows": {n: len(ctd.load(n)) for n in ctd.tables()},
       "texts": {s: len(ctd.source_text(s)) for s in ctd.sources()["source_id"]}}
print(json.dumps(out))
"""


def test_wheel_installed_in_a_clean_venv_loads_every_table(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("catraffick_data-*.whl"))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    child = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(child), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True)
    child_site = Path(subprocess.run([str(child), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                     check=True, capture_output=True, text=True).stdout.strip())
    # pandas and pyarrow come from this environment, appended after the wheel's own folder, so the
    # package itself can only be the installed wheel (an editable install's path hook is not applied).
    (child_site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    away = tmp_path / "elsewhere"
    away.mkdir()
    proc = subprocess.run([str(child), "-c", CHECK], cwd=away, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(away)})
    assert proc.returncode == 0, proc.stderr
    import json

    out = json.loads(proc.stdout)
    assert out["file"].startswith(str(child_site))
    assert set(out["rows"]) == {t.name for t in model().tables}
    assert all(n > 0 for n in out["rows"].values())
    # every source's stored text is inside the installed package, and has its hash (source_text checks)
    assert len(out["texts"]) == out["rows"]["sources"] and all(n > 0 for n in out["texts"].values())
