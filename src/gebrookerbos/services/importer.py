"""Importing plots (kavels) from the municipality's GIS: validated, all or nothing.

Reads GeoPackage, GeoJSON, zipped Shapefile and CSV with a WKT column; maps the recognised
attributes (English codes and Dutch names); checks every feature (geometry type, validity,
CRS and swapped axes, inside Heerlen, required fields, duplicate ids, text encoding) with
vectorised shapely/pandas operations, so 100,000 plots stay fast; and inserts the plots in
one transaction only when no feature is rejected. A refused import changes nothing.

Decisions (documented in the README):

- ``plot_id`` is required (it is the key every page, export and initiative uses); ``name``
  is optional and defaults to the plot id (reported as a warning).
- Coordinates whose axes are swapped (lat/lon instead of lon/lat, or RD y/x) are
  recognised by ``x > y`` (true nowhere in the Netherlands, in RD New and in WGS84 alike),
  corrected, and reported as a warning; the plot must then still lie inside Heerlen.
- A CRS declared by the file is respected; ``crs`` is only needed (and only allowed to
  differ) when the file declares none.
- Text must arrive intact: a Shapefile without a declared encoding (.cpg / LDID) is read as
  UTF-8; other encodings only when declared (``encoding``). Text that looks double-encoded
  (``BrÃ¼ll``) or holds replacement characters is rejected.
- Before anything reads the file (GDAL, zipfile), it is checked against the limits below:
  its size, that its first bytes are what its name says (a ``.gpkg`` that is text, or a
  program renamed ``.zip``, is refused by name), and for a zip its table of contents
  (members, their declared sizes and compression ratios, no archive inside the archive).
  The zip's members are never extracted to disk: GDAL reads them through ``/vsizip/``.
"""

from __future__ import annotations

import csv
import glob
import io
import logging
import re
import struct
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from gebrookerbos import config, db, i18n
from gebrookerbos.domain import Availability, OwnerType, Soil
from gebrookerbos.domain.auth import Action, Actor, require
from gebrookerbos.services import holding

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".gpkg", ".geojson", ".json", ".zip", ".shp", ".csv")
WKT_COLUMNS = ("wkt", "geometry", "geom", "the_geom")
MUNICIPALITY_TOLERANCE_M = 10.0  # the CBS boundary is generalised; allow plots to touch it
MIN_AREA_M2 = 1.0
FIRST_PROBLEMS = 20  # problems listed in a summary; the rest are counted
DETAIL_PARTS = 4  # {d0} .. {d3} of a problem's message (see Problem)

# Limits on the file itself, checked before it is read (the page's upload limit, Streamlit's
# server.maxUploadSize in .streamlit/config.toml, is the same 200 MB). Read at every check,
# so a deployment or a test may change them.
MB = 1024 * 1024  # Streamlit's "MB" for maxUploadSize is MiB as well
MAX_FILE_BYTES = 200 * MB
# A zipped Shapefile has a handful of members (.shp, .shx, .dbf, .prj, .cpg, .sbn, ...).
MAX_ZIP_MEMBERS = 100
# What the zip's members may add up to when inflated: a million plots as a Shapefile are
# about 450 MB; beyond this the import would not fit in memory anyway.
MAX_UNZIPPED_BYTES = 1024 * MB
# Deflate cannot do better than about 1,030 : 1; real Shapefile members stay well below 200
# (a .dbf of mostly blank 254-wide text fields: 160). Only members above RATIO_FROM_BYTES
# count: a small file that compresses well harms nobody.
MAX_COMPRESSION_RATIO = 500
RATIO_FROM_BYTES = 1 * MB
# The zip's table of contents itself, read before Python's zipfile parses it.
MAX_ZIP_DIRECTORY_BYTES = 1 * MB
ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".zst",
                    ".kmz", ".gpkg.zip")
# What the first bytes of a file must look like for its name (see looks_like).
EXPECTED_CONTENT: dict[str, frozenset[str]] = {
    ".gpkg": frozenset({"sqlite"}),
    ".zip": frozenset({"zip"}),
    ".shp": frozenset({"shapefile"}),
    # JSON and nothing else: GDAL would open other text too (a VRT, XML naming other files)
    ".geojson": frozenset({"json"}),
    ".json": frozenset({"json"}),
    ".csv": frozenset({"text", "json"}),
}

