"""The victims' redactor is built once per version of a case and kept beside it
(``CASE_DIR/protection/redactor.json``): a lookup after the first reads it back equal to
the one built, a changed case builds it again, and a file that is not one is ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import linkgraph.redact as redact
from linkgraph.model import Case
from linkgraph.redactor_cache import decode, encode, read_redactor
from tests.test_possible_victims import BANK, HOTLINE
from tests.victim_case_files import resolved_case, run

SECRETS = ("Elena Marin", "Marinescu", "40040004", "721 111 222")


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return resolved_case(tmp_path, HOTLINE, BANK)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the victims' redactor was built (one entry a time)."""
    calls: list[int] = []
    real = redact._victims_redactor

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(redact, "_victims_redactor", counted)
    return calls


def _fresh(case: Path, monkeypatch: pytest.MonkeyPatch) -> redact.Redactor:
    """The redactor of the case folder, built now (none remembered, none read back)."""
    import linkgraph.redactor_cache

    monkeypatch.setattr(redact, "_REDACTORS", redact.FrameMemo(4))
    monkeypatch.setattr(linkgraph.redactor_cache, "read_redactor", lambda case: None)
    return redact.case_redactor(Case.read(case))


def test_the_next_lookup_reads_the_redactor_built_by_the_first(
    case: Path, built: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("explain", str(case), "hotline.csv:1:victim", "bank.csv:1:payer")
    assert len(built) == 1
    assert (case / "protection" / "redactor.json").is_file()
    second = run("explain", str(case), "hotline.csv:1:victim", "bank.csv:1:payer")
    third = run("mentions", str(case), "--csv")
    assert len(built) == 1  # read from the case folder
    assert second == first
    for text in (first, second, third):
        for value in SECRETS:
            assert value not in text
    # What was read is what building it gives (every field: names, phones, sources, ...).
    kept = read_redactor(Case.read(case))
    assert kept is not None
    assert kept == _fresh(case, monkeypatch)
    assert len(built) == 2


def test_a_redactor_kept_under_another_key_or_malformed_is_not_used(
    case: Path, built: list
) -> None:
    run("mentions", str(case), "--csv")
    kept = case / "protection" / "redactor.json"
    stored = json.loads(kept.read_text(encoding="utf-8"))
    empty = encode(redact.NO_REDACTION)
    stored["redactor"] = empty  # would show her, were it used
    stored["key"]["tables"]["mentions"] = "0" * 64  # of another version of the mentions
    kept.write_text(json.dumps(stored), encoding="utf-8")
    built.clear()
    for value in SECRETS:
        assert value not in run("mentions", str(case), "--csv")
    assert len(built) == 1
    stored = json.loads(kept.read_text(encoding="utf-8"))
    stored["redactor"] = {"R": {"replacements": {"M": []}}}  # not a redactor's fields
    kept.write_text(json.dumps(stored), encoding="utf-8")
    assert read_redactor(Case.read(case)) is None
    # A hostile folder's file nested past the parser's depth: ignored, not a crash.
    deep = json.dumps({"key": stored["key"], "redactor": "PLACEHOLDER"})
    kept.write_text(deep.replace('"PLACEHOLDER"', '{"S": [' * 100_000), encoding="utf-8")
    assert read_redactor(Case.read(case)) is None
    deep = json.dumps({"key": stored["key"], "redactor": "PLACEHOLDER"})
    nested = '{"T": [' * 5_000 + "1" + "]}" * 5_000
    kept.write_text(deep.replace('"PLACEHOLDER"', nested), encoding="utf-8")
    assert read_redactor(Case.read(case)) is None
    for value in SECRETS:
        assert value not in run("mentions", str(case), "--csv")


def test_encoding_gives_back_an_equal_redactor() -> None:
    r = redact.redactor(
        {"Olena Shevchenko": "Victim-1a2b3c", "Shevchenko": "Victim-1a2b3c"},
        phones={"+380931234567": "Victim-1a2b3c"},
        guards=["Olena Marchenko"],
        identifiers={"MD24AG000225100013104168": "Victim-4d5e6f"},
        addresses={"12 Lenin St, Kyiv": "Victim-1a2b3c"},
        birth_dates={"2008-08-12": "[withheld]"},
    )
    back = decode(json.loads(json.dumps(encode(r))))
    assert back == r
    assert back.text("Olena Shevchenko +380 93 123 4567") == r.text(
        "Olena Shevchenko +380 93 123 4567"
    )
    assert decode(encode(redact.NO_REDACTION)) is redact.NO_REDACTION


def test_a_redactor_decoded_as_it_is_parsed_equals_the_one_kept() -> None:
    """``read_redactor`` decodes each container as JSON parses it (the parsed file is
    never all in memory beside the redactor): the redactor kept, and containers that
    ``decode`` refuses (an untagged array or object, an unknown tag) refused too."""
    import pytest

    from linkgraph.redactor_cache import _Decoder, _Malformed

    r = redact.redactor(
        {"Olena Shevchenko": "Victim-1a2b3c", "Shevchenko": "Victim-1a2b3c"},
        phones={"+380931234567": "Victim-1a2b3c"},
        guards=["Olena Marchenko"],
        identifiers={"MD24AG000225100013104168": "Victim-4d5e6f"},
        addresses={"12 Lenin St, Kyiv": "Victim-1a2b3c"},
        birth_dates={"2008-08-12": "[withheld]"},
    )
    text = json.dumps({"key": {"tables": {"mentions": "0" * 64}}, "redactor": encode(r)})
    stored = json.loads(text, object_hook=_Decoder())
    assert stored["redactor"] == r
    assert stored["key"] == {"tables": {"mentions": "0" * 64}}
    empty = json.dumps(encode(redact.NO_REDACTION))
    assert json.loads(empty, object_hook=_Decoder()) is redact.NO_REDACTION
    for bad in ('{"T": [[1, 2]]}', '{"S": [{"X": [1]}]}', '{"M": [["a", {"b": 1}]]}',
                '{"M": [["a"]]}', '{"S": [{"T": []}, [1]]}', '{"T": 5}'):  # fmt: skip
        with pytest.raises(_Malformed):
            json.loads(bad, object_hook=_Decoder())
        with pytest.raises((TypeError, ValueError, KeyError)):
            decode(json.loads(bad))
