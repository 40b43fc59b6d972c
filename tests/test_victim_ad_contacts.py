"""The contacts of a victim's ad are hers: scraped ads (phones, e-mails, images, no names)
and a victim record that ties her to one ad only (``ad_id``), through `mapping suggest`,
`ingest`, `resolve` and every output (CSV and XLSX exports, `entities --csv`, the map,
a share bundle). The phone and e-mail her ad gives appear nowhere; the number another
ad gives (a suspect's ad) stays shown, and so does the suspect's own phone, held by him
directly (a subscriber record), though her ad gives it too
(:func:`linkgraph.privacy.contacts_of_hidden_ads`, docs/concepts.md)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from tests.suggest_draft import suggest_draft

#: the victim's ad's own contacts, as written and as stored
HER_PHONE = ("+44 7911 123456", "+447911123456", "7911123456", "7911 123456")
HER_EMAIL = ("new.girl@example.com",)
#: the suspect's own phone (his subscriber record; her ad gives it too)
HIS_PHONE = "+447400123456"
#: the number only the suspect's ad gives
HIS_AD_PHONE = "+447912345678"


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("ads")
    ads = [
        {"id": "a1", "url": "https://ads.example/a1", "title": "New in town tonight",
         "phones": ["+44 7911 123456", "+44 7400 123456"], "email": "new.girl@example.com"},
        {"id": "a2", "url": "https://ads.example/a2", "title": "Sweet girl new here",
         "phones": ["+44 7912 345678"]},
        {"id": "a3", "url": "https://ads.example/a3", "title": "Massage relax now",
         "phones": ["+44 7912 345678"]},
    ]  # fmt: skip
    (tmp / "ads.jsonl").write_text("\n".join(json.dumps(a) for a in ads) + "\n", encoding="utf-8")
    (tmp / "victims.csv").write_text("name,role,ad_id\nMaria Popescu,victim,a1\n", encoding="utf-8")
    (tmp / "subs.csv").write_text(
        "name,role,phone\nIon Vasile,suspect,+44 7400 123456\n", encoding="utf-8"
    )
    out = tmp / "case"
    for name in ("ads.jsonl", "victims.csv", "subs.csv"):
        draft, _ = suggest_draft(tmp / name, tmp)
        _run("ingest", str(tmp / name), "--mapping", str(draft), "-o", str(out))
    _run("resolve", str(out))
    return out


def _linked(case: Path) -> None:
    """The scenario holds: her record is linked to ad a1, which gives her phone."""
    from linkgraph.model import Case

    c = Case.load(case)
    m = c.mentions.set_index("mention_id")
    kinds = {(m.at[lk.src, "type"], lk.kind, m.at[lk.dst, "type"]) for lk in c.links.itertuples()}
    assert ("ad", "ad_contact", "person") in kinds
    assert ("ad", "ad_contact", "phone") in kinds
    assert set(m.loc[m["type"].eq("phone"), "identifier"]) >= {HER_PHONE[1], HIS_PHONE}


def _blob(file: Path) -> str:
    if file.suffix == ".xlsx":
        with zipfile.ZipFile(file) as z:
            return b"".join(z.read(n) for n in z.namelist()).decode("utf-8", "replace")
    return file.read_bytes().decode("utf-8", "replace")


def test_her_ads_contacts_appear_in_no_output(case: Path, tmp_path: Path) -> None:
    _linked(case)
    ex = tmp_path / "ex"
    _run("export", str(case), "-f", "csv", "-o", str(ex / "csv"), "-q")
    _run("export", str(case), "-f", "xlsx", "-o", str(ex / "case.xlsx"), "-q")
    _run("render", str(case), "-o", str(ex / "map.html"))
    printed = _run("entities", str(case), "--csv")  # stdout and stderr's count, mixed
    (ex / "entities.csv").write_text(printed, encoding="utf-8")
    files = [f for f in ex.rglob("*") if f.is_file()]
    assert len(files) >= 4
    for file in files:
        text = _blob(file)
        for secret in HER_PHONE + HER_EMAIL:
            assert secret not in text, (file, secret)
    # the suspect's own phone and his ad's number stay shown
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("entity_id,"))
    table = [line for line in lines[start:] if not line.endswith(" entities")]
    entities = pd.read_csv(io.StringIO("\n".join(table)))
    phones = set(entities.loc[entities["type"].eq("phone"), "label"])
    assert {HIS_PHONE, HIS_AD_PHONE} <= phones
    assert sum(p.startswith("Victim-") for p in phones) == 1
    emails = entities.loc[entities["type"].eq("email"), "label"].tolist()
    assert len(emails) == 1
    assert emails[0].startswith("Victim-")
    exported = pd.read_csv(ex / "csv" / "entities.csv")
    assert {HIS_PHONE, HIS_AD_PHONE} <= set(exported["label"])
    xlsx = pd.read_excel(ex / "case.xlsx", sheet_name="entities")
    assert {HIS_PHONE, HIS_AD_PHONE} <= set(xlsx["label"])
    assert HIS_PHONE in _blob(ex / "map.html")


def test_her_ads_contacts_are_withheld_from_a_share_bundle(case: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("7c1e9a4f2b8d6e3a0c5f9b1d7e2a4c8f6b3d0e9a1c7f5b2d8e4a6c0f3b9d1e7a\n")
    bundle = tmp_path / "bundle"
    _run("share", str(case), "--secret", str(secret), "-o", str(bundle))
    nodes = pd.read_parquet(bundle / "nodes.parquet")
    # her phone and e-mail: withheld (a random id, "w:"); his two numbers: tokens ("t:")
    kinds = nodes.groupby("type")["node_id"].apply(lambda s: sorted(s.str[:2])).to_dict()
    assert kinds["phone"] == ["t:", "t:", "w:"]
    assert kinds["email"] == ["w:"]
    for file in bundle.iterdir():
        text = file.read_bytes().decode("utf-8", "replace")
        assert not any(s in text for s in HER_PHONE + HER_EMAIL), file
