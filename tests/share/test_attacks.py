"""The attack check: textbook encodings fall to the built-in attacks, hardened ones do not."""

from __future__ import annotations

import json

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from linkgraph.share import encode_case, encoding_settings, read_secret
from linkgraph.share.attacks import run_attacks


def test_unhardened_encoding_is_broken_and_refused(two_agencies, tmp_path):
    case = Case.read(two_agencies["b"])
    secret = read_secret(two_agencies["secret"])
    bundle, records = encode_case(case, secret, encoding_settings("none"))
    report = run_attacks(bundle, records).set_index("attack")["share"]
    assert report["dictionary"] > 0.5
    assert report["frequency alignment"] > 0.01
    out = tmp_path / "weak"
    result = CliRunner().invoke(
        cli,
        ["share", str(two_agencies["b"]), "--secret", str(two_agencies["secret"]), "-o", str(out),
         "--hardening", "none"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "re-identifies" in result.output
    assert not out.exists()
    forced = CliRunner().invoke(
        cli,
        ["share", str(two_agencies["b"]), "--secret", str(two_agencies["secret"]), "-o", str(out),
         "--hardening", "none", "--force"],
    )  # fmt: skip
    assert forced.exit_code == 0, forced.output
    assert json.loads((out / "manifest.json").read_text())["attack_check"]["forced"] is True


def test_default_hardening_passes_the_check(two_agencies):
    case = Case.read(two_agencies["b"])
    bundle, records = encode_case(case, read_secret(two_agencies["secret"]))
    report = run_attacks(bundle, records)
    assert (report["share"] <= 0.01).all(), report
