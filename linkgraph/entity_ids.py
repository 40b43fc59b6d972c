"""Entity ids across resolutions: the entity that an id written down earlier names now.

An entity's id is ``"e:"`` + the hash part of its smallest mention id
(:func:`linkgraph.resolve.resolve`), and mention ids are positions (source, row, slot): an id
stays while its entity keeps that mention as its smallest. A file added since can bring a
mention that joins the entity and sorts first, and a merge joins two entities under the
id of one: the other id is gone. Its mention, ``"m:"`` + the same hash part, is still in
the case and in the entity, now under another id: :func:`current_id` finds it there.

The entity of a victim, and a phone, account ... linked to her, is named
``"e:"`` + a place part + ``"-"`` + a part keyed on her records or its value
(:mod:`linkgraph.resolve.victim_ids`). The keyed part of an identifier stays when files are
added, so the entity whose id ends in the same keyed part is the one meant; hers changes
when a record of hers from a file that sorts first is added. The place part is a hash of
the id the entity would have had otherwise (:func:`place_part`), so it names the mention it
was named after: the entity that holds that mention now is hers.

:func:`previous_ids` reads the ids of the case's last resolution: ``resolution.parquet``,
or, once an ingest has dropped it (the mentions it resolved changed),
:data:`PREVIOUS_IDS_FILE`, which the ingest keeps in its place.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case

#: The ids of the entities of a case's last resolution, kept by an ingest that drops the
#: resolution (the entity ids are the only column), so that the next `linkgraph resolve`
#: can say which ids changed.
PREVIOUS_IDS_FILE = "previous_entity_ids.parquet"

#: An entity id named after its smallest mention: "e:" + the mention id's hash part.
_POSITIONAL = re.compile(r"e:([0-9a-f]{16})")
#: An entity id named after a victim's records: "e:" + place part + "-" + keyed part.
_KEYED = re.compile(r"e:[0-9a-f]{8}-([0-9a-f]{16})")
#: What an entity, mention or link id looks like (a name never does).
_ID_LIKE = re.compile(r"[a-z]{1,2}:[0-9a-f]{8,}(?:-[0-9a-f]{1,16})?")

#: Why an entity id a user gives is not in the case but another names its entity.
RENAMED_BECAUSE = "a file added since, or a merge, gave it a new id"


def place_part(entity_id: str) -> str:
    """The part of a victim's (or her identifier's) entity id that fixes where it sorts:
    8 hex digits of SHA-256 of the id ``entity_id`` the entity would have otherwise.

    >>> place_part("e:00000000000000ff")
    'f5d4ceb3'
    """
    return hashlib.sha256(f"place\x1f{entity_id}".encode()).hexdigest()[:8]


def looks_like_id(text: str) -> bool:
    """Whether ``text`` has the shape of an entity, mention or link id (no name has it).

    >>> looks_like_id("e:b5a5fce2163a16b9"), looks_like_id("m:0e87edaebbb5ad09")
    (True, True)
    >>> looks_like_id("Ana"), looks_like_id("AB:1234567890")
    (False, False)
    """
    return _ID_LIKE.fullmatch(text.strip()) is not None


def looks_like_entity_id(text: str) -> bool:
    """Whether ``text`` has the shape of an entity id (``e:`` ...)."""
    return text.strip().startswith("e:") and looks_like_id(text)


def renamed_note(old: str, new: str) -> str:
    """The line that says entity id ``old`` is now ``new``."""
    return f"{old} is now {new} ({RENAMED_BECAUSE})"


def current_id(old: str, entity_of: Mapping[str, str] | pd.Series, ids: pd.Index) -> str | None:
    """The id among ``ids`` (the entity ids now) of the entity that entity id ``old`` named,
    or None when none is known: ``old`` itself when it is one of ``ids``; of an id named
    after its smallest mention, the entity that mention (``entity_of``: mention id →
    entity id) is in now; of a victim's keyed id, the one id of ``ids`` with its keyed part.

    Examples:
        >>> import pandas as pd
        >>> ids = pd.Index(["e:00000000000000aa", "e:0badcafe-1111111111111111"])
        >>> of = {"m:00000000000000ff": "e:00000000000000aa"}
        >>> current_id("e:00000000000000ff", of, ids)
        'e:00000000000000aa'
        >>> current_id("e:12345678-1111111111111111", of, ids)
        'e:0badcafe-1111111111111111'
        >>> current_id("e:00000000000000ee", of, ids) is None
        True
    """
    import pandas as pd

    if old in ids:
        return old
    positional = _POSITIONAL.fullmatch(old)
    if positional is not None:
        new = entity_of.get("m:" + positional.group(1))
        return str(new) if new is not None and not pd.isna(new) and new in ids else None
    keyed = _KEYED.fullmatch(old)
    if keyed is None:
        return None
    same = ids[pd.Index(ids).astype(str).str.endswith("-" + keyed.group(1))]
    if len(same) == 1:
        return str(same[0])
    # Her keyed part changed (a record of hers sorts first now): the mention her id was
    # placed by, found by its place part, the mentions of victims' entities first.
    place = old[2:10]
    mentions = pd.Series(entity_of).astype(str)
    keyed_now = mentions.str.fullmatch(_KEYED.pattern).to_numpy(dtype=bool)
    for subset in (mentions[keyed_now], mentions[~keyed_now]):
        for mention, entity in subset.items():
            if str(mention).startswith("m:") and place_part("e:" + str(mention)[2:]) == place:
                return entity if entity in ids else None
    return None


def changed_ids(previous: Iterable[str], resolution: pd.DataFrame) -> dict[str, str | None]:
    """Each id of ``previous`` (entity ids of an earlier resolution) that ``resolution``
    (``mention_id``, ``entity_id``) no longer has, sorted, → the id of the entity that
    holds it now (:func:`current_id`), or None when none does (its mentions are gone)."""
    import pandas as pd

    now = pd.Index(pd.unique(resolution["entity_id"].astype(str)))
    gone = sorted(set(map(str, previous)).difference(now))
    if not gone:
        return {}
    entity_of = pd.Series(
        resolution["entity_id"].astype(str).to_numpy(),
        index=resolution["mention_id"].astype(str).to_numpy(),
    )
    return {old: current_id(old, entity_of, now) for old in gone}


def previous_ids(folder: str | Path) -> pd.Index | None:
    """The entity ids of the last resolution of the case in ``folder``: those of its
    ``resolution.parquet``, else those an ingest kept (:data:`PREVIOUS_IDS_FILE`); None
    when the case was never resolved (or the file cannot be read)."""
    import pandas as pd
    import pyarrow.parquet as pq

    folder = Path(folder)
    for name in ("resolution.parquet", PREVIOUS_IDS_FILE):
        file = folder / name
        if file.is_file() and not file.is_symlink():
            try:
                column = pq.read_table(file, columns=["entity_id"]).column("entity_id")
            except (OSError, KeyError, ValueError):
                return None
            return pd.Index(pd.unique(column.to_pandas().astype(str)))
    return None


def keep_previous_ids(folder: Path, into: Path) -> None:
    """Write the entity ids of ``folder``'s ``resolution.parquet`` to ``into`` /
    :data:`PREVIOUS_IDS_FILE`, when it has one (an ingest that drops the resolution keeps
    them so); else leave ``into`` as it is."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    file = folder / "resolution.parquet"
    if not file.is_file() or file.is_symlink():
        return
    ids = previous_ids(folder)
    if ids is None:
        return
    table = pa.table({"entity_id": pa.array(sorted(ids), pa.string())})
    pq.write_table(table, into / PREVIOUS_IDS_FILE)


