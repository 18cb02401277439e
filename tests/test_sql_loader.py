"""The query loader: headers, duplicate names, declared parameters, one statement per file."""
import pytest

from nscl.sql import QueryError, QueryLibrary, library


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


GOOD = "-- name: {name}\n-- returns: one row\n-- param: $x INTEGER a number\nSELECT $x AS x\n"


def test_repository_queries_all_load_with_headers():
    lib = library()
    assert {"experts_per_year", "managers_per_year", "supported_per_year", "certificates_per_year",
            "pilots_per_year", "cabs_per_year"} <= set(lib.names())
    for name in lib.names():
        assert lib.get(name).returns


def test_duplicate_query_names_are_rejected(tmp_path):
    (tmp_path / "a").mkdir()
    write(tmp_path / "a", "one.sql", GOOD.format(name="same"))
    write(tmp_path, "two.sql", GOOD.format(name="same"))
    with pytest.raises(QueryError, match="duplicate query name 'same'"):
        QueryLibrary(tmp_path)


def test_undeclared_parameter_is_rejected(tmp_path):
    write(tmp_path, "q.sql", "-- name: q\n-- returns: r\n-- param: $x INTEGER\nSELECT $x + $y\n")
    with pytest.raises(QueryError, match="used but not declared: y"):
        QueryLibrary(tmp_path)


def test_declared_but_unused_parameter_is_rejected(tmp_path):
    write(tmp_path, "q.sql", "-- name: q\n-- returns: r\n-- param: $x INTEGER\n-- param: $z DATE\nSELECT $x\n")
    with pytest.raises(QueryError, match="declared but not used: z"):
        QueryLibrary(tmp_path)


def test_dollar_words_in_strings_and_comments_are_not_parameters(tmp_path):
    write(tmp_path, "q.sql", "-- name: q\n-- returns: r\nSELECT '$price' AS label -- costs $money\n")
    assert QueryLibrary(tmp_path).get("q").params == ()


def test_two_statements_in_one_file_are_rejected(tmp_path):
    write(tmp_path, "q.sql", "-- name: q\n-- returns: r\nSELECT 1; SELECT 2;\n")
    with pytest.raises(QueryError, match="exactly one SQL statement"):
        QueryLibrary(tmp_path)


def test_missing_name_header_is_rejected(tmp_path):
    write(tmp_path, "q.sql", "-- returns: r\nSELECT 1\n")
    with pytest.raises(QueryError, match="missing '-- name:'"):
        QueryLibrary(tmp_path)


def test_calling_with_wrong_parameters_is_refused_and_values_are_bound(tmp_path, con):
    write(tmp_path, "q.sql", GOOD.format(name="q"))
    lib = QueryLibrary(tmp_path)
    with pytest.raises(QueryError, match="missing parameters \\['x'\\]"):
        lib.df(con, "q")
    with pytest.raises(QueryError, match="unexpected \\['y'\\]"):
        lib.df(con, "q", x=1, y=2)
    assert lib.df(con, "q", x=41)["x"].tolist() == [41]
