"""The currency of a payment in a graph file is kept on its link, as a table's is: an
edge's currency attribute, else the currency written in its amount (``€1,500``,
``2.000,50 MDL``, ``1 250,00 zł``), an i2 amount class's prefix, a Maltego link's own
properties; so routes and the report never add up two currencies."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _ingest(path: Path, tmp_path: Path, *args: str) -> Case:
    out = tmp_path / f"case_{path.stem}"
    _cli("ingest", str(path), *args, "-o", str(out), "-q")
    return Case.read(out)


def _money(case: Case) -> list[tuple[float, str | None]]:
    paid = case.links[case.links["kind"] == "paid"].sort_values("amount")
    return [
        (float(a), None if pd.isna(c) else str(c))
        for a, c in zip(paid["amount"], paid["currency"], strict=True)
    ]


_ACCOUNTS = {"a": "DE89370400440532013000", "b": "MD24AG000225100013104168",
             "c": "PL61109010140000071219812874"}  # fmt: skip


def _graphml(edges: list[tuple[str, str, str, str]]) -> str:
    nodes = "".join(
        f'<node id="{n}"><data key="t">account</data><data key="l">{iban}</data></node>'
        for n, iban in _ACCOUNTS.items()
    )
    body = "".join(
        f'<edge source="{s}" target="{t}"><data key="k">paid</data>'
        f'<data key="x">{amount}</data>'
        + (f'<data key="c">{currency}</data>' if currency else "")
        + '<data key="d">2024-03-05</data></edge>'
        for s, t, amount, currency in edges
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="t" for="node" attr.name="type" attr.type="string"/>
<key id="l" for="node" attr.name="label" attr.type="string"/>
<key id="k" for="edge" attr.name="kind" attr.type="string"/>
<key id="x" for="edge" attr.name="Amount" attr.type="string"/>
<key id="c" for="edge" attr.name="Währung" attr.type="string"/>
<key id="d" for="edge" attr.name="date" attr.type="string"/>
<graph edgedefault="directed">{nodes}{body}</graph></graphml>
"""


