"""A contact on a victim's own phone saved as her given name and an initial ("Daria K",
"S. Marin") or by one word of any of her spellings ("Marin") is shown by pseudonym in
every output, whether or not resolution merged it with her (round 9 F1)."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner
from people_case import person_mentions, resolved_people_case

from linkgraph.cli import cli

HER_PHONE = "+40 722 111 333"
OTHER_PHONE = "+380 67 555 1212"


def _case(tmp_path, victims: str, contacts: str):
    """A case from a victims' list and a phone book, people preset, resolved."""
    return resolved_people_case(tmp_path, victims=victims, book=contacts)


def _labels(case) -> pd.Series:
    return person_mentions(case)["label"]


def _outputs(case, tmp_path) -> dict[str, str]:
    """The text of the map, the report and the csv, sqlite, gexf, ftm and i2 exports."""
    runner = CliRunner()
    texts = {}
    for command, out in (("render", "map.html"), ("report", "report.html")):
        done = runner.invoke(cli, [command, str(case), "-o", str(tmp_path / out), "-q"])
        assert done.exit_code == 0, done.output
        texts[out] = (tmp_path / out).read_text(encoding="utf-8")
    for fmt in ("csv", "sqlite", "gexf", "ftm", "i2"):
        folder = tmp_path / f"exp_{fmt}"
        done = runner.invoke(cli, ["export", str(case), "-f", fmt, "-o", str(folder), "-q"])
        assert done.exit_code == 0, done.output
        files = [folder] if folder.is_file() else [f for f in folder.rglob("*") if f.is_file()]
        for file in files:
            texts[str(file)] = file.read_bytes().decode("utf-8", "replace")
    return texts


def test_initials_and_her_other_spellings_on_her_phone_are_pseudonymised(tmp_path):
    """Her label is one of her spellings ("Sveta", alphabetically first); "S. Marin" (an
    initial and her family name) and "Marin" (a word of another spelling) on her phone
    are her namesakes; "Ion Marin" (a word that is none of hers) stays named."""
    case = _case(
        tmp_path,
        f"name,phone,role\nSvetlana Marin,{HER_PHONE},victim\nSveta,{HER_PHONE},victim\n",
        f"name,phone\nS. Marin,{HER_PHONE}\nMarin,{HER_PHONE}\nIon Marin,{HER_PHONE}\n",
    )
    labels = _labels(case)
    assert labels[("book.csv", 1)].startswith("Victim-")
    assert labels[("book.csv", 2)].startswith("Victim-")
    assert labels[("book.csv", 3)] == "Ion Marin"
    for name, text in _outputs(case, tmp_path).items():
        assert "S. Marin" not in text, name
        assert "Svetlana" not in text, name
        assert "Sveta" not in text, name


def test_given_name_and_initial_across_scripts_is_pseudonymised(tmp_path):
    """Her name written in Cyrillic; the contact "Daria K." on her phone is her given
    name transliterated and the initial of her family name."""
    case = _case(
        tmp_path,
        f"name,phone,role\nДарья Коваленко,{OTHER_PHONE},victim\n",
        f"name,phone\nDaria K.,{OTHER_PHONE}\nDaria P.,{OTHER_PHONE}\nPetro K,+380 50 111 2233\n",
    )
    labels = _labels(case)
    assert labels[("book.csv", 1)].startswith("Victim-")
    assert labels[("book.csv", 2)] == "Daria P."  # P is no initial of hers
    assert labels[("book.csv", 3)] == "Petro K"  # not on her phone
    for name, text in _outputs(case, tmp_path).items():
        assert "Daria K" not in text, name


def test_her_diminutive_on_her_phone_is_pseudonymised(tmp_path):
    """Round 10 G1: "Sveta" (a diminutive of her given name Svetlana, by the resolver's
    nickname table) and "Sveta M." on her phone are hers, in every output; "Lena" (the
    diminutive of another name) on it stays named, and so does a "Sveta Ionescu" on
    another phone."""
    case = _case(
        tmp_path,
        f"name,phone,role,dob\nSvetlana Marin,{HER_PHONE},victim,1998-06-01\n",
        f"name,phone,role\nSveta,{HER_PHONE},\nSveta M.,{HER_PHONE},\nLena,{HER_PHONE},\n"
        f"Sveta Ionescu,{OTHER_PHONE},\n",
    )
    labels = _labels(case)
    assert labels[("book.csv", 1)].startswith("Victim-")
    assert labels[("book.csv", 2)].startswith("Victim-")
    assert labels[("book.csv", 3)] == "Lena"
    assert labels[("book.csv", 4)] == "Sveta Ionescu"  # not on her phone
    for name, text in _outputs(case, tmp_path).items():
        assert "Svetlana" not in text, name
        for shown in ("Sveta,", "Sveta<", "Sveta M", 'Sveta"'):
            assert shown not in text, (name, shown)
