"""The public entry points: share a case, check it against attacks, link partners' bundles."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from linkgraph.model import Case
from linkgraph.share.attacks import run_attacks
from linkgraph.share.bundle import Bundle, encode_case
from linkgraph.share.encoding import EncodingSettings
from linkgraph.share.join import join_partner
from linkgraph.share.linkage import LinkConfig, LinkResult, match_sides
from linkgraph.share.scoring import LinkModel
from linkgraph.share.secret import Secret, ShareError
from linkgraph.share.sides import bundle_side, local_side

#: Default ceiling on the share of persons any built-in attack may re-identify.
MAX_REIDENTIFIED = 0.01


def attack_check(bundle: Bundle, records: pd.DataFrame) -> pd.DataFrame:
    """The built-in attacks on a bundle (see :mod:`linkgraph.share.attacks`)."""
    return run_attacks(bundle, records)


def share_case(
    case: Case,
    secret: Secret,
    settings: EncodingSettings | None = None,
    *,
    include_victims: bool = False,
    agency: str | None = None,
    max_reidentified: float = MAX_REIDENTIFIED,
    force: bool = False,
    round_times: str | None = None,
    include_partners: bool = False,
) -> tuple[Bundle, pd.DataFrame]:
    """Encode ``case`` for a partner and run the attack check on the result.
    ``round_times`` (``day``, ``week``) coarsens the links' first and last times
    (:func:`~linkgraph.share.bundle.rounded_times`). What an earlier ``link`` added from
    partners' bundles is left out unless ``include_partners``.

    Returns:
        The bundle (its manifest records the attack results) and the attack table.

    Raises:
        ShareError: an attack re-identifies more than ``max_reidentified`` of the persons
            and ``force`` is not set.
    """
    bundle, records = encode_case(
        case,
        secret,
        settings,
        include_victims=include_victims,
        agency=agency,
        round_times=round_times,
        include_partners=include_partners,
    )
    report = attack_check(bundle, records)
    worst = float(report["share"].max()) if len(report) else 0.0
    bundle.manifest["attack_check"] = {
        "max_reidentified": max_reidentified,
        "worst_share": round(worst, 6),
        "forced": bool(force and worst > max_reidentified),
        "attacks": report.round(6).to_dict("records"),
    }
    if worst > max_reidentified and not force:
        name = report.loc[report["share"].idxmax(), "attack"]
        raise ShareError(
            f"the {name} attack re-identifies {worst:.1%} of the persons in this bundle "
            f"(more than {max_reidentified:.1%}); nothing was written",
            hint="share with the default hardening, or pass --force if the partner may see this",
        )
    return bundle, report


def _empty_result() -> LinkResult:
    model = LinkModel((), (), {}, {}, 0.5)
    return LinkResult(
        matches=pd.DataFrame(columns=["partner", "local", "match_probability", "match_weight"]),
        model=model,
    )


def link_partners(
    case: Case | None,
    bundles: Sequence[Bundle],
    secret: Secret,
    config: LinkConfig | None = None,
) -> tuple[Case, list[LinkResult]]:
    """Match each partner bundle against ``case`` and add the partners' networks to it.

    With ``case=None`` the first bundle is the base the others are matched against (two
    partners' bundles linked by a third party who holds the secret).

    Returns:
        The joined case (partner mentions, links, resolution and evidence added) and one
        :class:`LinkResult` per bundle matched.
    """
    if not bundles:
        raise ShareError("no partner bundle given", hint="pass --partner BUNDLE_DIR")
    settings = bundles[0].settings
    for b in bundles[1:]:
        if b.settings != settings:
            raise ShareError(
                f"bundle of {b.agency} was encoded with other settings than {bundles[0].agency}'s",
                hint="both partners must share with the same --hardening and --salt",
            )
    results: list[LinkResult] = []
    if case is None:
        base_bundle, rest = bundles[0], list(bundles[1:])
        if not rest:
            raise ShareError(
                "linking without a case needs two bundles", hint="pass --partner twice"
            )
        empty_tokens = pd.DataFrame(columns=["mention_id", "entity_id", "type", "token"])
        joined = join_partner(Case(), base_bundle, _empty_result(), empty_tokens)
        base = bundle_side(base_bundle)
        ent = joined.entity_of()
        attrs = joined.mentions.set_index("mention_id")["identifier"]
        id_tokens = pd.DataFrame(
            {
                "mention_id": attrs.index.to_numpy(),
                "entity_id": ent.reindex(attrs.index).to_numpy(),
                "type": joined.mentions["type"].to_numpy(),
                "token": attrs.to_numpy(dtype=object),
            }
        ).dropna(subset=["token"])
        person_mentions = joined.mentions[joined.mentions["type"] == "person"]
        pid_entity = pd.Series(
            ent.reindex(person_mentions["mention_id"]).to_numpy(),
            index=[_token(a) for a in person_mentions["attrs"]],
        )
        base.entity = pid_entity.reindex(base.entity).to_numpy(dtype=object)
        base.person_tokens = base.person_tokens.assign(
            entity=pid_entity.reindex(base.person_tokens["entity"]).to_numpy(dtype=object)
        )
    else:
        joined, rest = case, list(bundles)
        base, id_tokens = local_side(case, secret, settings)
    for bundle in rest:
        result = match_sides(bundle_side(bundle), base, settings, config)
        joined = join_partner(joined, bundle, result, id_tokens)
        results.append(result)
    return joined, results


def _token(attrs: object) -> str:
    import json

    try:
        return str(json.loads(str(attrs)).get("partner_token", ""))
    except (ValueError, AttributeError):
        return ""


__all__ = ["MAX_REIDENTIFIED", "attack_check", "link_partners", "share_case"]