# Recognised attributes: the column in the file (lower case) -> the plot field.
ALIASES: dict[str, tuple[str, ...]] = {
    "plot_id": ("plot_id", "kavel_id", "kavelnummer", "kavelnr", "id"),
    "name": ("name", "naam"),
    "location_description": ("location_description", "ligging", "omschrijving"),
    "owner_type": ("owner_type", "eigenaar_type", "eigenaartype", "soort_eigenaar"),
    "owner_name": ("owner_name", "eigenaar", "naam_eigenaar"),
    "zoning": ("zoning", "bestemming"),
    "soil": ("soil", "bodem"),
    "has_water": ("has_water", "water"),
    "has_electricity": ("has_electricity", "stroom", "elektriciteit"),
    "has_car_access": ("has_car_access", "auto", "bereikbaar_auto"),
    "availability": ("availability", "beschikbaarheid", "status"),
    "available_from": ("available_from", "beschikbaar_vanaf"),
    "available_until": ("available_until", "beschikbaar_tot"),
    "notes": ("notes", "opmerkingen", "opmerking"),
}
# Shapefiles cut field names to 10 characters: 'beschikbaarheid' arrives as 'beschikbaa'.
# A cut name counts for the first field (in ALIASES order) it can come from.
_SHAPEFILE_ALIASES: dict[str, tuple[str, ...]] = {}
_taken = {a for aliases in ALIASES.values() for a in aliases}
for _target, _aliases in ALIASES.items():
    for _alias in _aliases:
        _cut = _alias[:10]
        if len(_alias) > 10 and _cut not in _taken:
            _taken.add(_cut)
            _SHAPEFILE_ALIASES[_target] = (*_SHAPEFILE_ALIASES.get(_target, ()), _cut)
# Attributes that the database derives itself: reported as ignored.
DERIVED = ("area_m2", "oppervlakte", "area", "buurt_code", "buurt", "wijk", "wijk_code",
           "fid", "ogc_fid", "objectid", "shape_area", "shape_leng", "shape_length")
TEXT_FIELDS = ("name", "location_description", "owner_name", "zoning", "notes")
BOOL_FIELDS = ("has_water", "has_electricity", "has_car_access")
DATE_FIELDS = ("available_from", "available_until")

_CODES: dict[str, dict[str, str]] = {
    "owner_type": {
        **{o.value: o.value for o in OwnerType},
        "gemeente": "municipality", "woningcorporatie": "housing_corporation",
        "corporatie": "housing_corporation", "particulier": "private",
    },
    "availability": {
        **{a.value: a.value for a in Availability},
        "beschikbaar": "available", "in optie": "reserved", "optie": "reserved",
        "in gebruik": "in_use", "niet beschikbaar": "unavailable",
        "in use": "in_use",
    },
    "soil": {
        **{s.value: s.value for s in Soil},
        "schoon": "clean", "verdacht": "suspect", "verontreinigd": "contaminated",
        "onbekend": "unknown",
    },
}
_DEFAULTS = {"owner_type": "municipality", "soil": "unknown", "availability": "available"}
_BOOLS = {
    "true": True, "1": True, "ja": True, "j": True, "yes": True, "y": True, "waar": True,
    "false": False, "0": False, "nee": False, "n": False, "no": False, "onwaar": False,
}
_MOJIBAKE = re.compile(r"[ÃÂ][\u0080-\u00bf]|\ufffd")
_EWKT = re.compile(r"^\s*SRID=(\d+);", re.IGNORECASE)


class ImportRefused(Exception):
    """The file cannot be read at all (the report holds the reason)."""


@dataclass(frozen=True)
class Problem:
    """One reason to refuse (or, as a warning, to note) a feature or the whole file.

    ``feature`` is the 1-based number of the feature in the file, None for the file.
    ``kind`` selects the translated message ``import.problem.<kind>``; ``detail`` fills it
    as ``{detail}``, and its ``|``-separated parts as ``{d0}``, ``{d1}``, ...; a part
    ``@key`` is the translated text of ``key`` (e.g. what a file looks like).
    """

    kind: str
    feature: int | None = None
    plot_id: str | None = None
    detail: str = ""

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        split = self.detail.split("|")
        parts = {f"d{i}": "" for i in range(DETAIL_PARTS)} | {
            f"d{i}": i18n.t(part[1:], lang) if part[:1] == "@" and part[1:] in i18n.TEXT
            else part for i, part in enumerate(split)}
        text = i18n.t(f"import.problem.{self.kind}", lang, detail=self.detail, **parts)
        if self.feature is None:
            return text
        where = i18n.t("import.feature", lang, n=self.feature)
        if self.plot_id:
            where += f" ({self.plot_id})"
        return f"{where}: {text}"


