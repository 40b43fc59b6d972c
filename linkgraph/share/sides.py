"""The two sides of a linkage in one form: encoded person variants and identifier tokens."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkgraph.model import Case
from linkgraph.share.bundle import Bundle, encode_records, field_masks
from linkgraph.share.encoding import EncodingSettings, tokens
from linkgraph.share.records import identifier_values, own_identifiers, person_records
from linkgraph.share.secret import Secret

#: Token types that count as a person's contact evidence, and documents.
CONTACT_TYPES = ("phone", "email", "account")
DOCUMENT_TYPES = ("document",)


@dataclass
class Side:
    """Encoded persons of one side.

    ``entity``: the entity key of each encoded variant (a local entity id or a partner's
    pid); ``filters``/``present``: per segment, packed filters and whether the variant had
    anything to encode; ``person_tokens``: ``entity``, ``type``, ``token`` of the
    identifiers linked to each person entity; ``fields``: per segment of several fields,
    the bit mask of the fields each variant holds (:func:`field_masks`; a segment missing
    here counts as holding all of them, as in bundles written before it).
    """

    entity: np.ndarray
    filters: dict[str, np.ndarray]
    present: dict[str, np.ndarray]
    person_tokens: pd.DataFrame
    fields: dict[str, np.ndarray] = field(default_factory=dict)

    def field_mask(self, segment: str) -> np.ndarray:
        """The bit mask of the fields of ``segment`` each variant holds (-1: all)."""
        mask = self.fields.get(segment)
        return np.full(len(self.entity), -1, np.int64) if mask is None else mask


def local_side(case: Case, secret: Secret, settings: EncodingSettings) -> tuple[Side, pd.DataFrame]:
    """The local case encoded exactly as the partner encoded theirs.

    Returns:
        The side, and the token of every local identifier mention (``mention_id``,
        ``entity_id``, ``type``, ``token``) for joining the partner's identifiers.
    """
    records = person_records(case)
    fields = [f for seg in settings.segments for f in seg.fields]
    variants = records.drop_duplicates(["entity_id", *dict.fromkeys(fields)]).reset_index(drop=True)
    encoded = encode_records(variants, secret, settings)
    id_tokens = identifier_tokens(case, secret)[["mention_id", "entity_id", "type", "token"]]
    # Persons' identifiers: through links (either direction) and their own columns.
    person_entity = pd.Series(
        records["entity_id"].to_numpy(), index=records["mention_id"].to_numpy()
    )
    token_of = pd.Series(id_tokens["token"].to_numpy(), index=id_tokens["mention_id"].to_numpy())
    type_of = pd.Series(id_tokens["type"].to_numpy(), index=id_tokens["mention_id"].to_numpy())
    src = case.links["src"].astype(str).to_numpy()
    dst = case.links["dst"].astype(str).to_numpy()
    p_side = np.concatenate([src, dst])
    i_side = np.concatenate([dst, src])
    ent = person_entity.reindex(p_side).to_numpy(dtype=object)
    t = token_of.reindex(i_side).to_numpy(dtype=object)
    typ = type_of.reindex(i_side).to_numpy(dtype=object)
    keep = pd.notna(ent) & pd.notna(t)
    frames = [pd.DataFrame({"entity": ent[keep], "type": typ[keep], "token": t[keep]})]
    own = own_identifiers(case)
    if len(own):
        own_tok = np.empty(len(own), dtype=object)
        for kind in own["type"].unique():
            sel = (own["type"] == kind).to_numpy()
            own_tok[sel] = tokens(secret, kind, own.loc[sel, "canonical"].to_numpy(dtype=object))
        frames.append(
            pd.DataFrame(
                {
                    "entity": person_entity.reindex(own["mention_id"].to_numpy()).to_numpy(
                        dtype=object
                    ),
                    "type": own["type"].to_numpy(dtype=object),
                    "token": own_tok,
                }
            )
        )
    person_tokens = pd.concat(frames, ignore_index=True).drop_duplicates(ignore_index=True)
    side = Side(
        entity=variants["entity_id"].to_numpy(dtype=object),
        filters={k: v[0] for k, v in encoded.items()},
        present={k: v[1] for k, v in encoded.items()},
        person_tokens=person_tokens,
        fields={
            s.name: field_masks(variants, s.fields) for s in settings.segments if len(s.fields) > 1
        },
    )
    return side, id_tokens


def bundle_side(bundle: Bundle) -> Side:
    """A partner's bundle as a side: its encodings and the tokens its persons link to."""
    persons = bundle.persons
    settings = bundle.settings
    node_type = pd.Series(bundle.nodes["type"].to_numpy(), index=bundle.nodes["node_id"].to_numpy())
    links = bundle.links
    src = links["src"].to_numpy(dtype=object)
    dst = links["dst"].to_numpy(dtype=object)
    p_side = np.concatenate([src, dst])
    i_side = np.concatenate([dst, src])
    p_type = node_type.reindex(p_side).to_numpy(dtype=object)
    i_type = node_type.reindex(i_side).to_numpy(dtype=object)
    keep = (p_type == "person") & pd.notna(i_type) & (i_type != "person")
    person_tokens = pd.DataFrame(
        {"entity": p_side[keep], "type": i_type[keep], "token": i_side[keep]}
    ).drop_duplicates(ignore_index=True)
    return Side(
        entity=persons["pid"].to_numpy(dtype=object),
        filters={s.name: bundle.filters(s.name) for s in settings.segments},
        present={s.name: persons[f"has_{s.name}"].to_numpy(bool) for s in settings.segments},
        person_tokens=person_tokens,
        fields={
            s.name: persons[f"fields_{s.name}"].to_numpy(np.int64)
            for s in settings.segments
            if f"fields_{s.name}" in persons
        },
    )


def identifier_tokens(case: Case, secret: Secret) -> pd.DataFrame:
    """The case's identifier mentions with a value (:func:`identifier_values`) and the
    ``token`` each has in a bundle."""
    idv = identifier_values(case)
    idv = idv[idv["canonical"] != ""].reset_index(drop=True)
    tok = np.empty(len(idv), dtype=object)
    for kind in idv["type"].unique():
        sel = (idv["type"] == kind).to_numpy()
        tok[sel] = tokens(secret, kind, idv.loc[sel, "canonical"].to_numpy(dtype=object))
    return idv.assign(token=tok)