#: How many changed ids the ``resolve`` step names (``entity_ids_changed``).
NAMED = 5


def earlier_ids(case: Case) -> pd.Index | None:
    """The entity ids of the resolution before the one being made of ``case``: its own
    ``resolution``, else, read from the folder it was read from, its last
    (:func:`previous_ids`); None when there was none."""
    import pandas as pd

    if case.resolution is not None:
        return pd.Index(pd.unique(case.resolution["entity_id"].astype(str)))
    if case.origin is None:
        return None
    return previous_ids(case.origin.path)


def changed_record(changed: Mapping[str, str | None]) -> dict[str, Any]:
    """What the ``resolve`` step records of the ids that ``changed``
    (:func:`changed_ids`): their ``count``, and the first :data:`NAMED` (those another
    id holds now first) in ``named``: old id → its id now, or None when it is gone."""
    order = sorted(changed, key=lambda old: (changed[old] is None, old))
    return {"count": len(changed), "named": {old: changed[old] for old in order[:NAMED]}}


def changed_line(record: Mapping[str, Any], shown: int = 3) -> str:
    """The line `linkgraph resolve` prints of the entity ids that changed (a step's
    ``entity_ids_changed``: :func:`changed_record`), naming the first ``shown``; ""
    when none did."""
    n = int(record.get("count") or 0)
    if not n:
        return ""
    named = list((record.get("named") or {}).items())[:shown]
    said = [f"{old} is now {new}" if new is not None else f"{old} is gone" for old, new in named]
    more = f" and {n - len(said):,} more" if n > len(said) else ""
    held = any(new is not None for _, new in named)
    still = "; `ego`, `path`, `entities --search`, `explain` and `decide` still take the old ids"
    return (
        f"{n:,} entity id{'s' if n != 1 else ''} of the previous resolution changed (files "
        f"added or removed since, or merges): {', '.join(said)}{more}{still if held else ''}"
    )


def entity_mention(case: Case, text: str) -> str | None:
    """The mention that stands for the entity that entity id ``text`` names in ``case``
    (as `linkgraph explain` takes one): the mention whose id has the entity id's hash
    part, the mention the entity is named after (or was, when ``text`` is an id of an
    earlier resolution: a :class:`~linkgraph.errors.CaseWarning` says which id the
    entity has now); of a victim's entity, its smallest mention id. None when ``text``
    names no entity of ``case``."""
    import warnings

    import pandas as pd

    from linkgraph._user_warnings import user_stacklevel
    from linkgraph.errors import CaseWarning

    text = text.strip()
    if not looks_like_entity_id(text):
        return None
    entity_of = case.entity_of()
    new = current_id(text, entity_of, pd.Index(pd.unique(entity_of.astype(str))))
    if new is None:
        return None
    if new != text:
        warnings.warn(renamed_note(text, new), CaseWarning, stacklevel=user_stacklevel())
    positional = _POSITIONAL.fullmatch(text)
    if positional is not None and "m:" + positional.group(1) in entity_of.index:
        return "m:" + positional.group(1)
    return str(min(entity_of.index[entity_of.astype(str).to_numpy() == new]))