@dataclass
class ImportReport:
    """What an import found and did. ``ok`` means nothing was rejected."""

    path: str
    features: int = 0
    imported: int = 0
    dry_run: bool = False
    crs: str | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    mapped_columns: dict[str, str] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rejected_features(self) -> int:
        return len({p.feature for p in self.problems if p.feature is not None})

    def counts(self) -> dict[str, int]:
        """Problems per kind, most frequent first."""
        return dict(Counter(p.kind for p in self.problems).most_common())

    def warning_counts(self) -> dict[str, int]:
        return dict(Counter(p.kind for p in self.warnings).most_common())

    def summary(self, lang: str = i18n.DEFAULT_LANGUAGE, limit: int = FIRST_PROBLEMS) -> str:
        """A readable report, also for 100,000 features: counts per kind, first problems."""
        t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
        name = Path(self.path).name
        lines: list[str] = []
        if self.ok:
            key = "import.would_import" if self.dry_run else "import.imported"
            lines.append(t(key, n=self.imported if not self.dry_run else self.features,
                           file=name, crs=self.crs or "?"))
        elif not self.rejected_features:  # the file as a whole: the reason comes first
            lines.append(t("import.refused_file", file=name,
                           reason=self.problems[0].message(lang)))
            lines += [f"  - {p.message(lang)}" for p in self.problems[1:limit]]
        else:
            lines.append(t("import.refused", file=name, rejected=self.rejected_features,
                           total=self.features))
            for kind, n in self.counts().items():
                lines.append(f"  {n} x {t(f'import.kind.{kind}')}")
            lines.append(t("import.first_problems", n=min(limit, len(self.problems)),
                           total=len(self.problems)))
            lines += [f"  - {p.message(lang)}" for p in self.problems[:limit]]
        if self.mapped_columns:
            lines.append(t("import.mapped", columns=", ".join(
                f"{src} → {dst}" if src != dst else dst
                for src, dst in self.mapped_columns.items())))
        if self.unknown_columns:
            lines.append(t("import.unknown_columns", columns=", ".join(self.unknown_columns)))
        if self.ignored_columns:
            lines.append(t("import.ignored_columns", columns=", ".join(self.ignored_columns)))
        for kind, n in self.warning_counts().items():
            first = next(w for w in self.warnings if w.kind == kind)
            lines.append(t("import.warning", n=n, what=t(f"import.kind.{kind}"),
                           example=first.message(lang)))
        return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def _refuse(report: ImportReport, kind: str, detail: str = "") -> ImportReport:
    report.problems.append(Problem(kind, detail=detail))
    return report


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


def _choose_layer(source: str, layer: str | None) -> str | None:
    """The layer to read: the given one, or the only (polygon) layer of the file."""
    layers = pyogrio.list_layers(source)
    names = [str(n) for n, _ in layers]
    if layer is not None:
        if layer not in names:
            raise ImportRefused(f"layer:{layer}|{', '.join(names)}")
        return layer
    if len(names) <= 1:
        return names[0] if names else None
    polygonal = [str(n) for n, g in layers if g and "polygon" in str(g).lower()]
    if len(polygonal) == 1:
        return polygonal[0]
    raise ImportRefused(f"layers:{', '.join(names)}")


def _zip_directory(path: Path) -> tuple[int, int]:
    """The number of members and the size of the table of contents, as the zip's end record
    says (also ZIP64); read from the last 64 kB only, before zipfile parses anything."""
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - 65_557))  # the end record (22 bytes) and a comment of <= 64 kB
        tail = f.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            raise ImportRefused("file:no zip end record (damaged or truncated)")
        _, _, _, members, directory, _, _ = struct.unpack("<4HIIH", tail[at + 4:at + 22])
        if members == 0xFFFF or directory == 0xFFFFFFFF:  # ZIP64: the real values are before
            locator = tail.rfind(b"PK\x06\x07", 0, at)
            if locator < 0:
                raise ImportRefused("file:damaged ZIP64 end record")
            (offset,) = struct.unpack("<Q", tail[locator + 8:locator + 16])
            f.seek(offset)
            record = f.read(56)
            if record[:4] != b"PK\x06\x06" or len(record) < 56:
                raise ImportRefused("file:damaged ZIP64 end record")
            members, directory = struct.unpack("<QQ", record[32:48])
    return members, directory


def check_zip(path: Path) -> None:
    """Refuse a zip that is not a plain zipped Shapefile before anything is inflated.

    The table of contents is checked against the limits: number of members, their declared
    sizes together, each member's compression ratio, and no archive inside the archive.
    Python's zipfile never inflates more than a member declares (it then fails on the
    checksum), and GDAL reads members as declared, so checking the declarations suffices.
    """
    members, directory = _zip_directory(path)
    if directory > MAX_ZIP_DIRECTORY_BYTES:  # at least this many: an entry is >= 46 bytes
        members = max(members, directory // 46)
    if members > MAX_ZIP_MEMBERS:
        raise ImportRefused(f"zip_members:{members}|{MAX_ZIP_MEMBERS}")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ImportRefused(f"file:{_first_line(exc)}") from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ImportRefused(f"zip_members:{len(infos)}|{MAX_ZIP_MEMBERS}")
    nested = [i.filename for i in infos if i.filename.lower().endswith(ARCHIVE_SUFFIXES)]
    if nested:
        raise ImportRefused(f"zip_nested:{nested[0]}")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise ImportRefused(f"zip_too_large:{_mb(total)}|{_mb(MAX_UNZIPPED_BYTES)}")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise ImportRefused(f"zip_ratio:{info.filename}|{ratio:.0f}|"
                                f"{MAX_COMPRESSION_RATIO}")


def _zip_source(path: Path, layer: str | None) -> str:
    """The GDAL path of the one Shapefile inside a zip that is read: ``/vsizip/`` of the zip
    the app was given, down to that ``.shp`` member, never the zip as a folder (where GDAL
    would try every member with every driver). Its table of contents was checked by
    :func:`check_zip`; the members' checksums are checked here, bounded by those sizes, and
    the member must begin like a Shapefile (a VRT renamed ``.shp`` is refused)."""
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            if bad is not None:
                raise ImportRefused(f"file:damaged member {bad}")
            shps = [n for n in zf.namelist() if n.lower().endswith(".shp")]
            if not shps:
                raise ImportRefused("no_shapefile:")
            stems = [Path(n).stem for n in shps]
            if layer is not None:
                if layer not in stems:
                    raise ImportRefused(f"layer:{layer}|{', '.join(stems)}")
                member = shps[stems.index(layer)]
            elif len(shps) == 1:
                member = shps[0]
            else:
                raise ImportRefused(f"layers:{', '.join(stems)}")
            with zf.open(member) as f:
                head = f.read(4096)
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"file:{_first_line(exc)}") from exc
    looks = looks_like(head)
    if looks != "shapefile":
        raise ImportRefused(f"disguised:.shp|@import.format_name.shp|@import.looks_like.{looks}")
    return f"/vsizip/{path.resolve().as_posix()}/{member}"


