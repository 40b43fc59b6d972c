"""Linking across agencies without exchanging names (privacy-preserving record linkage).

``encode_case`` turns a case into a :class:`Bundle` (keyed tokens, hardened Bloom-filter
encodings, the link structure over pseudonymous ids); ``link_partners`` matches one or
more partners' bundles against a local case and adds their networks to it; ``attack_check``
runs the built-in re-identification attacks; ``disclosure_request`` and ``reveal`` are the
two halves of asking a partner for the plain identities behind matched tokens;
``evaluate_linkage`` scores a linkage against ground truth (``true_pairs``,
``linked_pairs``, ``plaintext_pairs`` and ``pair_scores`` are its parts).
See docs/share.md for the threat model.
"""

from __future__ import annotations

from linkgraph.share.api import attack_check, link_partners, share_case
from linkgraph.share.bundle import Bundle, encode_case, read_bundle, write_bundle
from linkgraph.share.disclosure import disclosure_request, reveal
from linkgraph.share.encoding import EncodingSettings, encoding_settings
from linkgraph.share.evaluate import (
    evaluate_linkage,
    linked_pairs,
    pair_scores,
    plaintext_pairs,
    true_pairs,
)
from linkgraph.share.linkage import LinkConfig, LinkResult, match_sides
from linkgraph.share.secret import Secret, ShareError, read_secret

__all__ = [
    "Bundle",
    "EncodingSettings",
    "LinkConfig",
    "LinkResult",
    "Secret",
    "ShareError",
    "attack_check",
    "disclosure_request",
    "encode_case",
    "encoding_settings",
    "evaluate_linkage",
    "link_partners",
    "linked_pairs",
    "match_sides",
    "pair_scores",
    "plaintext_pairs",
    "read_bundle",
    "read_secret",
    "reveal",
    "share_case",
    "true_pairs",
    "write_bundle",
]
