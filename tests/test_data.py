"""Loading CSV data: every bad input gets its own error naming the file, row (header = row 1),
column and a fix; the shipped data sets can be remade byte for byte from their seeds."""

import csv
from pathlib import Path

import numpy as np
import pytest

from mathcore import data, datasets
from mathcore.errors import DataFileError, LectureInputError

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_names(err, path, row=None, column=None):
    """The message says where (file, row, column) and how to fix it."""
    message = str(err.value)
    assert isinstance(err.value, LectureInputError)
    assert str(path) in message
    assert "Fix:" in message
    if row is not None:
        assert f"row {row}" in message
        assert err.value.row == row
    if column is not None:
        assert f"column '{column}'" in message
        assert err.value.column == column


# --- good files ------------------------------------------------------------------------------


def test_good_scores_file_loads(tmp_path):
    path = write(tmp_path, "test1,test2\n70,65\n80,79\n\n55,60\n")
    scores = data.load_scores(path)
    np.testing.assert_array_equal(scores.test1, [70, 80, 55])
    np.testing.assert_array_equal(scores.test2, [65, 79, 60])
    assert scores.test1.shape == scores.test2.shape == (3,)
    assert scores.source == str(path)


def test_good_labeled_file_loads_with_extra_columns_and_spaces(tmp_path):
    path = write(tmp_path, "name, x ,y,c\na,0.5,1.5,0\nb, -1 ,2e-1,1\nc,3,4,1.0\n")
    points = data.load_labeled(path)
    assert points.X.shape == (3, 2) and points.c.shape == (3,)
    np.testing.assert_array_equal(points.X, [[0.5, 1.5], [-1.0, 0.2], [3.0, 4.0]])
    np.testing.assert_array_equal(points.c, [0.0, 1.0, 1.0])


def test_header_with_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("test1,test2\n1,2\n3,4\n".encode("utf-8-sig"))
    np.testing.assert_array_equal(data.load_scores(path).test1, [1, 3])


def test_shipped_files_load_and_agree_with_csv_module():
    for name, loader, columns in [
        ("test_scores.csv", data.load_scores, ("test1", "test2")),
        ("separable.csv", data.load_labeled, ("x", "y", "c")),
        ("rings.csv", data.load_labeled, ("x", "y", "c")),
    ]:
        with (ASSETS / name).open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        expected = np.array([[float(r[col]) for col in columns] for r in rows])
        loaded = loader(ASSETS / name)
        if name == "test_scores.csv":
            got = np.column_stack([loaded.test1, loaded.test2])
        else:
            got = np.column_stack([loaded.X, loaded.c])
        np.testing.assert_array_equal(got, expected)


# --- bad files, one test each ----------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.csv"
    with pytest.raises(DataFileError, match="not found") as err:
        data.load_scores(path)
    assert_names(err, path)


def test_empty_file(tmp_path):
    path = write(tmp_path, "")
    with pytest.raises(DataFileError, match="empty") as err:
        data.load_labeled(path)
    assert_names(err, path)


def test_missing_column(tmp_path):
    path = write(tmp_path, "test1,score2\n1,2\n3,4\n")
    with pytest.raises(DataFileError, match="missing column") as err:
        data.load_scores(path)
    assert_names(err, path)
    assert "'test2'" in str(err.value)  # names the column that is missing


def test_non_numeric_cell(tmp_path):
    path = write(tmp_path, "test1,test2\n70,65\n80,abc\n")
    with pytest.raises(DataFileError, match="'abc' is not a number") as err:
        data.load_scores(path)
    assert_names(err, path, row=3, column="test2")


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_nan_or_inf_cell(tmp_path, cell):
    path = write(tmp_path, f"x,y,c\n1,2,0\n3,{cell},1\n5,6,1\n")
    with pytest.raises(DataFileError, match="not a finite number") as err:
        data.load_labeled(path)
    assert_names(err, path, row=3, column="y")


def test_empty_cell(tmp_path):
    path = write(tmp_path, "test1,test2\n70,65\n,79\n")
    with pytest.raises(DataFileError, match="empty cell") as err:
        data.load_scores(path)
    assert_names(err, path, row=3, column="test1")