# The GDAL driver of each kind of file, fixed by what the importer detected itself, never
# left to GDAL's guess: the prefix makes GDAL use that one driver (a Shapefile has no
# prefix; the file's first bytes were checked to be a Shapefile's; a zip: _zip_source).
DRIVER_PREFIX = {".gpkg": "GPKG:", ".geojson": "GeoJSON:", ".json": "GeoJSON:", ".shp": ""}
# GDAL reads no network: /vsicurl/ and the other network file systems find no file at all
# (only names ending in this never-used extension would be tried), and HTTP gives up at once.
GDAL_OFFLINE = {
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".gebrookerbos-no-network",
    "GDAL_HTTP_TIMEOUT": "1", "GDAL_HTTP_CONNECTTIMEOUT": "1", "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "CPL_VSIL_CURL_USE_HEAD": "NO",
}
pyogrio.set_gdal_config_options(GDAL_OFFLINE)


def _gdal_source(path: Path, layer: str | None) -> str:
    """What GDAL opens for ``path``: the app's own file with the driver fixed, never a path
    that names a GDAL virtual file system or another dataset."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _zip_source(path, layer)
    name = str(path.resolve())
    if name.startswith("/vsi") or ":" in name:
        raise ImportRefused("format:" + path.name)
    return DRIVER_PREFIX[suffix] + name


def _declared_encoding(source: str, layer: str | None) -> str | None:
    info = pyogrio.read_info(source, layer=layer)
    return info.get("encoding")


def _read_vector(path: Path, layer: str | None, encoding: str | None) -> gpd.GeoDataFrame:
    source = _gdal_source(path, layer)
    chosen = _choose_layer(source, None if path.suffix.lower() == ".zip" else layer)
    kwargs: dict[str, Any] = {"layer": chosen} if chosen is not None else {}
    is_shapefile = path.suffix.lower() in (".zip", ".shp")
    if encoding:
        kwargs["encoding"] = encoding
    elif is_shapefile and _declared_encoding(source, chosen) == "ISO-8859-1":
        # pyogrio reports ISO-8859-1 when the Shapefile declares nothing (no .cpg, no LDID):
        # today's files are UTF-8; other encodings must be declared.
        kwargs["encoding"] = "UTF-8"
    try:
        frame = pyogrio.read_dataframe(source, use_arrow=False, **kwargs)
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"encoding_file:{_first_line(exc)}") from exc
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns:
        raise ImportRefused("no_geometry_layer:")  # e.g. a GeoPackage layer that is only a table
    return frame


def _read_csv(path: Path, encoding: str | None) -> gpd.GeoDataFrame:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ImportRefused("file:binary data, not a CSV text file")
    try:
        text = raw.decode(encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        raise ImportRefused(f"encoding_file:{_first_line(exc)}") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ImportRefused(f"file:{_first_line(exc)}") from exc
    geom_col = next((c for c in frame.columns if str(c).strip().lower() in WKT_COLUMNS), None)
    if geom_col is None:
        raise ImportRefused(f"no_wkt_column:{', '.join(map(str, frame.columns))}")
    wkt = frame.pop(geom_col).astype(str).str.strip()
    srids = wkt.str.extract(_EWKT)[0].dropna().unique()
    crs = None
    if len(srids) == 1:
        crs = f"EPSG:{srids[0]}"
    wkt = wkt.str.replace(_EWKT, "", regex=True)
    geoms = shapely.from_wkt(wkt.where(wkt != "", None).to_numpy(), on_invalid="ignore")
    unreadable = np.flatnonzero(pd.isna(geoms) & (wkt != "").to_numpy())
    frame = frame.assign(_unreadable_wkt=False)
    frame.iloc[unreadable, frame.columns.get_loc("_unreadable_wkt")] = True
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms), crs=crs)


def _mb(size: int) -> str:
    """A size in MB for a message (no thousands separator: the same in every language)."""
    return f"{size / MB:.0f}" if size >= 10 * MB else f"{size / MB:.1f}"


def looks_like(head: bytes) -> str:
    """What the first bytes of a file say it is (a code for ``import.looks_like.*``)."""
    signatures = (
        (b"SQLite format 3\x00", "sqlite"), (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"),
        (b"MZ", "program"), (b"\x7fELF", "program"), (b"%PDF", "pdf"), (b"\x89PNG", "image"),
        (b"\xff\xd8\xff", "image"), (b"GIF8", "image"), (b"\x1f\x8b", "gzip"),
        (b"\x00\x00\x27\x0a", "shapefile"), (b"7z\xbc\xaf", "archive"),
        (b"Rar!", "archive"), (b"\xd0\xcf\x11\xe0", "office"),
    )
    if head[8:12] == b"DUCK":  # after an 8-byte checksum, which may begin like anything
        return "duckdb"
    for magic, kind in signatures:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "binary"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return "json" if text[:1] in (b"{", b"[") else "text"


def check_file(path: str | Path) -> None:
    """Refuse a file that is too large or is not what its name says, before reading it.

    Raises :class:`ImportRefused` (``too_large``, ``disguised``, or for a zip what
    :func:`check_zip` finds). A Shapefile's sidecar files count towards its size.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if suffix == ".shp":
        size += sum(p.stat().st_size for p in path.parent.glob(f"{glob.escape(path.stem)}.*")
                    if p != path and p.is_file())
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"too_large:{_mb(size)}|{_mb(MAX_FILE_BYTES)}")
    with path.open("rb") as f:
        head = f.read(4096)
    looks = looks_like(head)
    expected = EXPECTED_CONTENT.get(suffix)
    if expected is not None and looks not in expected:
        raise ImportRefused(f"disguised:{suffix}|@import.format_name.{suffix[1:]}|"
                            f"@import.looks_like.{looks}")
    if suffix == ".zip":
        check_zip(path)


