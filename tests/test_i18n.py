"""The translation table is complete in every language and covers every domain code."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from gebrookerbos import config, i18n
from gebrookerbos.domain import Availability, OwnerType, Soil, Stage, Theme
from tests import ROOT


def test_every_key_has_every_language():
    assert i18n.missing_translations() == []


def test_missing_language_is_detected(monkeypatch):
    monkeypatch.setitem(i18n.TEXT, "test.only_dutch", {"nl": "alleen Nederlands"})
    assert ("test.only_dutch", "en") in i18n.missing_translations()


def test_every_domain_code_has_a_label():
    for kind, enum in (("availability", Availability), ("stage", Stage), ("theme", Theme),
                       ("owner_type", OwnerType), ("soil", Soil)):
        for member in enum:
            for lang in i18n.LANGUAGES:
                assert i18n.label(kind, member, lang), (kind, member, lang)


def test_dutch_is_the_default():
    assert i18n.label("availability", "reserved") == "In optie"
    assert i18n.label("stage", "realised", "en") == "Realised"
    assert i18n.t("map.count", "en", shown=3, total=10) == "3 of 10 plots shown"


def test_every_key_used_in_the_code_exists():
    used: set[str] = set()
    pattern = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']""")
    files = [*(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py",
             *config.PACKAGE_DIR.rglob("*.py")]
    for path in files:
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if "{" not in k and k not in i18n.TEXT)
    assert missing == []


def test_numbers_in_dutch_and_english():
    assert i18n.format_number(37305.8, "nl") == "37.306"
    assert i18n.format_number(37305.8, "en") == "37,306"
    assert i18n.format_area(1234.4, "nl") == "1.234 m²"
    assert i18n.format_area(1234.4, "en") == "1,234 m²"
    assert i18n.format_area(1234.4) == "1.234 m²"  # Dutch by default


def test_dates_in_dutch_and_english():
    assert i18n.format_date(date(2027, 3, 5), "nl") == "05-03-2027"
    assert i18n.format_date(pd.Timestamp("2027-03-05"), "en") == "2027-03-05"
    for missing in (None, pd.NaT, float("nan"), "no date"):
        assert i18n.format_date(missing, "nl") == "–"
