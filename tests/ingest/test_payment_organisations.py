"""A payment's holder or counterparty whose name is an organisation's — a legal form
(SRL, GmbH, ТОВ) or a clear organisation word (Bank, Agent, Travel, Hotel, Western
Union) — is an organisation in every money reader (the transactions preset, camt.053, an
untyped graph node); a person whose family name is such a word ("Ion Banca") stays a
person, and so does a victim."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_A, _B, _C, _D = (
    "RO49AAAA1B31007593840000",
    "MD24AG000225100013104168",
    "DE89370400440532013000",
    "UA213223130000026007233566001",
)


def _ingest(tmp_path: Path, path: Path, *args: str) -> dict[str, str]:
    out = tmp_path / f"case_{path.stem}"
    result = CliRunner().invoke(cli, ["ingest", str(path), *args, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    m = Case.read(out).mentions
    names = m[m["type"].isin(["person", "organisation"])]
    return dict(zip(names["name"], names["type"], strict=True))


def test_transactions_preset_types_holders_by_their_names(tmp_path: Path) -> None:
    path = tmp_path / "tx.csv"
    path.write_text(
        "from_account,from_name,to_account,to_name,amount,currency,date\n"
        f"{_A},Dream Travel SRL,{_B},Western Union Agent Chisinau,100,EUR,2024-03-01\n"
        f"{_C},ACME GmbH,{_A},Ion Banca,200,EUR,2024-03-02\n"
        f"{_D},ТОВ Ромашка,{_B},Hotel Dacia,300,EUR,2024-03-03\n"
        f"{_C},Maria Ionescu,{_D},Banca Transilvania,400,EUR,2024-03-04\n",
        encoding="utf-8",
    )
    assert _ingest(tmp_path, path, "--preset", "transactions") == {
        "Dream Travel SRL": "organisation",
        "Western Union Agent Chisinau": "organisation",
        "ACME GmbH": "organisation",
        "Ion Banca": "person",
        "ТОВ Ромашка": "organisation",
        "Hotel Dacia": "organisation",
        "Maria Ionescu": "person",
        "Banca Transilvania": "organisation",
    }


_CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>S</MsgId><CreDtTm>2024-03-31T00:00:00</CreDtTm></GrpHdr><Stmt><Id>S1</Id>
<Acct><Id><IBAN>{a}</IBAN></Id><Ownr><Nm>Ion Banca</Nm></Ownr></Acct>
<Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2024-03-01</Dt></BookgDt><NtryDtls><TxDtls><RltdPties><Cdtr>
<Nm>Western Union Agent Chisinau</Nm></Cdtr><CdtrAcct><Id><IBAN>{b}</IBAN></Id></CdtrAcct>
</RltdPties></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">70.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2024-03-02</Dt></BookgDt><NtryDtls><TxDtls><RltdPties><Cdtr>
<Nm>Olena Shevchenko</Nm></Cdtr><CdtrAcct><Id><IBAN>{d}</IBAN></Id></CdtrAcct>
</RltdPties></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
"""


def test_camt_counterparty_with_an_organisation_word_is_an_organisation(tmp_path: Path) -> None:
    path = tmp_path / "camt053.xml"
    path.write_text(_CAMT.format(a=_A, b=_B, d=_D), encoding="utf-8")
    assert _ingest(tmp_path, path) == {
        "Ion Banca": "person",
        "Western Union Agent Chisinau": "organisation",
        "Olena Shevchenko": "person",
    }


def test_untyped_graph_nodes_named_as_organisations_are_organisations(tmp_path: Path) -> None:
    """An untyped node is a person by default, unless its label names an organisation; a
    node the file types as a person, and a victim, stay persons."""
    path = tmp_path / "pay.graphml"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="t" for="node" attr.name="type" attr.type="string"/>
<key id="r" for="node" attr.name="role" attr.type="string"/>
<key id="l" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="directed">
<node id="a"><data key="l">Dream Travel SRL</data></node>
<node id="b"><data key="l">Ion Banca</data></node>
<node id="c"><data key="l">Hotel Dacia</data><data key="t">person</data></node>
<node id="d"><data key="l">Club Paradise</data><data key="r">victim</data></node>
<edge source="a" target="b"/><edge source="b" target="c"/><edge source="c" target="d"/>
</graph></graphml>
""",
        encoding="utf-8",
    )
    assert _ingest(tmp_path, path) == {
        "Dream Travel SRL": "organisation",
        "Ion Banca": "person",
        "Hotel Dacia": "person",
        "Club Paradise": "person",
    }
