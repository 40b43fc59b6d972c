"""The public Python API as a researcher meets it in a notebook (tester round 35): a map of
``build_graph(case)`` protects whom the case protects (D1); ``show_victims`` and the other
arguments of a wrong type or value are a clear error naming the parameter, what it got and
what it takes, never a raw AttributeError deep in pandas (D2, D5-D9)."""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

import linkgraph as lg
from tests.victim_case_files import BANK_MAPPING, HOTLINE_MAPPING

HOTLINE = """\
victim,victim_phone,suspect,suspect_phone
Elena Marin,+40 721 111 222,Ion Traficant,+40 722 333 444
"""
# Elena Marinescu holds an account and no role: resolution scores her a plausible match
# to the victim (names alone, 0.5) and leaves her apart: every output protects her.
BANK = """\
payer,payer_account,payee,payee_account,amount,date
Elena Marinescu,40040004,Ion Traficant,40020002,300,2024-01-07
Gheorghe Vasilescu,40030003,Ion Traficant,40020002,700,2024-01-06
"""
PROTECTED = ("Elena Marin", "Marinescu", "40040004")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> lg.Case:
    """The hotline and bank files ingested with their mappings, resolved and analysed, in
    Python."""
    folder = _files(tmp_path_factory.mktemp("api"))
    sources = [
        lg.Source(folder / "hotline.csv", mapping=folder / "hotline.yaml"),
        lg.Source(folder / "bank.csv", mapping=folder / "bank.yaml"),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lg.analyze(lg.resolve(lg.ingest(sources)))


def _files(folder: Path) -> Path:
    for name, text in (("hotline.csv", HOTLINE), ("hotline.yaml", HOTLINE_MAPPING),
                       ("bank.csv", BANK), ("bank.yaml", BANK_MAPPING)):  # fmt: skip
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_mapping_given_as_a_dict_reads_as_its_yaml(tmp_path):
    folder = _files(tmp_path)
    as_dict = yaml.safe_load(BANK_MAPPING)
    by_dict = lg.ingest([folder / "bank.csv"], mapping=as_dict)
    by_yaml = lg.ingest([folder / "bank.csv"], mapping=folder / "bank.yaml")
    pd.testing.assert_frame_equal(by_dict.mentions, by_yaml.mentions)
    pd.testing.assert_frame_equal(by_dict.links, by_yaml.links)
    assert lg.load_mapping(as_dict).entities == lg.load_mapping(folder / "bank.yaml").entities
    by_source = lg.ingest([lg.Source(folder / "bank.csv", mapping=as_dict)])
    pd.testing.assert_frame_equal(by_source.mentions, by_yaml.mentions)
    with pytest.raises(TypeError, match=r"Source\(\): mapping takes a mapping YAML's path"):
        lg.Source(folder / "bank.csv", mapping=42)


def _names_shown(html: str) -> list[str]:
    return [name for name in PROTECTED if name in html]


def test_the_readme_map_of_build_graph_protects_as_the_map_of_the_case(case, tmp_path):
    graph = lg.build_graph(case)
    assert "Elena Marinescu" in graph.nodes["label"].tolist()  # the graph holds names
    by_case = lg.render_map(case, tmp_path / "case.html").read_text(encoding="utf-8")
    assert _names_shown(by_case) == []
    assert "Gheorghe Vasilescu" in by_case  # never paired with her: shown
    readme = lg.show_map(lg.build_graph(case), metrics=case.metrics).html
    assert _names_shown(readme) == []
    assert readme == by_case  # the same map, whichever way it is asked for
    plain = lg.render_map(graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    assert _names_shown(plain) == []


def test_a_view_of_the_graph_protects_as_the_case_does(case, tmp_path):
    from linkgraph.render import ego_view

    graph = lg.build_graph(case)
    marinescu = graph.nodes.index[graph.nodes["label"] == "Elena Marinescu"][0]
    html = lg.show_map(ego_view(graph, marinescu, hops=2)).html
    assert _names_shown(html) == []


@pytest.mark.parametrize("value", ["no", "False", 0, 1, None])
def test_show_victims_takes_a_bool_only(case, tmp_path, value):
    calls = {
        "entity_table": lambda: lg.entity_table(case, show_victims=value),
        "link_table": lambda: lg.link_table(case, show_victims=value),
        "top_actors": lambda: lg.top_actors(case, show_victims=value),
        "export": lambda: lg.export(case, "csv", tmp_path / "csv", show_victims=value),
    }
    if value is not None:  # the map's None: the config's default
        calls["render_map"] = lambda: lg.render_map(case, tmp_path / "m.html", show_victims=value)
        calls["show_map"] = lambda: lg.show_map(case, show_victims=value)
    for name, call in calls.items():
        with pytest.raises(lg.ConfigError) as err:
            call()
        assert isinstance(err.value, TypeError), name
        assert err.value.key == "show_victims", name
        assert f"{name}(): show_victims takes True or False" in err.value.message, name
        assert repr(value) in err.value.message, name
    assert not (tmp_path / "m.html").exists()


def test_show_victims_false_protects_and_true_shows(case):
    hidden = lg.entity_table(case, show_victims=False)["label"].tolist()
    shown = lg.entity_table(case, show_victims=True)["label"].tolist()
    assert "Elena Marin" not in hidden
    assert "Elena Marinescu" not in hidden
    assert "Elena Marin" in shown
    assert "Elena Marinescu" in shown


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c: lg.resolve(pd.DataFrame()), TypeError,
         r"resolve\(\) takes a Case or the path of a case folder, not DataFrame"),
        (lambda c: lg.share_case(c, "secret.txt"), lg.ConfigError,
         r"share_case\(\): secret takes a Secret, not str 'secret.txt'"),
        (lambda c: lg.top_actors(c, n="5"), TypeError,
         r"top_actors\(\): n takes a whole number of at least 1, not str '5'"),
        (lambda c: lg.top_actors(c, n=-1), ValueError,
         r"top_actors\(\): n takes a whole number of at least 1, not -1"),
        (lambda c: lg.top_actors(c, types=["persons"]), ValueError,
         r"top_actors\(\): unknown entity type 'persons' in types"),
        (lambda c: lg.routes(c, min_count="2"), TypeError,
         r"routes\(\): min_count takes a whole number of at least 1, not str '2'"),
        (lambda c: lg.routes(c, min_count=2.5), TypeError, r"not float 2.5"),
        (lambda c: lg.routes(c, min_count=-3), ValueError, r"at least 1, not -3"),
        (lambda c: lg.Case.read(c), TypeError,
         r"Case.read\(\): path takes the path of a file or folder \(str or Path\), not Case"),
        (lambda c: lg.load_config(c), TypeError, r"load_config\(\): path takes the path"),
        (lambda c: lg.export(c, "gexf", c), TypeError, r"export\(\): path takes the path"),
        (lambda c: lg.load_mapping(42), TypeError,
         r"load_mapping\(\): path_or_preset takes a mapping YAML's path, a preset's name"),
        (lambda c: lg.ingest(["x.csv"], mapping=42), TypeError,
         r"ingest\(\): mapping takes a mapping YAML's path, a dict"),
        (lambda c: lg.resolve(c, 0.9), TypeError,
         r"resolve\(\): config takes a ResolveConfig or a dict of its settings"),
    ],
)  # fmt: skip
def test_a_wrong_argument_is_an_error_naming_it(case, call, error, message):
    with pytest.raises(error, match=message) as err:
        call(case)
    assert "Traceback" not in str(err.value)


