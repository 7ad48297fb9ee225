"""The test suite. It runs in a source checkout: ROOT is that checkout."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"  # the committed CBS and demo files (package data gebrookerbos.geodata)