def read_features(
    path: str | Path, *, layer: str | None = None, encoding: str | None = None,
) -> gpd.GeoDataFrame:
    """The features of a supported file as a GeoDataFrame (CRS as declared, or None).

    Raises :class:`ImportRefused` with ``kind:detail`` when the file cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise ImportRefused(f"missing:{path}")
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportRefused(f"format:{suffix or path.name}")
    if path.stat().st_size == 0:
        raise ImportRefused("file:empty file")
    try:
        check_file(path)
        if suffix == ".csv":
            return _read_csv(path, encoding)
        with warnings.catch_warnings():  # GDAL's warnings on broken files: we refuse them
            warnings.simplefilter("ignore", RuntimeWarning)
            return _read_vector(path, layer, encoding)
    except ImportRefused:
        raise
    except Exception as exc:  # GDAL, sqlite, zip, OS errors: a file we cannot read
        # What the library said stays in the server's log: it may name server paths.
        log.warning("import of %s refused, unreadable: %s", path.name, _first_line(exc))
        raise ImportRefused("unreadable:") from exc


# --------------------------------------------------------------------------------------
# Mapping attributes
# --------------------------------------------------------------------------------------


def _map_columns(frame: pd.DataFrame, report: ImportReport) -> pd.DataFrame:
    """The plot fields from the file's columns (recognised by name, case-insensitive)."""
    by_lower = {str(c).strip().lower(): c for c in frame.columns if c != "geometry"}
    out = pd.DataFrame(index=frame.index)
    used: set[str] = set()
    for target, aliases in ALIASES.items():
        for alias in (*aliases, *_SHAPEFILE_ALIASES.get(target, ())):
            if alias in by_lower and by_lower[alias] not in used:
                source = by_lower[alias]
                out[target] = frame[source]
                used.add(source)
                report.mapped_columns[str(source)] = target
                break
    for lower, source in by_lower.items():
        if source in used or source == "_unreadable_wkt":
            continue
        if lower in DERIVED:
            report.ignored_columns.append(str(source))
        else:
            report.unknown_columns.append(str(source))
    return out


def _as_text(series: pd.Series) -> pd.Series:
    """Values as stripped strings; empty and missing become NA."""
    if pd.api.types.is_float_dtype(series) and series.dropna().mod(1).eq(0).all():
        series = series.astype("Int64")
    text = series.astype("string").str.strip()
    return text.mask(text == "")


def _add(problems: list[pd.DataFrame], mask: np.ndarray | pd.Series, kind: str,
         detail: pd.Series | str = "") -> None:
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return
    idx = np.flatnonzero(mask)
    details = (detail.to_numpy()[idx] if isinstance(detail, pd.Series)
               else np.full(len(idx), detail, dtype=object))
    problems.append(pd.DataFrame({"row": idx, "kind": kind, "detail": details}))


def _coded(values: pd.Series, kind: str, problems: list[pd.DataFrame]) -> pd.Series:
    lowered = values.str.lower()
    mapped = lowered.map(_CODES[kind])
    bad = values.notna() & mapped.isna()
    _add(problems, bad, "invalid_value", kind + " = " + values.fillna(""))
    return mapped.fillna(_DEFAULTS[kind])


