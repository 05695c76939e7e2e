"""The importer registry: one `KindSpec` per kind, carrying its own validator, read by
`import_file` and by the CLI alike; a new kind is one spec registered in `KINDS`."""

from __future__ import annotations

from examenbureau.cli import _parser
from examenbureau.core.io.importers import KINDS, ImportReport, KindSpec, import_file
from examenbureau.core.io.importers.context import Cells, Context, Rows
from examenbureau.core.io.reading import Column
from examenbureau.core.store import Store


def test_every_kind_carries_its_validator_and_its_own_name():
    assert list(KINDS) == ["candidates", "subjects", "pta", "se-results", "dnt", "n-terms",
                           "ce-scores", "ce-item-scores", "year-grades", "pws"]
    for kind, spec in KINDS.items():
        assert isinstance(spec, KindSpec) and spec.kind == kind
        assert callable(spec.validate)
        assert spec.description


def test_the_cli_offers_exactly_the_registered_kinds():
    parser = _parser("import")
    sub = next(a for a in parser._actions if a.dest == "command")
    [kind_arg] = [a for a in sub.choices["import"]._actions if a.dest == "kind"]
    assert kind_arg.help == "soort bestand: " + "; ".join(
        f"{kind} = {spec.description}" for kind, spec in KINDS.items())


def _validate_settings(ctx: Context) -> Rows:
    out: Rows = []
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        values = {"key": c.get("sleutel", required=True, expected="een sleutel"),
                  "value": c.get("waarde")}
        if not c.failed:
            out.append((row.line, values))
    return out


def test_a_new_kind_is_one_spec_in_the_registry(tmp_path, monkeypatch):
    """What a new kind needs (h8's year grades will be one): a spec with columns, a key and a
    validator; reading, refusing, writing, auditing and reporting come from `import_file`."""
    spec = KindSpec("school-settings", "settings", ("key",),
                    (Column("sleutel", True), Column("waarde")), "instellingen (proef)",
                    _validate_settings, year_column=False)
    monkeypatch.setitem(KINDS, spec.kind, spec)
    store = Store(tmp_path / "school.duckdb", display_name="test")
    good = tmp_path / "instellingen.csv"
    good.write_text("sleutel;waarde\nschool.naam;De Proef\n", encoding="utf-8")
    report = import_file(store, "school-settings", good)
    assert isinstance(report, ImportReport) and report.ok, report.errors
    assert report.counts.sentence() == "1 nieuw, 0 gewijzigd, 0 ongewijzigd"
    bad = tmp_path / "fout.csv"
    bad.write_text("sleutel;waarde\n;leeg\n", encoding="utf-8")
    refused = import_file(store, "school-settings", bad)
    assert not refused.ok
    assert refused.errors == [f"{bad}:2: sleutel: is leeg, verwacht een sleutel"]
    with store.read() as con:
        assert con.execute("SELECT value FROM settings WHERE key = 'school.naam'"
                           ).fetchall() == [("De Proef",)]
