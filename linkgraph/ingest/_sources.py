"""A case's sources as a whole: which one a new file replaces (``--replaces``), a new file
that repeats the records of one already in the case (a corrected export under a new
name), a file read again unchanged, and removing a source from a case."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.errors import CaseError, InputError, MappingError

#: Share of the smaller file's records a new file must repeat of a source in the case for
#: ingest to ask whether it is a corrected export of it.
REPEAT_SHARE = 0.8
#: A corrected export has about as many rows as the one it corrects: only the sources
#: within this factor of the new file's row count are compared with it (so adding a
#: million-row CDR to a case of small sheets reads none of them).
REPEAT_SIZE_FACTOR = 2.0
#: At most this many of the new file's records (mentions' rows) are hashed to compare.
REPEAT_SAMPLE = 100_000


def source_list(names: Sequence[str]) -> str:
    """The case's sources' names, for a message."""
    return ", ".join(sorted(names)) or "none"


def check_replaced(name: str, existing: dict[str, Any] | None) -> None:
    """Raise InputError unless the case (its manifest ``existing``) holds source ``name``:
    the error lists its sources and the nearest to ``name``."""
    names = [str(i.get("name")) for i in (existing or {}).get("inputs", []) if i.get("name")]
    if name in names:
        return
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    tip = f"; did you mean {close[0]!r}?" if close else ""
    raise InputError(
        f"the case holds no source {name!r}{tip}",
        source=name,
        hint=f"the case's sources: {source_list(names)}",
    )


def reading_options(source: Any, strict: bool) -> dict[str, Any]:
    """What, besides the file, decides how ``source`` is read (recorded in the manifest,
    compared when the same file is ingested again): region, timezone, strictness and the
    content of a mapping YAML (a preset and the agency are recorded as they are)."""
    from linkgraph.model import file_sha256

    given = source.mapping
    if given is None or isinstance(given, str | os.PathLike):
        digest = None if given is None else file_sha256(given)
    else:  # a loaded Mapping (the CLI's): a hash of its content
        text = json.dumps(given.to_dict(), sort_keys=True, default=str)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {
        "region": source.region,
        "timezone": source.timezone,
        "strict": bool(strict),
        "mapping_sha256": digest,
    }


def unchanged_sources(
    sources: Sequence[Any],
    names: Sequence[str],
    existing: dict[str, Any] | None,
    case_dir: Path,
    strict: bool,
) -> bool:
    """Whether every source is in the case (``existing``, the manifest of ``case_dir``)
    under its name (``names``), read from the same file with the same SHA-256, the same
    way: then ingesting them again changes nothing."""
    from linkgraph.ingest import _chosen_mapping
    from linkgraph.model import file_sha256

    recorded = {str(i.get("name")): i for i in (existing or {}).get("inputs", [])}
    if not sources or existing is None:
        return False
    for source, name in zip(sources, names, strict=True):
        info = recorded.get(name)
        if info is None or "reading" not in info or not info.get("path"):
            return False
        if (case_dir / str(info["path"])).resolve() != Path(source.path).resolve():
            return False
        try:
            mapping, how = _chosen_mapping(source)
        except (InputError, MappingError):  # the ingest itself says what is wrong
            return False
        agency = source.agency if source.agency is not None else mapping.agency
        same = (
            info.get("reading") == reading_options(source, strict)
            and all(info.get(k) == v for k, v in how.items())
            and info.get("agency") == agency
        )
        if not same or info.get("sha256") != file_sha256(source.path):
            return False
    return True


def raw_hashes(raw: pd.Series) -> np.ndarray:
    """The distinct rows of a mentions table's ``raw`` column (each row's record as read,
    plain or a dictionary over the rows), each as a 64-bit hash."""
    if isinstance(raw.dtype, pd.ArrowDtype):
        return arrow_raw_hashes(pa.chunked_array(pa.array(raw.array)))
    values = raw.dropna().astype(str).to_numpy(dtype=object)
    return np.unique(pd.util.hash_array(values, categorize=False))


def arrow_raw_hashes(raw: pa.ChunkedArray) -> np.ndarray:
    """:func:`raw_hashes` of an Arrow column: of a dictionary chunk, only the values its
    rows use are hashed (a Parquet row group's dictionary may hold other sources' rows)."""
    parts = [np.empty(0, dtype=np.uint64)]
    for chunk in raw.chunks:
        if pa.types.is_dictionary(chunk.type):
            chunk = chunk.dictionary.take(pc.unique(chunk.indices).drop_null())
        values = chunk.drop_null().to_numpy(zero_copy_only=False)
        parts.append(pd.util.hash_array(np.asarray(values, dtype=object), categorize=False))
    return np.unique(np.concatenate(parts))


def sources_raw_hashes(case_dir: Path, names: Sequence[str]) -> dict[str, np.ndarray]:
    """Per source of ``names`` in the case folder, the hashes of its distinct records
    (:func:`raw_hashes`), read from the raw column only (as dictionaries), the row groups
    of other sources skipped."""
    import pyarrow.parquet as pq

    file = case_dir / "mentions.parquet"
    if not file.is_file():
        return {}
    out = {}
    for name in names:
        table = pq.read_table(
            file, columns=["raw"], filters=[("source", "==", name)], read_dictionary=["raw"]
        )
        if table.num_rows:
            out[name] = arrow_raw_hashes(table.column("raw"))
    return out


def repeat_warnings(new_name: str, new_hashes: np.ndarray, old: dict[str, np.ndarray]) -> list[str]:
    """A warning for each source of ``old`` (name: its record hashes) most of whose records
    the new source repeats (at least :data:`REPEAT_SHARE` of the smaller's records)."""
    out = []
    for name, hashes in old.items():
        smaller = min(len(hashes), len(new_hashes))
        if not smaller:
            continue
        repeated = int(np.isin(hashes, new_hashes, assume_unique=True).sum())
        if repeated >= REPEAT_SHARE * smaller:
            out.append(
                f"{new_name} repeats {repeated:,} of {len(hashes):,} records of {name}: a"
                f" corrected export? ingest it with --replaces {name} (its records then"
                f" take the place of {name}'s); as it is, both files are in the case"
            )
    return out


def remove_source(case_dir: str | os.PathLike[str], name: str) -> dict[str, Any]:
    """Remove source ``name`` from the case folder: its mentions, links, rejects and
    manifest entry. The resolution and what was measured on it go, as on ingest; the
    analysts' decisions and the pseudonym key stay. Returns the removed manifest entry.

    Raises:
        InputError: the case holds no source ``name`` (the error lists its sources).
    """
    from linkgraph.ingest import _from_sources, _read_manifest
    from linkgraph.ingest._writer import CaseWriter

    target = Path(case_dir)
    if not (target / "manifest.json").is_file():
        raise CaseError(f"{target} holds no case (no manifest.json)")
    with CaseWriter(target) as writer:
        manifest = _read_manifest(target)
        check_replaced(name, manifest)
        writer.copy_filtered(target, lambda df: ~_from_sources(df, {name}), columns=("source",))
        inputs = manifest.get("inputs", [])
        removed = next(i for i in inputs if str(i.get("name")) == name)
        manifest["inputs"] = [i for i in inputs if i is not removed]
        manifest["steps"] = [
            *manifest.get("steps", []),
            {"stage": "remove-source", "files": [name]},
        ]
        writer.close(manifest)
    return removed


def unchanged_in_case(sources: Sequence[Any], case_dir: Path, strict: bool) -> list[str]:
    """The names of ``sources`` in the case folder when every one of them is there,
    unchanged (:func:`unchanged_sources`); else an empty list (they are to be read)."""
    from linkgraph.ingest import _read_manifest, source_names

    if not (case_dir / "manifest.json").is_file():
        return []
    existing = _read_manifest(case_dir)
    for source in sources:
        if source.replaces is not None:
            check_replaced(source.replaces, existing)
    names = source_names(sources, existing, case_dir)
    return list(names) if unchanged_sources(sources, names, existing, case_dir, strict) else []