def test_short_row_is_an_empty_cell(tmp_path):
    path = write(tmp_path, "x,y,c\n1,2,0\n3,4\n")
    with pytest.raises(DataFileError, match="empty cell") as err:
        data.load_labeled(path)
    assert_names(err, path, row=3, column="c")


@pytest.mark.parametrize("body", ["", "70,65\n", "\n\n70,65\n\n"])
def test_fewer_than_two_rows(tmp_path, body):
    path = write(tmp_path, "test1,test2\n" + body)
    with pytest.raises(DataFileError, match="data row") as err:
        data.load_scores(path)
    assert_names(err, path)


def test_all_test1_zero(tmp_path):
    path = write(tmp_path, "test1,test2\n0,65\n0,79\n0.0,50\n")
    with pytest.raises(DataFileError, match="every test1 score is 0") as err:
        data.load_scores(path)
    assert_names(err, path, column="test1")


def test_label_not_zero_or_one(tmp_path):
    path = write(tmp_path, "x,y,c\n1,2,0\n3,4,1\n5,6,2\n")
    with pytest.raises(DataFileError, match="label 2 is not 0 or 1") as err:
        data.load_labeled(path)
    assert_names(err, path, row=4, column="c")


def test_label_row_number_counts_blank_lines(tmp_path):
    # header = row 1, data rows 2-3, blank line 4, the bad label sits on line 5
    path = write(tmp_path, "x,y,c\n1,2,0\n3,4,1\n\n5,6,2\n7,8,0\n")
    assert path.read_text().splitlines()[4] == "5,6,2"  # line 5, as a spreadsheet counts
    with pytest.raises(DataFileError) as err:
        data.load_labeled(path)
    assert_names(err, path, row=5, column="c")


@pytest.mark.parametrize("label", ["0.5", "-1", "1.01"])
def test_fractional_or_negative_labels(tmp_path, label):
    path = write(tmp_path, f"x,y,c\n1,2,{label}\n3,4,1\n")
    with pytest.raises(DataFileError, match="not 0 or 1") as err:
        data.load_labeled(path)
    assert_names(err, path, row=2, column="c")


@pytest.mark.parametrize("label", ["0", "1"])
def test_one_class_only(tmp_path, label):
    path = write(tmp_path, f"x,y,c\n1,2,{label}\n3,4,{label}\n5,6,{label}\n")
    with pytest.raises(DataFileError, match=f"all points are class {label}") as err:
        data.load_labeled(path)
    assert_names(err, path, column="c")


# --- the shipped data sets -------------------------------------------------------------------


def test_write_assets_reproduces_shipped_files_byte_for_byte(tmp_path):
    written = datasets.write_assets(tmp_path / "remade")
    assert sorted(p.name for p in written) == ["rings.csv", "separable.csv", "test_scores.csv"]
    for path in written:
        assert path.read_bytes() == (ASSETS / path.name).read_bytes(), path.name
    # no temporary files are left behind
    assert sorted(p.name for p in (tmp_path / "remade").iterdir()) == sorted(
        p.name for p in written
    )


def test_shipped_test_scores():
    table = np.loadtxt(ASSETS / "test_scores.csv", delimiter=",", skiprows=1)
    assert table.shape == (90, 2)
    assert table.min() >= 0 and table.max() <= 100
    np.testing.assert_array_equal(table, np.rint(table))  # whole points
    assert np.corrcoef(table[:, 0], table[:, 1])[0, 1] > 0.5  # Test 2 rises with Test 1


def test_shipped_labeled_sets_have_both_classes():
    for name, n in [("separable.csv", 100), ("rings.csv", 160)]:
        table = np.loadtxt(ASSETS / name, delimiter=",", skiprows=1)
        assert table.shape == (n, 3)
        assert set(np.unique(table[:, 2])) == {0.0, 1.0}
        assert 0.3 <= table[:, 2].mean() <= 0.7


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("test1,test2\n72,70\n80,81 caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8") as err:
        data.load_scores(path)
    assert str(path) in str(err.value) and "Fix:" in str(err.value)