def _booleans(series: pd.Series, name: str, problems: list[pd.DataFrame]) -> pd.Series:
    if pd.api.types.is_bool_dtype(series):
        return series.fillna(False).astype(bool)
    text = _as_text(series)
    mapped = text.str.lower().map(_BOOLS)
    _add(problems, text.notna() & mapped.isna(), "invalid_value", name + " = " + text.fillna(""))
    return mapped.fillna(False).astype(bool)


def _dates(series: pd.Series, name: str, problems: list[pd.DataFrame]) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return pd.to_datetime(series).dt.date
    text = _as_text(series)
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    parsed = parsed.fillna(pd.to_datetime(text, format="%d-%m-%Y", errors="coerce"))
    parsed = parsed.fillna(pd.to_datetime(text, format="%Y/%m/%d", errors="coerce"))
    _add(problems, text.notna() & parsed.isna(), "invalid_value",
         name + " = " + text.fillna(""))
    return parsed.dt.date.astype(object).where(parsed.notna(), None)


# --------------------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------------------


def _looks_geographic(bounds: np.ndarray) -> np.ndarray:
    return (np.abs(bounds[:, [0, 2]]) <= 180).all(axis=1) & (
        np.abs(bounds[:, [1, 3]]) <= 90).all(axis=1)


def _crs_hint(bounds: np.ndarray) -> str:
    ok = ~np.isnan(bounds).any(axis=1)
    if not ok.any():
        return ""
    geographic = _looks_geographic(bounds[ok]).mean() > 0.5
    return "EPSG:4326 (WGS84)" if geographic else "EPSG:28992 (RD New)"


def _resolve_crs(declared: Any, given: str | int | None, bounds: np.ndarray,
                 report: ImportReport) -> CRS | None:
    given_crs = None
    if given not in (None, ""):
        text = str(given).strip()
        text = f"EPSG:{text}" if text.isdigit() else text
        try:
            given_crs = CRS.from_user_input(text)
        except Exception:  # pyproj raises CRSError; any failure means an unknown CRS
            _refuse(report, "crs_unknown", text)
            return None
    declared_crs = CRS.from_user_input(declared) if declared is not None else None
    if declared_crs is None and given_crs is None:
        _refuse(report, "no_crs", _crs_hint(bounds))
        return None
    if declared_crs is not None and given_crs is not None and not declared_crs.equals(
            given_crs, ignore_axis_order=True):
        _refuse(report, "crs_conflict",
                f"{declared_crs.to_string()} / {given_crs.to_string()}")
        return None
    return declared_crs or given_crs


def _municipality(con: duckdb.DuckDBPyConnection):
    wkb = db.fetch_value(con, "municipality_geometry_wkb", code=config.MUNICIPALITY_CODE)
    if wkb is None:
        return None
    geom = shapely.from_wkb(bytes(wkb)).buffer(MUNICIPALITY_TOLERANCE_M)
    shapely.prepare(geom)
    return geom


def _existing_ids(con: duckdb.DuckDBPyConnection, ids: pd.Series) -> set[str]:
    con.register("staging_import_ids", pd.DataFrame({"plot_id": ids.dropna().unique()}))
    try:
        return {r[0] for r in db.fetch_all(con, "existing_plot_ids_in_staging")}
    finally:
        con.unregister("staging_import_ids")