def test_graphml_amounts_keep_the_currency_written_in_them(tmp_path: Path) -> None:
    path = tmp_path / "pay.graphml"
    path.write_text(
        _graphml(
            [
                ("a", "b", "€1,500", ""),
                ("b", "c", "2.000,50 MDL", ""),
                ("c", "a", "1 250,00 zł", ""),
                ("a", "c", "300", "usd"),  # the currency attribute
                ("b", "a", "$40", "CAD"),  # "$" agrees with any dollar: the attribute's
                ("c", "b", "100", ""),  # no currency anywhere
            ]
        ),
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert _money(case) == [
        (40.0, "CAD"),
        (100.0, None),
        (300.0, "USD"),
        (1250.0, "PLN"),
        (1500.0, "EUR"),
        (2000.5, "MDL"),
    ]
    assert case.rejects.empty
    assert "Währung" not in str(case.links["attrs"].dropna().tolist())


def test_a_currency_that_disagrees_with_the_amount_is_unknown_and_reported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clash.graphml"
    path.write_text(
        _graphml([("a", "b", "€100", "USD"), ("b", "c", "5", "Dollars")]), encoding="utf-8"
    )
    case = _ingest(path, tmp_path)
    assert _money(case) == [(5.0, None), (100.0, None)]
    rejects = case.rejects.sort_values("row")
    assert rejects[["row", "column", "reason"]].values.tolist() == [
        [4, "Amount", "currency_conflict"],
        [5, "Währung", "currency_invalid"],
    ]
    assert rejects["value"].iloc[0] == "€100 (Amount) against USD (Währung)"


def test_routes_never_add_up_two_currencies_of_a_graph_file(tmp_path: Path) -> None:
    """Two payments DE -> MD, 1,500 EUR and 2.000,50 MDL: routes show them apart."""
    path = tmp_path / "pay.graphml"
    path.write_text(
        _graphml([("a", "b", "€1,500", ""), ("a", "b", "2.000,50 MDL", "")]), encoding="utf-8"
    )
    case = tmp_path / "case"
    _cli("ingest", str(path), "-o", str(case), "-q")
    _cli("resolve", str(case), "-q")
    out = _cli("routes", str(case))
    assert re.search(r"DE\s+-\s+MD\s+0\s+0\s+0\s+0\s+2\s+2,000\.50 MDL; 1,500\.00 EUR", out), out


_GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
<attributes class="node"><attribute id="t" title="Type" type="string"/></attributes>
<attributes class="edge"><attribute id="k" title="Kind" type="string"/>
<attribute id="m" title="Betrag" type="string"/></attributes>
<nodes><node id="a" label="DE89370400440532013000"><attvalues><attvalue for="t" value="account"/>
</attvalues></node><node id="b" label="MD24AG000225100013104168"><attvalues>
<attvalue for="t" value="account"/></attvalues></node></nodes>
<edges><edge id="0" source="a" target="b"><attvalues><attvalue for="k" value="paid"/>
<attvalue for="m" value="2.000,50 MDL"/></attvalues></edge></edges>
</graph></gexf>
"""


def test_gexf_amount_keeps_its_currency(tmp_path: Path) -> None:
    path = tmp_path / "chart.gexf"
    path.write_text(_GEXF, encoding="utf-8")
    assert _money(_ingest(path, tmp_path)) == [(2000.5, "MDL")]


_CHART = """<?xml version="1.0" encoding="utf-16"?>
<Chart><AttributeClassCollection>
<AttributeClass Name="Amount" Type="AttNumber" Prefix="€"/>
<AttributeClass Name="Suma" Type="AttNumber" Suffix=" lei"/>
<AttributeClass Name="Calls" Type="AttNumber" Suffix=" calls"/>
</AttributeClassCollection><ChartItemCollection>
<ChartItem Label="DE89370400440532013000"><End><Entity EntityId="a"><Icon>
<IconStyle Type="Bank Account"/></Icon></Entity></End></ChartItem>
<ChartItem Label="RO49AAAA1B31007593840000"><End><Entity EntityId="b"><Icon>
<IconStyle Type="Bank Account"/></Icon></Entity></End></ChartItem>
<ChartItem Label="" DateSet="true" DateTime="2024-02-05T00:00:00"><Link End1Id="a" End2Id="b">
<LinkStyle Type="Transaction" ArrowStyle="ArrowOnHead"/></Link><AttributeCollection>
<Attribute AttributeClass="Amount" Value="1500.00"/></AttributeCollection></ChartItem>
<ChartItem Label="" DateSet="true" DateTime="2024-02-06T00:00:00"><Link End1Id="b" End2Id="a">
<LinkStyle Type="Transaction" ArrowStyle="ArrowOnHead"/></Link><AttributeCollection>
<Attribute AttributeClass="Suma" Value="700"/><Attribute AttributeClass="Calls" Value="3"/>
</AttributeCollection></ChartItem>
</ChartItemCollection></Chart>
"""


def test_i2_amount_class_prefix_is_its_currency(tmp_path: Path) -> None:
    """An i2 attribute class shows its values with a prefix or suffix (€, lei): that is
    the amount's currency ("lei" is the Romanian leu first, as in a table)."""
    path = tmp_path / "chart.anx"
    path.write_bytes(_CHART.encode("utf-16"))
    case = _ingest(path, tmp_path)
    assert _money(case) == [(700.0, "RON"), (1500.0, "EUR")]
    assert '"Calls": "3"' in case.links.sort_values("amount")["attrs"].iloc[0]


def _prop(name: str, value: str) -> str:
    return (
        f'<mtg:Property name="{name}" type="string"><mtg:Value>{value}</mtg:Value></mtg:Property>'
    )


def test_maltego_link_properties_give_amount_and_currency(tmp_path: Path) -> None:
    nodes = "".join(
        f'<node id="{n}"><data key="d0"><mtg:MaltegoEntity type="maltego.BankAccount">'
        f"<mtg:Properties>{_prop('bankaccount.number', iban)}</mtg:Properties>"
        "</mtg:MaltegoEntity></data></node>"
        for n, iban in (("n0", _ACCOUNTS["a"]), ("n1", _ACCOUNTS["c"]))
    )
    props = (
        _prop("maltego.link.manual.type", "paid")
        + _prop("maltego.link.show-label", "0")
        + _prop("amount", "1 250,00 zł")
        + _prop("date", "2024-03-05")
    )
    edge = (
        '<edge id="e0" source="n0" target="n1"><data key="d1"><mtg:MaltegoLink '
        f'type="maltego.link.manual-link"><mtg:Properties>{props}'
        "</mtg:Properties></mtg:MaltegoLink></data></edge>"
    )
    graph = (
        '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:mtg="http://maltego.paterva.com/xml/mtgx"><key attr.name="MaltegoEntity"'
        ' for="node" id="d0"/><key attr.name="MaltegoLink" for="edge" id="d1"/>'
        f'<graph edgedefault="directed">{nodes}{edge}</graph></graphml>'
    )
    path = tmp_path / "osint.mtgx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Graphs/Graph1.graphml", graph)
    case = _ingest(path, tmp_path)
    assert _money(case) == [(1250.0, "PLN")]
    assert str(case.links["time"].iloc[0])[:10] == "2024-03-05"
    assert "show-label" not in str(case.links["attrs"].iloc[0])
