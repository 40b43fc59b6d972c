"""Victim protection: entities marked as victims are shown by a stable pseudonym by default.

A pseudonym is keyed: HMAC-SHA-256 of the entity id under the case's own secret (256 random
bits, ``pseudonym.key`` in the case folder, see :func:`case_key`). The same case always gives
the same pseudonyms; another case, even one built from the same files, gives others; and
nobody holding only the exports (which carry ids, sources and rows, never the key) can
recompute which entity a pseudonym stands for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import logging
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from linkgraph._frame_memo import FrameMemo
from linkgraph.schema import canonical_role

if TYPE_CHECKING:
    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case
    from linkgraph.protection_cache import Protection


def is_victim(role: object) -> bool:
    """Whether a ``role`` value (";"-joined roles from the data) marks a victim.

    Roles are normalised at ingest; spellings in other languages are recognised here too, so
    a case built by other means still protects its victims.

    Examples:
        >>> is_victim("suspect;victim"), is_victim("Geschädigte"), is_victim("recruiter")
        (True, True, False)
        >>> is_victim(None)
        False

        A role the data denies is none ("not a victim", "kein Opfer", "no es víctima");
        one it qualifies stays (``linkgraph.schema.NEGATIONS``):

        >>> is_victim("kein Opfer"), is_victim("no es víctima"), is_victim("former victim")
        (False, False, True)
    """
    if not isinstance(role, str):
        return False
    canonical = canonical_role(role)
    return canonical is not None and "victim" in canonical.split(";")


log = logging.getLogger(__name__)

#: The file in a case folder that holds the case's pseudonym key (hex, one line). It is
#: never written into a manifest, export, map, report or shared bundle.
KEY_FILE = "pseudonym.key"
KEY_BYTES = 32


def new_key() -> bytes:
    """A fresh pseudonym key: 256 bits from :mod:`secrets`."""
    return secrets.token_bytes(KEY_BYTES)


_SESSION_KEY: list[bytes] = []


def session_key() -> bytes:
    """A key for this Python session only: for outputs made without a case (a bare graph).

    Pseudonyms under it are the same within the session and differ in the next.
    """
    if not _SESSION_KEY:
        _SESSION_KEY.append(new_key())
    return _SESSION_KEY[0]


def pseudonym(entity_id: str, key: bytes) -> str:
    """The pseudonym shown for a victim: ``Victim-`` + 6 hex digits of
    HMAC-SHA-256(``key``, entity id).

    ``key`` is the case's :attr:`~linkgraph.model.Case.pseudonym_key`: the same case gives
    the same pseudonym every run, and without the key it cannot be recomputed.

    Examples:
        >>> pseudonym("e:ana", b"k" * 32)
        'Victim-5d4af9'
        >>> pseudonym("e:ana", b"k" * 32) == pseudonym("e:ana", b"j" * 32)
        False
    """
    if not isinstance(key, bytes | bytearray) or len(key) < 8:
        raise ValueError("a pseudonym key of at least 64 bits is required (Case.pseudonym_key)")
    digest = hmac.new(bytes(key), _pseudonym_seed(str(entity_id)).encode("utf-8"), hashlib.sha256)
    return "Victim-" + digest.hexdigest()[:6]


#: The id of an identifier a victim holds (:mod:`linkgraph.resolve.victim_ids`): a part
#: that fixes where it sorts, then the part keyed on its value.
_KEYED_ID = re.compile(r"e:[0-9a-f]{8}-([0-9a-f]{16})")


def _pseudonym_seed(entity_id: str) -> str:
    """What a pseudonym is keyed on: the entity id, or of a victim's identifier its keyed
    part alone (``"e:"`` + it), which stays when a corrected file moves her rows.

    Examples:
        >>> _pseudonym_seed("e:0123abcd-00112233445566ff")
        'e:00112233445566ff'
        >>> _pseudonym_seed("e:ana")
        'e:ana'
    """
    keyed = _KEYED_ID.fullmatch(entity_id)
    return "e:" + keyed.group(1) if keyed else entity_id


def read_key(folder: str | os.PathLike[str]) -> bytes | None:
    """The pseudonym key stored in the case folder ``folder``, or None when it has none."""
    file = Path(folder) / KEY_FILE
    if file.is_symlink() or not file.is_file():
        return None
    try:
        key = bytes.fromhex(file.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    return key if len(key) >= 8 else None


def write_key(folder: str | os.PathLike[str], key: bytes) -> None:
    """Write ``key`` into ``folder`` as :data:`KEY_FILE` (readable by its owner only)."""
    file = Path(folder) / KEY_FILE
    file.unlink(missing_ok=True)  # never write through a link copied into the folder
    _write_key_file(file, key)


def _write_key_file(file: Path, key: bytes) -> None:
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(bytes(key).hex() + "\n")


def case_key(folder: str | os.PathLike[str]) -> bytes:
    """The pseudonym key of the case folder ``folder``, created there when it has none.

    Cases written before keys existed get theirs on first read; two commands reading such
    a case at once agree on one key (it is created with a hard link, which fails when the
    other got there first). A folder that cannot be written to gets a key for this run
    only, and a warning: its pseudonyms then change from run to run until it is written.
    """
    folder = Path(folder)
    key = read_key(folder)
    if key is not None:
        return key
    key = new_key()
    tmp = folder / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    try:
        _write_key_file(tmp, key)
        try:
            os.link(tmp, folder / KEY_FILE)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        log.warning(
            "%s has no pseudonym key and none can be stored (%s): victims' pseudonyms "
            "will differ from run to run until the case is written again",
            folder,
            exc,
        )
        return key
    stored = read_key(folder)
    return stored if stored is not None else key


#: Entity types that point at one person: a phone, e-mail, account, document, address,
#: vehicle (its plate), online id (an ad, a profile) or image (her photo) a victim holds
#: or uses reaches her as surely as her name does.
IDENTIFYING_TYPES = frozenset(
    {"phone", "email", "account", "document", "address", "vehicle", "ad", "image"}
)


def holds(kinds: pd.Series) -> np.ndarray:
    """Which of the link ``kinds`` tie a holder to an identifier as hers: the kinds of
    :data:`~linkgraph.schema.HOLDING_KINDS`, and kinds linkgraph does not know (a graph
    file's "has number"): protection errs on the victim's side. A known kind that is no
    holding (``contacted``: the number she called is the other party's) is not.

    Examples:
        >>> import pandas as pd
        >>> holds(pd.Series(["uses_phone", "contacted", "has_number", "lives_at"])).tolist()
        [True, False, True, True]
    """
    from linkgraph.schema import HOLDING_KINDS, LINK_KINDS

    codes, names = pd.factorize(kinds.astype(str))
    flags = [k in HOLDING_KINDS or k not in LINK_KINDS for k in names] + [True]  # -1: none
    return np.asarray(flags, dtype=bool)[codes]


def protected_entities(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    spellings: Mapping[str, Iterable[str]] | None = None,
) -> pd.Series:
    """Which entities an output must not name: victims, identifiers victims hold or
    use, their namesakes on those and their relatives with no role of their own.

    ``nodes`` is indexed by entity id with ``type`` and ``role``; ``edges`` has ``src``,
    ``dst`` and, when known, ``kind``. An identifier (see :data:`IDENTIFYING_TYPES`) is
    protected when a victim holds or uses it (:func:`holds`; every link does when edges
    have no ``kind``), even when people who are not victims use it too: a number she
    uses reaches her, whoever else's phone book lists it. It is protected too when it
    is linked to at least one victim and to no person or organisation who is not one. A
    person who is no victim but whose every name word is one of a victim's (or an initial
    or diminutive of one), and who holds or uses an identifier she holds
    (:func:`_victims_namesakes`: "Blessing", "Daria K", "S. Marin" or her diminutive
    "Sveta" on the phone of the victim), is protected too; so is a person linked
    ``family`` to a victim who has no role of their own (:func:`_victims_relatives`).
    ``spellings`` (victim entity id -> the names her mentions were written with, see
    :func:`victim_spellings`) widens her name beyond her label. Only the value is hidden:
    the entity and its links stay in every output.

    Examples:
        >>> import pandas as pd
        >>> nodes = pd.DataFrame({"type": ["person", "phone", "person", "phone", "phone"],
        ...                       "role": ["victim", None, "suspect", None, None]},
        ...                      index=["e:v", "e:p1", "e:s", "e:p2", "e:p3"])
        >>> edges = pd.DataFrame({"src": ["e:v", "e:s", "e:v", "e:s", "e:v"],
        ...                       "dst": ["e:p1", "e:p2", "e:p2", "e:p3", "e:p3"],
        ...                       "kind": ["uses_phone", "uses_phone", "uses_phone",
        ...                                "uses_phone", "contacted"]})
        >>> protected_entities(nodes, edges).tolist()  # p3: she only called it
        [True, True, False, True, False]
    """
    held = _PROTECTED.get((nodes, edges, spellings))  # tables are never changed in place
    if held is not None:
        return held.copy()
    answer = _protected_entities(nodes, edges, spellings or {})
    _PROTECTED.put((nodes, edges, spellings), answer)
    return answer.copy()


#: The last few answers of :func:`protected_entities`, by the very tables asked about: one
#: command asks about the same graph from the map, the report and the labels.
_PROTECTED: FrameMemo[pd.Series] = FrameMemo(4)


def _protected_entities(
    nodes: pd.DataFrame, edges: pd.DataFrame, spellings: Mapping[str, Iterable[str]]
) -> pd.Series:
    # is_victim once per distinct role (a few dozen), not per entity (14 s at 2.5M)
    codes, roles = pd.factorize(nodes["role"])
    flags = np.asarray([is_victim(r) for r in roles] + [False], dtype=bool)  # -1: no role
    victim = pd.Series(flags[codes], index=nodes.index, name="role")
    if not victim.any() or edges.empty:
        return victim
    ends = _identifier_ends(nodes, edges)
    by_victim = victim.reindex(ends["b"]).to_numpy(dtype=bool)
    seen = pd.DataFrame({
        "a": ends["a"].to_numpy(),
        "victim": by_victim,
        "held": by_victim & holds(ends["kind"]),
    })  # fmt: skip
    grouped = seen.groupby("a").agg(any=("victim", "any"), all=("victim", "all"),
                                    held=("held", "any"))  # fmt: skip
    hers = (grouped["any"] & grouped["all"]) | grouped["held"]
    hidden = grouped.index[hers.to_numpy(dtype=bool)]
    hidden = hidden.append(pd.Index(_victims_namesakes(nodes, ends, victim, spellings)))
    hidden = hidden.append(pd.Index(_victims_relatives(nodes, edges, victim)))
    hidden = hidden.append(pd.Index(contacts_of_hidden_ads(nodes, edges, hidden)))
    hidden = hidden.append(pd.Index(_images_of_hidden(nodes, edges, hidden)))
    # pandas hashes; np.isin compares every id with each of a few thousand (minutes at 1M)
    return victim | pd.Series(nodes.index.isin(hidden), index=nodes.index)


def _images_of_hidden(nodes: pd.DataFrame, edges: pd.DataFrame, hidden: pd.Index) -> list[str]:
    """The images linked to a protected ad or profile (``hidden``): the photos of a
    victim's ad show her as surely as the ad names her, whoever else's ad shows them.

    Examples:
        >>> nodes = pd.DataFrame({"type": ["ad", "image", "ad", "image"]},
        ...                      index=["e:ad1", "e:img1", "e:ad2", "e:img2"])
        >>> edges = pd.DataFrame({"src": ["e:ad1", "e:ad2", "e:ad2"],
        ...                       "dst": ["e:img1", "e:img1", "e:img2"],
        ...                       "kind": ["shows_image"] * 3})
        >>> _images_of_hidden(nodes, edges, pd.Index(["e:ad1"]))
        ['e:img1']
    """
    types = nodes["type"].astype(str)
    images = types.index[types.eq("image").to_numpy()]
    if images.empty or hidden.empty:
        return []
    src, dst = edges["src"].astype(str), edges["dst"].astype(str)
    held = hidden[types.reindex(hidden).isin(list(IDENTIFYING_TYPES)).to_numpy()]
    found = pd.concat(
        [dst[src.isin(held) & dst.isin(images)], src[dst.isin(held) & src.isin(images)]]
    )
    return sorted(set(found))


def contacts_of_hidden_ads(
    nodes: pd.DataFrame, edges: pd.DataFrame, hidden: pd.Index | Iterable[str]
) -> list[str]:
    """The identifiers (phones, e-mails, accounts, images, ...: :data:`IDENTIFYING_TYPES`
    but ads) that a protected ad (of ``hidden``) gives as its contact or shows, by a
    holding link (``ad_contact``, ``shows_image``, ``posted_ad``: :func:`holds`): the
    number of a victim's ad reaches her as surely as the ad does, though no record ties
    it to her. Left shown: an identifier that a person or organisation with a role of
    its own other than victim (a suspect), not protected, holds or uses directly (his
    ``uses_phone``), as his; a person with no role does not keep it shown (she may be
    the victim herself, not resolved yet).

    Examples:
        >>> nodes = pd.DataFrame({"type": ["ad", "phone", "phone", "person", "email"],
        ...                       "role": [None, None, None, "suspect", None]},
        ...                      index=["e:ad1", "e:p1", "e:p2", "e:s", "e:m1"])
        >>> edges = pd.DataFrame({"src": ["e:ad1", "e:ad1", "e:ad1", "e:s"],
        ...                       "dst": ["e:p1", "e:p2", "e:m1", "e:p2"],
        ...                       "kind": ["ad_contact", "ad_contact", "ad_contact",
        ...                                "uses_phone"]})
        >>> contacts_of_hidden_ads(nodes, edges, ["e:ad1"])  # p2: the suspect's own
        ['e:m1', 'e:p1']
    """
    hidden = pd.Index(list(hidden)).astype(str)
    types = nodes["type"].astype(str)
    ads = hidden[types.reindex(hidden).eq("ad").to_numpy()]
    if ads.empty or edges.empty:
        return []
    src, dst = edges["src"].astype(str), edges["dst"].astype(str)
    kind = edges["kind"] if "kind" in edges.columns else pd.Series("", index=edges.index)
    held = holds(kind)
    found = pd.concat([dst[src.isin(ads).to_numpy() & held],
                       src[dst.isin(ads).to_numpy() & held]])  # fmt: skip
    ident = types.reindex(found).isin(list(IDENTIFYING_TYPES - {"ad"})).to_numpy()
    found = pd.Index(found[ident].unique()).difference(hidden)
    if found.empty:
        return []
    codes, roles = pd.factorize(nodes["role"])
    other = np.asarray([not is_victim(r) and bool(str(r).strip()) for r in roles] + [False])
    owner = pd.Series(other[codes], index=nodes.index) & ~nodes.index.isin(hidden)
    ends = _identifier_ends(nodes, edges)
    ends = ends[ends["a"].isin(found).to_numpy() & holds(ends["kind"])]
    own = set(ends["a"][owner.reindex(ends["b"]).to_numpy(dtype=bool)].astype(str))
    return sorted(set(found) - own)


def _victims_relatives(nodes: pd.DataFrame, edges: pd.DataFrame, victim: pd.Series) -> list[str]:
    """The persons linked ``family`` to a victim who have no role of their own (her mother
    in a hotline report's victim object): shown by name, "Halyna Kravets, family of
    Victim-xxxxxx" would say whose family the pseudonym is. A relative an agency gave a
    role (a suspect) is shown as that person.

    Examples:
        >>> nodes = pd.DataFrame({"type": ["person"] * 4,
        ...                       "role": ["victim", None, "suspect", None]},
        ...                      index=["e:v", "e:mother", "e:uncle", "e:friend"])
        >>> edges = pd.DataFrame({"src": ["e:mother", "e:v", "e:friend"],
        ...                       "dst": ["e:v", "e:uncle", "e:v"],
        ...                       "kind": ["family", "family", "associate"]})
        >>> _victims_relatives(nodes, edges, pd.Series([True, False, False, False],
        ...                    index=nodes.index))
        ['e:mother']
    """
    if "kind" not in edges.columns:
        return []
    family = edges[edges["kind"].astype("string").eq("family").fillna(False).to_numpy(bool)]
    if family.empty:
        return []
    src, dst = family["src"].astype(str), family["dst"].astype(str)
    src_v = victim.reindex(src).fillna(False).to_numpy(dtype=bool)
    dst_v = victim.reindex(dst).fillna(False).to_numpy(dtype=bool)
    others = pd.Index(pd.concat([dst[src_v & ~dst_v], src[dst_v & ~src_v]]).unique())
    if others.empty:
        return []
    kind = nodes["type"].astype("string").reindex(others).fillna("")
    role = (
        nodes["role"].astype("string").reindex(others).fillna("").str.strip()
        if "role" in nodes.columns
        else pd.Series("", index=others)
    )
    keep = kind.eq("person").to_numpy(dtype=bool) & role.eq("").to_numpy(dtype=bool)
    return sorted(others[keep])


def _victims_namesakes(
    nodes: pd.DataFrame,
    ends: pd.DataFrame,
    victim: pd.Series,
    spellings: Mapping[str, Iterable[str]],
) -> list[str]:
    """The persons who are no victim but may be one under a shorter name: each word of
    their label is a word of a victim who holds an identifier they hold too, or an
    initial of one, or a diminutive of one ("Blessing", "Daria K", "S. Marin", "Sveta":
    contacts on the victim's own phone, left apart by resolution), and who have no role
    of their own (a suspect is shown as one). Her words are those of her label and of
    every spelling in ``spellings``. Shown by pseudonym: her name beside her
    pseudonymised phone would tell who the pseudonym is (protection errs on the victim's side)."""
    held = ends[holds(ends["kind"])]
    by_victim = victim.reindex(held["b"]).to_numpy(dtype=bool)
    # A person an agency gave another role (a suspect, a witness) is that person, not
    # the victim under a shorter name: an arrested mother "Maria" on the family phone of
    # her victim daughter "Maria Rossi" is shown as herself.
    roles = nodes["role"].astype("string").fillna("").str.strip() if "role" in nodes else None
    unroled = (
        roles.reindex(held["b"]).fillna("").eq("").to_numpy()
        if roles is not None
        else np.ones(len(held), dtype=bool)
    )
    person = nodes["type"].astype(str).reindex(held["b"]).eq("person").to_numpy() & unroled
    pairs = held[~by_victim & person].merge(held[by_victim], on="a", suffixes=("", "_victim"))
    if pairs.empty or "label" not in nodes.columns:
        return []
    labels = nodes["label"].astype("string").fillna("").astype(str)
    others = {e: name_keys(labels.get(e, "")) for e in pd.unique(pairs["b"])}
    hers = {
        e: name_keys(labels.get(e, ""), *spellings.get(e, ()))
        for e in pd.unique(pairs["b_victim"])
    }  # fmt: skip
    return sorted({
        other for other, her in zip(pairs["b"], pairs["b_victim"], strict=True)
        if others[other] and within_name(others[other], hers[her])
    })  # fmt: skip


def name_keys(*names: str) -> frozenset[str]:
    """The words of ``names`` as compared across scripts and transliterations: folded to
    Latin, then ``y``/``j`` read as ``i``, ``w`` as ``v``, ``kh`` as ``h`` and doubled
    letters once ("Дарья", "Darya", "Dariya" and "Daria" give one word).

    Examples:
        >>> sorted(name_keys("Дарья К.", "Svetlana  MARIN"))
        ['daria', 'k', 'marin', 'svetlana']
    """
    from linkgraph.text import fold

    return frozenset(_loose(word) for name in names for word in fold(str(name)).split())


def _loose(word: str) -> str:
    word = word.replace("kh", "h").replace("y", "i").replace("j", "i").replace("w", "v")
    return _DOUBLED.sub(r"\1", word)


_DOUBLED = re.compile(r"(.)\1+")


def within_name(words: frozenset[str], hers: frozenset[str]) -> bool:
    """Whether every word of ``words`` (:func:`name_keys`) is one of ``hers``, or, when it
    is one letter, the initial of one of hers, or a diminutive or nickname of one of hers
    by the resolver's nickname table ("Sveta" of "Svetlana", "Lena" of "Olena").

    Examples:
        >>> her = name_keys("Svetlana Marin")
        >>> within_name(name_keys("S. Marin"), her), within_name(name_keys("Svetlana M"), her)
        (True, True)
        >>> within_name(name_keys("Svetlana K"), her), within_name(name_keys("Ion Marin"), her)
        (False, False)
        >>> within_name(name_keys("Sveta"), her), within_name(name_keys("Sveta M."), her)
        (True, True)
    """
    initials = {w[0] for w in hers if w}
    given = {_given_form(w) for w in hers}
    return all(
        w in hers or (len(w) == 1 and w in initials) or _is_nickname_of(w, given) for w in words
    )


def _given_form(word: str) -> str:
    """The canonical given name of a :func:`name_keys` word by the resolver's nickname
    table (:data:`~linkgraph.resolve.nicknames.NICKNAMES`, keyed the same loose way):
    "sveta" and "svetlana" give one form; a word not in the table is itself."""
    return _loose_nicknames().get(word, word)


def _is_nickname_of(word: str, given: set[str]) -> bool:
    """Whether ``word`` is a diminutive, nickname or variant of a name whose canonical
    form (:func:`_given_form`) is in ``given`` (one letter never is)."""
    return len(word) > 1 and _given_form(word) in given


_LOOSE_NICKNAMES: list[dict[str, str]] = []


def _loose_nicknames() -> dict[str, str]:
    """The nickname table with variants and canonical forms spelled as :func:`name_keys`
    spells words (built once)."""
    if not _LOOSE_NICKNAMES:
        from linkgraph.resolve.nicknames import NICKNAMES

        table: dict[str, str] = {}
        for variant, canon in NICKNAMES.items():
            table.setdefault(_loose(variant), _loose(canon))
        _LOOSE_NICKNAMES.append(table)
    return _LOOSE_NICKNAMES[0]


def _identifier_ends(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """The links between an identifier (``a``) and a person or organisation (``b``),
    either way round, with their ``kind`` ("" when the edges have none)."""
    kind = edges["kind"] if "kind" in edges.columns else pd.Series("", index=edges.index)
    both = pd.DataFrame({"src": edges["src"], "dst": edges["dst"], "kind": kind})
    ends = pd.concat(
        [both.set_axis(["a", "b", "kind"], axis=1),
         both[["dst", "src", "kind"]].set_axis(["a", "b", "kind"], axis=1)],
        ignore_index=True,
    )  # fmt: skip
    ends = ends[ends["a"].isin(nodes.index) & ends["b"].isin(nodes.index)]
    ends = ends[nodes["type"].reindex(ends["a"]).isin(IDENTIFYING_TYPES).to_numpy()]
    actor = nodes["type"].isin(["person", "organisation", "organization"])
    return ends[actor.reindex(ends["b"]).to_numpy(dtype=bool)]


def protect_victims(graph: EntityGraph, key: bytes) -> EntityGraph:
    """The same graph with every victim's label, and the label of every identifier a
    victim holds or uses, replaced by a pseudonym (see :func:`protected_entities`).

    For any output that prints labels (terminal tables, CSVs); maps and reports apply the
    same rule themselves.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> g = toy_graph()
        >>> protect_victims(g, b"k" * 32).nodes["label"].equals(g.nodes["label"])  # no victims
        True
    """
    hidden = protected_entities(graph.nodes, graph.edges)
    if not hidden.any():
        return graph
    nodes = graph.nodes.copy()
    nodes["label"] = protected_labels(nodes, hidden, key)
    return dataclasses.replace(graph, nodes=nodes)


def protected_labels(nodes: pd.DataFrame, hidden: pd.Series, key: bytes) -> pd.Series:
    """``nodes["label"]`` with each entity in ``hidden`` shown by its pseudonym: a person
    as ``Victim-xxxxxx``, an identifier as ``Victim-xxxxxx (phone)``.

    ``nodes`` is indexed by entity id with ``type`` and ``label``; ``hidden`` is a boolean
    Series or array in the same order (e.g. :func:`protected_entities`).
    """
    mask = np.asarray(hidden, dtype=bool)
    labels = nodes["label"].copy()
    if not mask.any():
        return labels
    types = nodes["type"].astype(str).to_numpy()
    ids = nodes.index.astype(str)
    labels.iloc[np.flatnonzero(mask)] = [
        pseudonym(i, key) if t == "person" else f"{pseudonym(i, key)} ({t})"
        for i, t in zip(ids[mask], types[mask], strict=True)
    ]
    return labels


def protected_in(graph: EntityGraph, case: Case | None = None) -> np.ndarray:
    """Which entities of ``graph`` (in vertex order) an output must not name: those of
    :func:`protected_entities` on ``graph``, and, given the ``case`` that ``graph`` is a
    view of (a window, an ego network), those protected in the case's whole graph; without
    ``case``, the case ``graph`` was built from (``graph.case``), when known."""
    case = case if case is not None else graph.case
    hidden = protected_entities(graph.nodes, graph.edges).to_numpy(dtype=bool)
    if case is not None:
        hidden = hidden | graph.entity_ids.astype(str).isin(list(protected_ids(case)))
    return hidden


def protected_ids(case: Case) -> set[str]:
    """The entity ids of ``case`` that outputs must not name, on the case's whole entity
    graph: those of :func:`protected_entities`, the persons resolution scored as a
    plausible match to a victim but did not merge with her (:func:`possible_victims`)
    with the identifiers they hold or use, and the identifiers written beside a
    victim's name (:func:`_named_beside_victims`). In a case not resolved yet (one entity
    per mention), the rules apply with the identifier mentions of one value taken as one,
    and a person with a victim's very name is a possible victim
    (:mod:`linkgraph.unresolved_protection`)."""
    return set(_protection(case).ids)


def _protection(case: Case) -> Protection:
    """Whom outputs of ``case`` protect: remembered in this process, else kept beside the
    case by an earlier command (:mod:`linkgraph.protection_cache`), else computed from
    the whole case (and kept)."""
    from linkgraph.protection_cache import Protection, read_protected, write_protected

    frames = _protection_frames(case)
    held = _PROTECTION.get(frames)
    if held is None:
        held = read_protected(case)  # kept beside the case by an earlier command
    if held is None:
        # Whom to protect, not a result: a command that shows entities warns of an
        # unresolved case itself; `rejects` and `mentions` do not depend on resolution.
        from linkgraph.graph_cache import case_graph  # igraph: only when computed here

        case = _with_graph_tables(case)
        possible = _possible_victims(case)
        graph = case_graph(case, warn_unresolved=False)
        if case.resolution is None:  # before resolution her namesake may be she
            from linkgraph.unresolved_protection import same_name_possible_victims

            possible = {**same_name_possible_victims(case, graph.nodes), **possible}
        held = Protection(frozenset(_whole_case_protected_ids(case, graph, possible)), possible)
        write_protected(case, held)
    _PROTECTION.put(frames, held)
    return held


def _with_graph_tables(case: Case) -> Case:
    """``case``, or the same version of it read again from its folder when a command read
    it without what its entity graph is built from (``decide`` reads no resolution and a
    few mention columns): whom to protect is found on the whole case's graph."""
    from linkgraph.errors import CaseError
    from linkgraph.metrics.case_columns import (
        ANALYZE_COLUMNS,
        GRAPH_LINK_COLUMNS,
        GRAPH_MENTION_COLUMNS,
        read_for_analysis,
    )

    origin = case.origin
    if origin is None or not origin.partial & {"mentions", "links", "resolution"}:
        return case
    folder = Path(origin.path)
    complete = (
        set(GRAPH_MENTION_COLUMNS) <= set(case.mentions.columns)
        and set(GRAPH_LINK_COLUMNS) <= set(case.links.columns)
        and (case.resolution is not None or not (folder / "resolution.parquet").is_file())
    )
    if complete:
        return case
    # the decisions whole: a cannot_link makes no possible victim
    wanted = {name: cols for name, cols in ANALYZE_COLUMNS.items() if name != "decisions"}
    whole = read_for_analysis(folder, wanted)
    if whole.origin is None or whole.origin.digest != origin.digest:
        raise CaseError(
            f"{folder} changed while it was read (another command wrote it)",
            hint="run the command again",
        )
    return whole


def _protection_frames(case: Case) -> tuple[object, ...]:
    """The tables :func:`protected_ids` depends on, to remember its answer by."""
    return (case.mentions, case.links, case.resolution, case.evidence, case.decisions)


def remember_protection(case: Case, held: Protection) -> None:
    """Let :func:`protected_ids` and :func:`possible_victims` of ``case`` answer ``held``:
    those of the case it was made from (a copy of a case redacted for an output protects
    whom the case protects)."""
    _PROTECTION.put(_protection_frames(case), held)


def known_protection(case: Case) -> Protection | None:
    """Whom outputs of ``case`` protect, if this process has it at hand, else None."""
    return _PROTECTION.get(_protection_frames(case))


def _whole_case_protected_ids(
    case: Case, graph: EntityGraph, possible: Mapping[str, str]
) -> set[str]:
    """:func:`protected_ids` of ``case``, computed from its whole entity ``graph`` and its
    ``possible`` victims (:func:`_possible_victims`)."""
    nodes = _with_possible_victims(graph.nodes, possible)
    spellings = victim_spellings(case, nodes)
    hidden = protected_entities(nodes, graph.edges, spellings).to_numpy(dtype=bool)
    ids = set(graph.entity_ids[hidden].astype(str))
    if case.resolution is None:  # one entity per mention: her phone in a CDR is another
        from linkgraph.unresolved_protection import same_identifier_protected

        ids |= same_identifier_protected(case, nodes, graph.edges, spellings)
    ids |= _named_beside_victims(case, nodes, ids)
    # an ad protected only now (her name beside it): its contact and images too
    ids |= set(contacts_of_hidden_ads(nodes, graph.edges, ids))
    ids |= set(_images_of_hidden(nodes, graph.edges, pd.Index(sorted(ids))))
    return ids


#: The last few answers of :func:`_protection`, by the very tables they were made from
_PROTECTION: FrameMemo[Protection] = FrameMemo(4)

#: The lower edge of the review band: a person pair scored at least this likely one
#: person ("as likely as not"; a pair on names alone scores at most this under the
#: weak-name cap) but left apart is a plausible match. When one side is a victim, the
#: other is protected as a possible victim (:func:`possible_victims`).
POSSIBLE_VICTIM_PROBABILITY = 0.5

#: The role :func:`protected_ids` gives a possible victim: the rules of
#: :func:`protected_entities` (her identifiers, her namesakes) then apply to her.
POSSIBLE_VICTIM_ROLE = "victim"


def possible_victims(case: Case) -> dict[str, str]:
    """Entity id -> why it is protected as a possible victim (:func:`_possible_victims`),
    found with the ids :func:`protected_ids` answers and kept with them."""
    return dict(_protection(case).possible)


def _possible_victims(case: Case) -> dict[str, str]:
    """Entity id -> why it is protected as a possible victim: each person entity that
    resolution scored as a plausible match to a victim (a person pair of the case's
    evidence with a match probability of :data:`POSSIBLE_VICTIM_PROBABILITY` or more)
    but did not merge with her, and that has no role of its own (a suspect is shown as
    one), and whose given and family names both agree with hers, at least loosely
    (:func:`_names_agree`). A pair an analyst decided is two people (cannot_link), or that
    resolution capped as two people (:func:`_capped_as_two_people`), makes none. Read from
    the case's resolution and evidence tables; resolution is not run again."""
    pairs = _victim_near_matches(case)
    if pairs.empty:
        return {}
    key = case.pseudonym_key
    best = pairs.sort_values("match_probability", ascending=False, kind="mergesort")
    best = best.drop_duplicates("other_entity")
    return {
        str(row.other_entity): (
            f"resolution scored its mention {row.other} a match to {row.victim} of victim"
            f" {pseudonym(str(row.victim_entity), key)} with probability"
            f" {float(row.match_probability):.2f} (the review band starts at"
            f" {POSSIBLE_VICTIM_PROBABILITY:g}) and did not merge them; record"
            f" `linkgraph decide CASE {row.other} {row.victim} cannot_link` and resolve"
            " again if they are two people"
        )
        for row in best.itertuples(index=False)
    }


#: The columns of :func:`_victim_near_matches`
_NEAR_MATCH_COLUMNS = ["victim", "other", "victim_entity", "other_entity", "match_probability"]


def _victim_near_matches(case: Case) -> pd.DataFrame:
    """Person pairs in or above the review band between a mention of a victim entity and
    one of another person entity with no role: those of the evidence
    (:func:`_scored_victim_matches`) and those resolution never scored
    (:func:`_unscored_victim_matches`). Columns ``victim``, ``other`` (mention ids),
    ``victim_entity``, ``other_entity``, ``match_probability``."""
    if case.resolution is None:
        return pd.DataFrame(columns=_NEAR_MATCH_COLUMNS)
    roles = _person_roles(case)
    if not len(roles[0]):  # no victim: nobody is near one (the evidence is not read)
        return pd.DataFrame(columns=_NEAR_MATCH_COLUMNS)
    ev = _evidence(case)
    found = _scored_victim_matches(case, ev, *roles)
    unscored = _unscored_victim_matches(case, ev, *roles)
    return pd.concat([found, unscored], ignore_index=True) if len(unscored) else found


def _scored_victim_matches(
    case: Case, ev: pd.DataFrame | None, victims: pd.Index, roled: pd.Index, persons: pd.Index
) -> pd.DataFrame:
    """The evidence's pairs of :func:`_victim_near_matches`: scored at least
    :data:`POSSIBLE_VICTIM_PROBABILITY`, not decided or capped as two people, both names
    agreeing."""
    if ev is None or ev.empty:
        return pd.DataFrame(columns=_NEAR_MATCH_COLUMNS)
    person = ev["type"].astype(str).eq("person") if "type" in ev else True
    ev = ev[
        person
        & ev["match_probability"].ge(POSSIBLE_VICTIM_PROBABILITY).fillna(False).to_numpy(bool)
        & ~ev["decision"].astype(str).eq("cannot_link").to_numpy(dtype=bool)
        & ~_capped_as_two_people(ev)
    ]
    if ev.empty:
        return pd.DataFrame(columns=_NEAR_MATCH_COLUMNS)
    entity = case.resolution.set_index("mention_id")["entity_id"].astype(str)
    left = entity.reindex(ev["left"].astype(str)).to_numpy()
    right = entity.reindex(ev["right"].astype(str)).to_numpy()
    # only the pairs with a victim on a side (a few of a CDR case's millions)
    near = (pd.Series(left).isin(victims) | pd.Series(right).isin(victims)).to_numpy(bool)
    ev, left, right = ev[near], left[near], right[near]
    both = pd.DataFrame({
        "victim": np.concatenate([ev["left"], ev["right"]]).astype(str),
        "other": np.concatenate([ev["right"], ev["left"]]).astype(str),
        "victim_entity": np.concatenate([left, right]),
        "other_entity": np.concatenate([right, left]),
        "match_probability": np.concatenate([ev["match_probability"]] * 2),
    })  # fmt: skip
    keep = (
        both["victim_entity"].isin(victims)
        & ~both["other_entity"].isin(roled)
        & both["other_entity"].isin(persons)
        & both["victim_entity"].ne(both["other_entity"])
    ).to_numpy(dtype=bool, copy=True)
    fields = np.concatenate([ev["fields"]] * 2) if "fields" in ev else np.full(len(both), None)
    keep[keep] = [_names_agree(f) for f in fields[keep]]  # the few pairs with a victim
    return both[keep].reset_index(drop=True)


#: At most this many pairs that blocking never proposed are compared when looking for
#: possible victims (:func:`_unscored_victim_matches`); beyond, the first by mention id.
UNSCORED_VICTIM_PAIRS = 200_000


def _unscored_victim_matches(
    case: Case, ev: pd.DataFrame | None, victims: pd.Index, roled: pd.Index, persons: pd.Index
) -> pd.DataFrame:
    """Plausible matches to a victim that resolution never scored: pairs of a victim's
    person mention and a mention of a person entity with no role that share a name word
    (of the label or its Latin transliteration, in either order: "MARIN HELENA" for "Elena
    Marin") and that no evidence row holds (blocking did not propose them, or they scored
    below the evidence's floor), compared now with the case's learnt model (cities
    aside). Kept as
    :func:`_victim_near_matches` keeps evidence pairs: a match probability of
    :data:`POSSIBLE_VICTIM_PROBABILITY` or more, both names agreeing, and no analyst's
    cannot_link on the pair. Empty when the case has no learnt model."""
    from linkgraph.redact import name_words
    from linkgraph.resolve.comparisons import COMPARISONS
    from linkgraph.resolve.explain import MODEL_KEY, rescore_pairs

    columns = _NEAR_MATCH_COLUMNS
    none = pd.DataFrame(columns=columns)
    if case.manifest.get(MODEL_KEY) is None or not len(victims):
        return none
    case = _with_person_columns(case)
    m = case.mentions
    entity = case.entity_of().reindex(m["mention_id"]).astype("string").fillna("")
    entity = entity.to_numpy(dtype=object)
    person = m["type"].astype(str).eq("person").to_numpy()
    is_victim = person & (pd.Index(victims).get_indexer(entity) >= 0)
    other = (
        person
        & ~is_victim
        & (pd.Index(persons).get_indexer(entity) >= 0)
        & (pd.Index(roled).get_indexer(entity) < 0)
    )
    if not is_victim.any() or not other.any():
        return none
    words = _mention_name_words(m, is_victim | other, name_words)
    theirs = words[is_victim[words["pos"].to_numpy()]]
    mine = words[other[words["pos"].to_numpy()] & words["word"].isin(theirs["word"])]
    ids = m["mention_id"].astype(str).to_numpy(dtype=object)
    names = _name_texts(m)
    kept = []
    # A few victims' mentions at a time: a common given name (Maria) pairs each of its
    # victims with every other person of it (3M pairs on a 3M-mention case).
    for part in _victim_parts(theirs, mine):
        pairs = part.merge(mine, on="word", suffixes=("_v", "_o"))
        pairs = pd.DataFrame({"victim": ids[pairs["pos_v"]], "other": ids[pairs["pos_o"]],
                              "victim_entity": entity[pairs["pos_v"]],
                              "other_entity": entity[pairs["pos_o"]],
                              "word": pairs["word"].to_numpy(dtype=object)}).drop_duplicates(
            ["victim", "other"])  # fmt: skip
        if len(pairs):
            kept.append(pairs[_names_alike(m, pairs, names) & ~_held_pairs(pairs, ev, case)])
    if not kept:
        return none
    pairs = pd.concat(kept, ignore_index=True)
    pairs = pairs.sort_values(["victim", "other"], kind="mergesort")
    pairs = pairs.head(UNSCORED_VICTIM_PAIRS).reset_index(drop=True)
    if pairs.empty:
        return none
    # Cities weigh nothing here: reading them through the gazetteer costs a second or
    # two of every command that shows a case, for a few bits on a pair of few mentions.
    scored = rescore_pairs(case, pairs["victim"].tolist(), pairs["other"].tolist(), blank=("city",))
    if scored is None:
        return none
    agree = np.ones(len(pairs), dtype=bool)
    for name in ("given_name", "family_name"):
        level = scored[f"{name}_level"].to_numpy() if f"{name}_level" in scored else None
        if level is None:
            return none
        agree &= (level > 0) & (level < len(COMPARISONS[name].labels) - 1)
    probability = scored["match_probability"].to_numpy(dtype=float)
    keep = agree & (probability >= POSSIBLE_VICTIM_PROBABILITY)
    return pairs.assign(match_probability=probability)[keep][columns].reset_index(drop=True)


#: Victim-other name pairs compared at a time by :func:`_unscored_victim_matches`.
_VICTIM_PAIRS_PER_PART = 250_000


def _victim_parts(theirs: pd.DataFrame, mine: pd.DataFrame) -> Iterator[pd.DataFrame]:
    """``theirs`` (victims' name words, ``pos`` and ``word``) in parts of whole victim
    mentions, in their order, each sharing words with about ``_VICTIM_PAIRS_PER_PART``
    rows of ``mine`` at most (one mention's rows stay together: their pairs are
    deduplicated together)."""
    per_row = theirs["word"].map(mine["word"].value_counts()).fillna(0).to_numpy(dtype=float)
    _, at = np.unique(theirs["pos"].to_numpy(), return_inverse=True)
    load = np.cumsum(np.bincount(at, weights=per_row))
    part = (np.concatenate([[0.0], load[:-1]]) // _VICTIM_PAIRS_PER_PART).astype(np.int64)[at]
    for k in np.unique(part):
        yield theirs[part == k]


def _with_person_columns(case: Case) -> Case:
    """``case`` with every mention column but the raw rows and attributes, read from its
    folder when a command read it narrowly (``analyze`` reads only what the graph needs):
    names, their transliterations and dates of birth, to find and compare persons."""
    import dataclasses

    from linkgraph.model import MENTIONS, read_rows

    if case.origin is None or "mentions" not in case.origin.partial:
        return case  # read whole (a column it lacks holds no value in the file)
    wanted = [c for c in MENTIONS.columns if c not in ("raw", "attrs")]
    file = Path(case.origin.path) / "mentions.parquet"
    try:
        full = read_rows(file, wanted, spec=MENTIONS)
    except (OSError, ValueError):
        return case
    if len(full) != len(case.mentions):  # not the folder this case was read from
        return case
    return dataclasses.replace(case, mentions=full)


def _mention_name_words(
    m: pd.DataFrame, wanted: np.ndarray, name_words: Callable[[str], list[str]]
) -> pd.DataFrame:
    """One row per (mention position ``pos``, folded ``word`` of two letters or more) of
    the mentions ``wanted``: the words of each label and of its Latin transliteration."""
    pos = np.flatnonzero(wanted)
    parts = []
    for column in ("label", "name_latin"):
        if column not in m.columns:
            continue
        text = m[column].to_numpy(dtype=object)[pos]
        codes, distinct = pd.factorize(pd.Series(text, dtype=object))
        per_text = [sorted({w for w in name_words(str(t)) if len(w) > 1}) for t in distinct]
        lists = pd.Series([per_text[c] if c >= 0 else [] for c in codes], index=pos, dtype=object)
        found = lists.explode().dropna()
        parts.append(pd.DataFrame({"pos": found.index.to_numpy(), "word": found.to_numpy()}))
    if not parts:
        return pd.DataFrame({"pos": np.empty(0, dtype=np.int64), "word": []})
    return pd.concat(parts, ignore_index=True).drop_duplicates()


#: The rest of two names that share a word, less alike than this (Jaro-Winkler of their
#: other words, sorted and joined), is not compared by :func:`_unscored_victim_matches`:
#: the other name could not agree (the comparison asks >= 0.8 of each name).
_ALIKE_REST = 0.7


def _name_texts(m: pd.DataFrame) -> tuple[pd.Series, dict[str, list[str]]]:
    """The Latin transliteration of each mention's label (or the label) by mention id, and
    the name words of each distinct one, for :func:`_names_alike`."""
    from linkgraph.redact import name_words

    text = m["label"].astype("string")
    if "name_latin" in m.columns:
        text = m["name_latin"].astype("string").fillna(text)
    by_id = pd.Series(text.fillna("").to_numpy(dtype=object), index=m["mention_id"].astype(str))
    by_id = by_id[~by_id.index.duplicated()]
    return by_id, {t: name_words(t) for t in pd.unique(by_id.to_numpy(dtype=object))}


def _names_alike(
    m: pd.DataFrame,
    pairs: pd.DataFrame,
    names: tuple[pd.Series, dict[str, list[str]]] | None = None,
) -> np.ndarray:
    """Which ``pairs`` (victim, other mention ids, and the ``word`` they share) have the
    rest of their names alike enough to be compared: the words of the Latin
    transliteration of each side's label but the shared one, in alphabetical order.
    ``names``: :func:`_name_texts` of ``m``, when already made."""
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.process import cpdist

    by_id, words = _name_texts(m) if names is None else names

    def rest(ids: pd.Series) -> list[str]:
        texts = by_id.reindex(ids).fillna("").to_numpy(dtype=object)
        shared_words = pairs["word"].to_numpy(dtype=object)
        return [" ".join(sorted(w for w in words[t] if w != shared))
                for t, shared in zip(texts, shared_words, strict=True)]  # fmt: skip

    left, right = rest(pairs["victim"]), rest(pairs["other"])
    alike = cpdist(left, right, scorer=JaroWinkler.normalized_similarity, workers=1)
    either_empty = np.fromiter((not a or not b for a, b in zip(left, right, strict=True)),
                               dtype=bool, count=len(left))  # fmt: skip
    return (np.asarray(alike) >= _ALIKE_REST) | either_empty


def _held_pairs(pairs: pd.DataFrame, ev: pd.DataFrame | None, case: Case) -> np.ndarray:
    """Which ``pairs`` (victim, other mention ids) the evidence holds already (in either
    order), or an analyst decided are two people."""
    from linkgraph.resolve.overrides import case_decisions

    known = []
    if ev is not None and len(ev):
        mine = pd.unique(pairs["victim"].to_numpy(dtype=object))
        near = ev["left"].astype(str).isin(mine) | ev["right"].astype(str).isin(mine)
        known.append(ev.loc[near.to_numpy(dtype=bool), ["left", "right"]].astype(str))
    decisions = case_decisions(case)
    if len(decisions):
        cannot = decisions[decisions["decision"].astype(str).eq("cannot_link")]
        known.append(cannot[["left", "right"]].astype(str))
    if not known:
        return np.zeros(len(pairs), dtype=bool)
    held = pd.concat(known, ignore_index=True)
    keys = set(zip(held["left"], held["right"], strict=True))
    keys |= {(b, a) for a, b in keys}
    return np.fromiter(
        ((v, o) in keys for v, o in zip(pairs["victim"], pairs["other"], strict=True)),
        dtype=bool,
        count=len(pairs),
    )


def _names_agree(fields: object) -> bool:
    """Whether an evidence pair's ``fields`` (JSON) compared both the given and the family
    name and found neither different: "Elena Marinescu" for "Elena Marin" is a plausible
    match to her, a contact "Ion Marin" or "Lena" on her phone is someone else."""
    from linkgraph.resolve.comparisons import COMPARISONS
    from linkgraph.resolve.evidence import read_fields

    found = read_fields(fields)
    for name in ("given_name", "family_name"):
        levels = COMPARISONS[name].levels
        # missing, or different (unrelated family names too)
        refused = {levels[0].label} | {lv.label for lv in levels if lv.against}
        field = found.get(name)
        level = field.get("level") if isinstance(field, dict) else None
        if level is None or level in refused:
            return False
    return True


#: The evidence columns :func:`possible_victims` reads
_EVIDENCE_COLUMNS = ("left", "right", "type", "match_probability", "decision", "rule", "fields")


def _capped_as_two_people(ev: pd.DataFrame) -> np.ndarray:
    """Which pairs of ``ev`` resolution capped as two people (given names that differ
    in one family, dates of birth in conflict...): every cap but the one of names that
    agree only weakly, which says it cannot tell."""
    from linkgraph.resolve import _CAPPED, _CAPPED_WEAK_NAMES

    if "rule" not in ev.columns:
        return np.zeros(len(ev), dtype=bool)
    rule = ev["rule"].astype("string").fillna("")
    weak = rule.isin([_CAPPED, _CAPPED_WEAK_NAMES])
    return (rule.str.startswith("capped:") & ~weak).to_numpy(dtype=bool)


def _evidence(case: Case) -> pd.DataFrame | None:
    """The evidence of ``case`` with :data:`_EVIDENCE_COLUMNS`, read from its folder when
    the case was read without them (a command that reads only what it draws); None when
    it has none."""
    from linkgraph.model import read_rows

    ev = case.evidence
    wanted = [c for c in _EVIDENCE_COLUMNS if c != "type"]
    if ev is not None and all(c in ev.columns for c in wanted):
        return ev
    if case.origin is None:
        return ev
    file = Path(case.origin.path) / "evidence.parquet"
    if not file.is_file():
        return ev
    try:
        read = read_rows(file, _EVIDENCE_COLUMNS)
    except (OSError, ValueError):
        return ev
    return read if all(c in read.columns for c in wanted) else ev


def _person_roles(case: Case) -> tuple[pd.Index, pd.Index, pd.Index]:
    """(the entities of ``case`` a source marks as a victim, the person entities that a
    mention gives a role, every person entity)."""
    m = case.mentions
    entity = case.entity_of().reindex(m["mention_id"]).astype("string").to_numpy()
    person = m["type"].astype(str).eq("person").to_numpy()
    roles = m["role"].astype("string").fillna("").str.strip()
    codes, distinct = pd.factorize(roles)  # is_victim once per distinct role
    victim = np.asarray([is_victim(r) for r in distinct] + [False], dtype=bool)[codes]
    roled = person & roles.ne("").to_numpy(dtype=bool)
    return (
        pd.Index(pd.unique(entity[person & victim])),
        pd.Index(pd.unique(entity[roled])),
        pd.Index(pd.unique(entity[person])),
    )


def _with_possible_victims(nodes: pd.DataFrame, possible: Mapping[str, str]) -> pd.DataFrame:
    """``nodes`` with each possible victim given the role :data:`POSSIBLE_VICTIM_ROLE`
    (``nodes`` itself when there are none)."""
    marked = nodes.index.astype(str).isin(list(possible))
    if not marked.any():
        return nodes
    nodes = nodes.copy()
    nodes["role"] = nodes["role"].astype(object)
    nodes.loc[marked, "role"] = POSSIBLE_VICTIM_ROLE
    return nodes


def _named_beside_victims(case: Case, nodes: pd.DataFrame, hidden: set[str]) -> set[str]:
    """The identifiers written in the same cell of a row as the name of a victim (of
    ``hidden``): see :func:`linkgraph.redact.identifiers_named_beside`, and those of a
    row about a victim alone (:func:`linkgraph.redact.identifiers_on_victim_rows`).
    Without the mentions' raw rows in memory (a command read the case without them) they
    are read from the case folder a row group at a time (:func:`_raw_chunks`)."""
    from linkgraph.redact import identifiers_beside_victims, identifiers_named_beside

    person = nodes["type"].astype(str).eq("person").to_numpy()
    victims = nodes.index[person & nodes.index.isin(list(hidden))].astype(str)
    if victims.empty:
        return set()
    m = case.mentions
    entity = case.entity_of().reindex(m["mention_id"]).astype("string")
    m = m.assign(entity_id=entity.to_numpy())
    key = case.pseudonym_key
    aliases = {e: pseudonym(e, key) for e in victims}
    if "raw" in m.columns:
        return identifiers_named_beside(m, aliases) | _on_victim_rows(case, m, aliases)
    if case.origin is None:
        return set()
    file = Path(case.origin.path) / "mentions.parquet"
    try:
        return identifiers_beside_victims(
            _with_rows(case, m), aliases, case.links, lambda keep: _raw_chunks(file, m, keep)
        )
    except _RawUnreadable:  # as when it has no raw rows: none is found
        return set()


def _on_victim_rows(case: Case, m: pd.DataFrame, aliases: dict[str, str]) -> set[str]:
    """The identifiers of a row about a victim alone (her ad): see
    :func:`linkgraph.redact.identifiers_on_victim_rows`. ``m``: the mentions with
    ``entity_id`` and ``raw``; their ``row``s are read from the case folder when a command
    read the case without them."""
    from linkgraph.redact import identifiers_on_victim_rows

    m = _with_rows(case, m)
    if "row" not in m.columns or "source" not in m.columns:
        return set()
    return identifiers_on_victim_rows(m, aliases, case.links)


def _with_rows(case: Case, m: pd.DataFrame) -> pd.DataFrame:
    """``m`` (the mentions of ``case``) with their ``source`` and ``row``, read from the
    case folder when a command read the case without them; ``m`` as it is when they
    cannot be read."""
    from linkgraph.model import read_rows

    if "row" in m.columns and "source" in m.columns:
        return m
    if case.origin is None:
        return m
    try:
        rows = read_rows(Path(case.origin.path) / "mentions.parquet",
                         ("mention_id", "source", "row"))  # fmt: skip
    except (OSError, ValueError):
        return m
    if "row" not in rows.columns or not np.array_equal(
        rows["mention_id"].astype(str).to_numpy(), m["mention_id"].astype(str).to_numpy()
    ):
        return m
    return m.assign(row=rows["row"].to_numpy(), source=rows["source"].to_numpy())


class _RawUnreadable(Exception):
    """The raw rows of a case's mentions cannot be read from its folder."""


def _raw_chunks(
    file: Path, m: pd.DataFrame, keep: np.ndarray
) -> Iterator[tuple[np.ndarray, pd.Series]]:
    """(positions in ``m``, their raw rows) of the mentions of ``m`` where ``keep`` holds,
    read from ``file`` (the case's ``mentions.parquet``, of the very mentions of ``m``) a
    row group at a time: the raw rows of the others are never read into memory, nor
    those of all at once. Raises :class:`_RawUnreadable` when the file cannot be read or
    is not of ``m``'s mentions (its caller then finds nothing, as when it has no raw
    rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from linkgraph.model import corrupt_table_errors

    try:
        with corrupt_table_errors(file):
            pf = pq.ParquetFile(file)
    except (OSError, ValueError) as exc:
        raise _RawUnreadable(str(exc)) from exc
    if pf.metadata.num_rows != len(m):
        raise _RawUnreadable(f"{file} holds {pf.metadata.num_rows:,} mentions, not {len(m):,}")
    if "raw" not in pf.schema_arrow.names:
        return
    ids = m["mention_id"].astype(str).to_numpy()
    text = pd.StringDtype("pyarrow")
    mapper = {pa.large_string(): text, pa.string(): text}.get
    start = 0
    for group in range(pf.num_row_groups):
        size = pf.metadata.row_group(group).num_rows
        span = np.arange(start, start + size)
        start += size
        sel = keep[span]
        if not sel.any():
            continue
        try:
            with corrupt_table_errors(file):
                piece = pf.read_row_group(group, columns=["mention_id", "raw"])
        except (OSError, ValueError) as exc:
            raise _RawUnreadable(str(exc)) from exc
        piece = piece.filter(pa.array(sel))
        at = span[sel]
        if not np.array_equal(piece.column("mention_id").to_numpy().astype(str), ids[at]):
            raise _RawUnreadable(f"{file} is not of the mentions read (written since)")
        yield at, piece.column("raw").to_pandas(types_mapper=mapper)


def victim_spellings(case: Case, nodes: pd.DataFrame) -> dict[str, list[str]]:
    """Victim entity id -> every name her person mentions in ``case`` were written with
    (name, label, given and family name): the words :func:`protected_entities` compares
    a namesake's with. ``nodes`` is the case's entity node table (its ``role``)."""
    codes, roles = pd.factorize(nodes["role"])
    flags = np.asarray([is_victim(r) for r in roles] + [False], dtype=bool)
    victims = nodes.index[flags[codes]]
    if victims.empty:
        return {}
    m = case.mentions
    entity = case.entity_of().reindex(m["mention_id"]).astype("string")
    hers = (entity.isin(victims) & m["type"].astype(str).eq("person").to_numpy()).to_numpy()
    columns = [c for c in ("name", "label", "given_name", "family_name") if c in m.columns]
    names = m.loc[hers, columns].astype("string")
    out: dict[str, list[str]] = {}
    for e, row in zip(entity.to_numpy()[hers], names.itertuples(index=False), strict=True):
        out.setdefault(str(e), []).extend(str(v) for v in row if not pd.isna(v))
    return out
