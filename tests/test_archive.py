"""The release README lists the files the writers declare; the zip has fixed times and sorted names."""
import zipfile

from catraffick_data import archive, release, sqlite_export


def test_the_readme_lists_every_file_the_writers_declare(built_release):
    text = (built_release / "README.md").read_text(encoding="utf-8")
    for name, what in [*release.FILES, *sqlite_export.FILES, *archive.FILES]:
        assert f"| `{name}` | {what} |" in text


def test_the_zip_is_reproducible(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b")
    archive.write_zip(tmp_path, tmp_path / "one.zip", "top")
    first = (tmp_path / "one.zip").read_bytes()
    (tmp_path / "one.zip").unlink()
    archive.write_zip(tmp_path, tmp_path / "one.zip", "top")
    assert (tmp_path / "one.zip").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "one.zip") as z:
        assert z.namelist() == ["top/a.txt", "top/sub/b.txt"]
        assert {i.date_time for i in z.infolist()} == {archive.FIXED_TIME}