def test_the_hints_of_the_errors_say_what_to_type(case):
    with pytest.raises(lg.ConfigError) as err:
        lg.top_actors(case, types=["persons"])
    assert "did you mean 'person'?" in err.value.hint
    with pytest.raises(lg.ConfigError) as err:
        lg.share_case(case, "secret.txt")
    assert "lg.read_secret(path)" in err.value.hint
    with pytest.raises(lg.ConfigError) as err:
        lg.top_actors(case, n="5")
    assert "n=5, without quotes" in err.value.hint


def test_settings_given_as_a_dict_are_read_as_a_config_section(case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        strict = lg.resolve(case, {"threshold": 0.99})
        default = lg.resolve(case)
    assert strict.manifest["config"]["resolve"]["threshold"] == 0.99
    assert default.manifest["config"]["resolve"]["threshold"] == 0.9
    with pytest.raises(lg.ConfigError, match="did you mean 'threshold'"):
        lg.resolve(case, {"treshold": 0.99})


def test_a_string_of_types_is_one_type(case):
    one = lg.top_actors(case, types="person", n=10)
    listed = lg.top_actors(case, types=["person"], n=10)
    assert len(one) == 4  # Elena Marin, Ion Traficant, Elena Marinescu, Gheorghe Vasilescu
    pd.testing.assert_frame_equal(one, listed)
    assert set(one["type"]) == {"person"}


def test_geocode_of_one_string_is_one_place():
    one = lg.geocode("Bucharest")
    assert len(one) == 1
    assert one.iloc[0]["country"] == "RO"


def test_evaluate_takes_the_truth_csvs_path_as_the_cli_does(case, tmp_path):
    m = case.mentions[case.mentions["type"] == "person"]
    truth = pd.DataFrame({"mention_id": m["mention_id"], "cluster": m["label"]})
    path = tmp_path / "truth.csv"
    truth.to_csv(path, index=False)
    assert lg.evaluate(case, str(path)) == lg.evaluate(case, truth)
    with pytest.raises(lg.InputError, match=r"no_such\.csv"):
        lg.evaluate(case, tmp_path / "no_such.csv")


def test_a_case_without_metrics_is_a_case_error_naming_the_python_call(case):
    from dataclasses import replace

    with pytest.raises(lg.CaseError) as err:
        lg.top_actors(replace(case, metrics=None))
    assert "case = lg.analyze(case)" in err.value.hint
    assert "linkgraph analyze CASE_DIR" in err.value.hint


def test_stability_docstring_names_every_setting_it_takes():
    from dataclasses import fields

    from linkgraph.metrics.stability import StabilityConfig

    doc = inspect.getdoc(lg.stability)
    settings = doc.split("**settings:")[1].split("Returns:")[0]
    for f in fields(StabilityConfig):
        assert f"``{f.name}``" in settings, f.name


def test_wrapped_functions_keep_their_signatures():
    assert list(inspect.signature(lg.top_actors).parameters)[:3] == ["case", "by", "n"]
    assert lg.top_actors.__doc__.startswith("The ``n`` entities")


def test_a_path_to_the_case_still_works(case, tmp_path: Path):
    case.write(tmp_path / "c")
    assert len(lg.top_actors(str(tmp_path / "c"), types="person", n=2)) == 2
