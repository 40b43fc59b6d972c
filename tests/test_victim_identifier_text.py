"""A free text that holds a victim's identifier (her phone in local form, which ingest
could not read as a phone and the redactor replaces by its pseudonym) names her: her given
name written in it is taken out too, in every export and in `linkgraph rejects`."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "record_id,name,phone,role\n"
    "P1,Rosa Montes,+34 612 345 678,victim\n"
    "P2,Juan Perez,+34 600 111 222,suspect\n"
    "P3,Rosa Lopez,+34 699 000 111,suspect\n"
)
ADS = [
    {"ad_id": "AD1", "title": "Hostess Spain", "text": "Contact Rosa 612 345 678 WhatsApp",
     "phones": ["+34600111222"]},
    {"ad_id": "AD2", "title": "Masajes", "text": "Rosa, llama al 612-345-678. Pregunta por"
     " Rosa Lopez", "phones": ["+34699000111"]},
]  # fmt: skip
#: What names the victim: her given and family name, her number as the ads write it.
HERS = ("Rosa Montes", "Montes", "612 345 678", "612-345-678", "612345678")


def _outputs(tmp_path) -> str:
    """Every text the CLI writes of the case: CSV export, SQLite export, `rejects`."""
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "ads.jsonl").write_text("\n".join(json.dumps(a) for a in ADS) + "\n")
    case, runner = tmp_path / "case", CliRunner()
    for file, preset in (("people.csv", "people"), ("ads.jsonl", "ads")):
        done = runner.invoke(cli, ["ingest", str(tmp_path / file), "--preset", preset,
                                   "-o", str(case)])  # fmt: skip
        assert done.exit_code == 0, done.output
    assert runner.invoke(cli, ["resolve", str(case), "-q"]).exit_code == 0
    csv_dir, db = tmp_path / "csv", tmp_path / "case.sqlite"
    for fmt, out in (("csv", csv_dir), ("sqlite", db)):
        done = runner.invoke(cli, ["export", str(case), "-f", fmt, "-o", str(out)])
        assert done.exit_code == 0, done.output
    texts = [p.read_text(encoding="utf-8") for p in sorted(csv_dir.glob("*.csv"))]
    with sqlite3.connect(db) as con:
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            texts += [repr(row) for row in con.execute(f'select * from "{table}"')]
    for flags in ([], ["--csv"], ["--json"]):
        shown = runner.invoke(cli, ["rejects", str(case), *flags])
        assert shown.exit_code == 0, shown.output
        texts.append(shown.output)
    return "\n".join(texts)


def test_given_name_beside_her_pseudonymised_phone_is_taken_out(tmp_path):
    out = _outputs(tmp_path)
    # the ads' text reached the outputs (pseudonymised), so the check below means something
    assert "llama al Victim-" in out
    for value in (*HERS, "Contact Rosa", "Rosa, llama"):
        assert value not in out
    # a suspect who shares her given name keeps his whole name
    assert "Rosa Lopez" in out