def validate(
    con: duckdb.DuckDBPyConnection, frame: gpd.GeoDataFrame, report: ImportReport, *,
    crs: str | int | None = None, repair: bool = False,
) -> pd.DataFrame | None:
    """Check every feature; returns the staging table for the insert (None when refused).

    Vectorised: every check runs on whole arrays (shapely 2 / pandas), not per feature.
    """
    n = len(frame)
    report.features = n
    if n == 0:
        _refuse(report, "no_features")
        return None
    problems: list[pd.DataFrame] = []
    warnings: list[pd.DataFrame] = []
    fields = _map_columns(frame, report)

    # --- required fields and values ----------------------------------------------------
    plot_id = _as_text(fields["plot_id"]) if "plot_id" in fields else pd.Series(
        pd.NA, index=frame.index, dtype="string")
    if "plot_id" not in fields:
        _refuse(report, "no_plot_id_column", ", ".join(map(str, frame.columns.drop(
            "geometry", errors="ignore"))))
        return None
    _add(problems, plot_id.isna(), "missing_plot_id")
    dup = plot_id.notna() & plot_id.duplicated(keep=False)
    _add(problems, dup, "duplicate_in_file", plot_id.fillna(""))
    existing = _existing_ids(con, plot_id)
    if existing:
        _add(problems, plot_id.isin(existing), "duplicate_existing", plot_id.fillna(""))

    staging = pd.DataFrame({"plot_id": plot_id.astype(object)}, index=frame.index)
    for name in TEXT_FIELDS:
        staging[name] = _as_text(fields[name]) if name in fields else pd.Series(
            pd.NA, index=frame.index, dtype="string")
    no_name = staging["name"].isna() & plot_id.notna()
    _add(warnings, no_name, "name_defaulted", plot_id.fillna(""))
    staging["name"] = staging["name"].fillna(plot_id)
    for kind in ("owner_type", "availability", "soil"):
        values = _as_text(fields[kind]) if kind in fields else pd.Series(
            pd.NA, index=frame.index, dtype="string")
        staging[kind] = _coded(values, kind, problems)
    # a new plot has no initiative yet, so it can only be available or unavailable (a plot
    # becomes reserved or in use when an initiative holds it: services.holding)
    _add(problems, ~staging["availability"].isin(list(holding.HAND_SET_AVAILABILITIES)),
         "availability_held", staging["availability"].astype("string").fillna(""))
    for name in BOOL_FIELDS:
        staging[name] = (_booleans(fields[name], name, problems) if name in fields
                         else False)
    for name in DATE_FIELDS:
        staging[name] = (_dates(fields[name], name, problems) if name in fields else None)
    has_both = staging["available_from"].notna() & staging["available_until"].notna()
    if has_both.any():
        wrong = has_both & (pd.to_datetime(staging["available_until"], errors="coerce")
                            < pd.to_datetime(staging["available_from"], errors="coerce"))
        _add(problems, wrong, "dates_order")

    # --- encoding: Dutch diacritics must arrive intact --------------------------------
    for name in TEXT_FIELDS:
        text = staging[name].astype("string")
        bad = text.str.contains(_MOJIBAKE, regex=True, na=False)
        _add(problems, bad, "encoding", name + " = " + text.fillna(""))
    bad_id = plot_id.str.contains(_MOJIBAKE, regex=True, na=False)
    _add(problems, bad_id, "encoding", "plot_id = " + plot_id.fillna(""))

    # --- geometry: presence, type ------------------------------------------------------
    geoms = shapely.force_2d(np.asarray(frame.geometry.array, dtype=object))
    missing = pd.isna(geoms)
    if "_unreadable_wkt" in frame:
        unreadable = frame["_unreadable_wkt"].to_numpy(dtype=bool)
        _add(problems, unreadable, "unreadable_wkt")
        missing &= ~unreadable
    _add(problems, missing, "no_geometry")
    present = ~pd.isna(geoms)
    empty = present & shapely.is_empty(geoms)
    _add(problems, empty, "empty_geometry")
    type_ids = shapely.get_type_id(geoms)
    polygonal = np.isin(type_ids, (3, 6))
    wrong_type = present & ~empty & ~polygonal
    type_names = pd.Series(shapely.geometry.base.GEOMETRY_TYPES, dtype=object)
    _add(problems, wrong_type, "geometry_type",
         pd.Series(type_names.reindex(type_ids).to_numpy()).fillna("?").astype(str))
    usable = present & ~empty & polygonal

    # --- CRS and axis order -----------------------------------------------------------
    bounds = shapely.bounds(geoms)
    source_crs = _resolve_crs(frame.crs, crs, bounds[usable], report)
    if source_crs is None:
        return None
    report.crs = source_crs.to_string()
    # x > y happens nowhere in the Netherlands, in RD New and in lon/lat alike
    axes_known = source_crs.is_geographic or source_crs.equals(
        CRS.from_user_input(config.RD_NEW), ignore_axis_order=True)
    swapped = usable & (bounds[:, 0] > bounds[:, 3]) & axes_known
    if swapped.any():
        geoms[swapped] = shapely.transform(geoms[swapped], lambda c: c[:, ::-1])
        _add(warnings, swapped, "axes_swapped")
        bounds = shapely.bounds(geoms)
    geographic = _looks_geographic(bounds)
    # projected coordinates of a Dutch town are never all within +-180 / +-90
    mismatch = usable & (~geographic if source_crs.is_geographic else geographic)
    _add(problems, mismatch,
         "crs_metres" if source_crs.is_geographic else "crs_degrees", report.crs)
    usable &= ~mismatch
    rd = gpd.GeoSeries(geoms, crs=source_crs)
    if not CRS.from_user_input(config.RD_NEW).equals(source_crs, ignore_axis_order=True):
        rd = rd.to_crs(config.RD_NEW)
    geoms = np.asarray(rd.array, dtype=object)
    transformed_bad = usable & ~np.isfinite(shapely.bounds(geoms)).all(axis=1)
    _add(problems, transformed_bad, "crs_transform", report.crs)
    usable &= ~transformed_bad

    # --- validity (repair only on request) --------------------------------------------
    valid = np.zeros(n, dtype=bool)
    valid[usable] = shapely.is_valid(geoms[usable])
    invalid = usable & ~valid
    if invalid.any():
        if repair:
            fixed = np.array([_polygonal(g) for g in shapely.make_valid(
                geoms[invalid], method="structure", keep_collapsed=False)], dtype=object)
            failed = np.zeros(n, dtype=bool)
            failed[invalid] = pd.isna(fixed)
            geoms[invalid] = fixed
            _add(problems, failed, "repair_failed")
            usable &= ~failed
            invalid &= ~failed
            _add(warnings, invalid, "repaired")
        else:
            reasons = pd.Series(pd.NA, index=range(n), dtype=object)
            reasons[np.flatnonzero(invalid)] = shapely.is_valid_reason(geoms[invalid])
            _add(problems, invalid, "invalid_geometry", reasons.fillna("").astype(str))
            usable &= ~invalid
    areas = np.zeros(n)
    areas[usable] = shapely.area(geoms[usable])
    too_small = usable & (areas < MIN_AREA_M2)
    _add(problems, too_small, "too_small",
         pd.Series(np.round(areas, 2)).astype(str))
    usable &= ~too_small

    # --- inside the municipality ------------------------------------------------------
    gemeente = _municipality(con)
    if gemeente is None:
        _refuse(report, "not_initialised")
        return None
    inside = np.zeros(n, dtype=bool)
    inside[usable] = shapely.within(geoms[usable], gemeente)
    outside = usable & ~inside
    if outside.any():
        dist = np.zeros(n)
        dist[outside] = shapely.distance(geoms[outside], gemeente) + MUNICIPALITY_TOLERANCE_M
        _add(problems, outside, "outside_municipality",
             pd.Series(np.round(dist / 1000, 1)).astype(str))

    # --- the report -----------------------------------------------------------------------
    ids = plot_id.astype(object).where(plot_id.notna(), None).to_numpy()
    report.problems.extend(_collect(problems, ids))
    report.warnings.extend(_collect(warnings, ids))
    if report.problems:
        return None
    staging["wkb"] = shapely.to_wkb(geoms)
    staging["area_m2"] = shapely.area(geoms)
    for name in TEXT_FIELDS:
        staging[name] = staging[name].astype(object).where(staging[name].notna(), None)
    return staging.reset_index(drop=True)


def _polygonal(geom: Any) -> Any:
    """The polygonal part of a repaired geometry (None when nothing polygonal is left)."""
    if geom is None or shapely.is_empty(geom):
        return None
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    polys = [p for p in shapely.get_parts(geom, recursive=True) if shapely.get_type_id(p) == 3]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.multipolygons(polys)


def _collect(frames: list[pd.DataFrame], ids: np.ndarray) -> list[Problem]:
    if not frames:
        return []
    allp = pd.concat(frames, ignore_index=True).sort_values("row", kind="stable")
    return [
        Problem(kind, feature=int(row) + 1, plot_id=ids[row], detail=str(detail))
        for row, kind, detail in allp[["row", "kind", "detail"]].itertuples(index=False)
    ]


# --------------------------------------------------------------------------------------
# The import
# --------------------------------------------------------------------------------------


def _refused_from(report: ImportReport, exc: ImportRefused) -> ImportReport:
    kind, _, detail = str(exc).partition(":")
    if kind == "layer":
        wanted, _, available = detail.partition("|")
        return _refuse(report, "layer", f"{wanted} ({available})")
    if kind == "layers":
        return _refuse(report, "layers", detail)
    return _refuse(report, kind, detail)


def import_plots(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    layer: str | None = None,
    crs: str | int | None = None,
    dry_run: bool = False,
    repair: bool = False,
    actor: Actor,
    encoding: str | None = None,
    file_name: str | None = None,
) -> ImportReport:
    """Import the plots of a file, all or nothing; returns the report.

    Nothing changes unless every feature passes (``report.ok``). After the insert: area
    from the RD New geometry, buurt by the largest overlap, a first plot event with the
    initial availability, an audit entry per plot, and the dataset marked as own data.
    ``file_name`` names the file in the audit trail (e.g. the name of an uploaded file).
    """
    username = require(con, actor, Action.IMPORT_PLOTS).name
    report = ImportReport(str(file_name or path), dry_run=dry_run)
    try:
        frame = read_features(path, layer=layer, encoding=encoding)
    except ImportRefused as exc:
        return _refused_from(report, exc)
    staging = validate(con, frame, report, crs=crs, repair=repair)
    if staging is None or dry_run:
        return report
    columns = ["plot_id", "name", "location_description", "owner_type", "owner_name",
               "zoning", "soil", *BOOL_FIELDS, "availability", *DATE_FIELDS, "notes", "wkb"]
    table = staging[columns].copy()
    for name in DATE_FIELDS:
        table[name] = pd.to_datetime(table[name], errors="coerce").astype("datetime64[ms]")
    name = Path(file_name or path).name
    con.register("staging_import_plots", table)
    try:
        with db.transaction(con):
            db.execute(con, "insert_imported_plots", username=username)
            db.execute(con, "assign_plot_buurten")
            db.execute(con, "record_plot_places")
            holding.change_availability(
                con, [holding.AvailabilityChange(plot_id, None, availability,
                                                 note=f"import {name}",
                                                 audit_extra={"file": name})
                      for plot_id, availability in zip(table["plot_id"], table["availability"],
                                                       strict=True)],
                by=username, on_date=date.today(), action="import",
            )
            db.execute(con, "set_meta", key="dataset", value="own")
    except duckdb.Error as exc:
        report.problems.append(Problem("database", detail=_first_line(exc)))
        return report
    finally:
        con.unregister("staging_import_plots")
    report.imported = len(table)
    return report
