"""The plot layer of the map at scale: built from DuckDB, served by the app as a file.

A plain folium GeoJSON layer of 100,000 plots is 46 MB of page and takes 14 s to build.
Here the browser gets one of two things, whatever it can draw within a budget:

* **detail**: the full outline of every shown plot in and around the viewport (every vertex,
  coordinates to 6 decimals, about 10 cm), when they fit :data:`DETAIL_MAX_PLOTS` plots and
  :data:`DETAIL_MAX_VERTICES` vertices; at close zoom that is always the case.
* **points**: otherwise every shown plot as one point inside it (uint16 coordinates in
  base64, one colour digit, the plot id): about 20 bytes a plot, drawn on one canvas.
* **raster**: above :data:`RASTER_MIN_PLOTS` shown plots the same dots drawn on the server
  into one PNG of the view (:mod:`gebrookerbos.maps.overview`): its size is bounded by its
  pixels, not by the number of plots (a million plots, all of Heerlen: a few hundred kB).
  A click is answered on the server (:func:`pick`), from the point clicked.

The layer is written once to the app's static folder under the hash of its content
(``/app/static/cache/map/<hash>.json``) and fetched by the map's own script
(:mod:`gebrookerbos.maps.plot_map`), so the page itself stays small and a rerun that changes
nothing sends nothing. The file holds public columns only (id, name, area, status, colour).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from gebrookerbos import db, i18n
from gebrookerbos.maps import assets, overview
from gebrookerbos.maps.style import (
    AVAILABILITY_COLOURS,
    STAGE_COLOURS,
    ColourBy,
    colours_of,
    hatched,
)

DETAIL_MAX_PLOTS = 4_000
DETAIL_MAX_VERTICES = 80_000
FULL_DETAIL_ZOOM = 17  # from here on outlines are drawn whatever the budget says
CACHE_DIR = assets.LAYER_DIR
# The layer files of past filters and views are pruned whenever a new one is written: the
# oldest beyond these bounds, and any file not used for CACHE_IDLE_SECONDS. (Streamlit turns
# static serving off at start-up when static/ holds more than 1 GB.)
CACHE_MAX_FILES = 400
CACHE_MAX_BYTES = 256 * 2**20
# A file used (written, or found again) this recently is never pruned: the page that got its
# URL fetches it right away, and the app hands out a URL from its cache for at most 60 s
# (ui.plot_layer, which writes the file again if it was pruned meanwhile).
CACHE_KEEP_SECONDS = 300
CACHE_IDLE_SECONDS = 3_600
# Above this even files used just now go (least recently used first, never the one being
# written): what many sessions could write within CACHE_KEEP_SECONDS stays bounded on disk,
# and under Streamlit's 1 GB.
CACHE_HARD_BYTES = 768 * 2**20
# What one session may have drawn for it: at most this many views of its own within
# VIEW_WINDOW_SECONDS (each may be a new file); beyond that its maps get the overview layer
# (one shared file) until the window has passed. A person panning a large map uses a few
# dozen in that time (a small pan keeps its view, see candidate_regions).
SESSION_MAX_VIEWS = 120
VIEW_WINDOW_SECONDS = 600
MAX_ZOOM = 22  # the deepest zoom a map reports (Leaflet's own limit is lower)

RASTER_MIN_PLOTS = 150_000  # above this the overview is a picture of the dots
RASTER_OPEN_ZOOM = 13  # the picture before the browser has reported a view
RASTER_MAX_PX = 3_000

DETAIL = "detail"
POINTS = "points"
RASTER = "raster"
LAYER_COLUMNS = ("plot_id", "name", "area_m2", "availability", "stage")  # used of ``shown``

PLACE_COLUMNS = ("lon", "lat", "west", "south", "east", "north", "vertices")


@dataclass(frozen=True)
class Viewport:
    """What the browser shows: a WGS84 box and the zoom level."""

    west: float
    south: float
    east: float
    north: float
    zoom: int


@dataclass(frozen=True)
class PlotLayer:
    """The plot layer as served: where, how it is drawn, and how much it holds."""

    url: str
    mode: str  # DETAIL or POINTS
    drawn: int  # plots in the file
    total: int  # plots shown by the filter
    nbytes: int
    region: tuple[float, float, float, float] | None = None  # box of a detail layer
    ranked: int = 0  # plots drawn with a rank (best matches)


@dataclass(frozen=True)
class Emphasis:
    """What stands out on a layer, as properties of its plots (never a second layer).

    ``ranks``: plot ids in rank order (the best matches): drawn with a thick dashed
    outline and their number. ``marked``: plots drawn with a strong edge while the
    others are fainter (an initiative's plots, the available plots on the screen).
    """

    ranks: tuple[str, ...] = ()
    marked: frozenset[str] = frozenset()

    def rank_of(self, ids: Sequence[str]) -> np.ndarray:
        """1-based rank of each id (0: not ranked)."""
        ranks = np.zeros(len(ids), dtype=np.int64)
        if self.ranks:
            where = pd.Index(self.ranks).get_indexer(pd.Index(ids))
            ranks[where >= 0] = where[where >= 0] + 1
        return ranks

    def marks_of(self, ids: Sequence[str]) -> np.ndarray:
        """Whether each id is marked."""
        if not self.marked:
            return np.zeros(len(ids), dtype=bool)
        return pd.Index(ids).isin(list(self.marked))


NO_EMPHASIS = Emphasis()


def palette(colour_by: ColourBy) -> list[str]:
    """The colours in legend order; a plot's colour is an index into this list."""
    colours = AVAILABILITY_COLOURS if colour_by == ColourBy.AVAILABILITY else STAGE_COLOURS
    return list(colours.values())


def drawing(colour_by: ColourBy) -> dict:
    """How the browser draws each colour index: fill (``palette``), ``outlines`` and which
    are ``hatched`` (see :mod:`gebrookerbos.maps.style`)."""
    fills, outlines = colours_of(colour_by)
    return {"palette": list(fills.values()), "outlines": list(outlines.values()),
            "hatched": hatched(colour_by)}


def colour_indices(shown: pd.DataFrame, colour_by: ColourBy) -> np.ndarray:
    """Each plot's index into :func:`palette` (an unknown code gets the last: grey)."""
    if colour_by == ColourBy.AVAILABILITY:
        keys, values = list(AVAILABILITY_COLOURS), shown["availability"]
    else:
        keys, values = list(STAGE_COLOURS), shown["stage"].fillna("none")
    codes = pd.Categorical(values, categories=keys).codes.astype(np.int64)
    codes[codes < 0] = len(keys) - 1
    return codes


def _fits(plots: int, vertices: int) -> bool:
    return plots <= DETAIL_MAX_PLOTS and vertices <= DETAIL_MAX_VERTICES


def candidate_regions(view: Viewport) -> Iterator[tuple[float, float, float, float]]:
    """Boxes to draw in detail, largest first: the viewport with a margin of a quarter on
    each side, then the viewport; both snapped outward to the map's tiles (256 px) at the
    zoom level, so a small pan keeps the same box, file and layer (nothing is sent or
    redrawn); last the viewport itself."""
    step_x = 360.0 / 2 ** min(max(view.zoom, 0), MAX_ZOOM)
    step_y = step_x / 2  # a tile spans about half as many degrees of latitude in NL
    width, height = view.east - view.west, view.north - view.south
    for margin in (0.25, 0.0):
        yield (
            math.floor((view.west - margin * width) / step_x) * step_x,
            math.floor((view.south - margin * height) / step_y) * step_y,
            math.ceil((view.east + margin * width) / step_x) * step_x,
            math.ceil((view.north + margin * height) / step_y) * step_y,
        )
    yield (view.west, view.south, view.east, view.north)


def plot_layer(
    con: duckdb.DuckDBPyConnection,
    shown: pd.DataFrame,
    colour_by: ColourBy,
    lang: str,
    view: Viewport | None = None,
    *,
    emphasis: Emphasis = NO_EMPHASIS,
    labels: pd.DataFrame | None = None,
    picture_above: int | None = None,
    static_dir: Path,
) -> PlotLayer:
    """The layer of the ``shown`` plots for this view, written to the static folder.

    ``static_dir``: the folder Streamlit serves at /app/static (``static/`` beside the main
    script, see :func:`gebrookerbos.ui.static_dir`); the file goes to its ``cache/map/``.

    ``shown`` are rows of ``filtered_plots`` (or a frame with the same ``plot_id``,
    ``name``, ``area_m2``, ``availability`` and ``stage`` columns): they are drawn exactly,
    colours and all; the geometry comes from the database by id. ``labels``: the cached
    :func:`label_points` of all plots, if the caller has them. ``emphasis``: the ranked
    and marked plots (properties of this same layer). ``picture_above``: from how many
    plots the overview is a picture (default :data:`RASTER_MIN_PLOTS`; a map nobody clicks,
    the public screen, takes a picture as soon as the outlines do not fit).
    """
    total = len(shown)
    places = aligned(con, shown, labels)  # each shown plot's point, box and vertex count
    if total <= DETAIL_MAX_PLOTS and _fits(total, int(places["vertices"].sum())):
        return _write(detail_payload(con, shown, colour_by, lang, emphasis, places), DETAIL,
                      total, total, None, static_dir, emphasis)
    if view is not None:
        regions = list(candidate_regions(view))
        for i, region in enumerate(regions):
            rows = rows_in_box(places, region)
            close = view.zoom >= FULL_DETAIL_ZOOM and i == len(regions) - 1
            if close or _fits(len(rows), int(places["vertices"].to_numpy()[rows].sum())):
                part = shown.iloc[rows]
                return _write(detail_payload(con, part, colour_by, lang, emphasis,
                                             places.iloc[rows]),
                              DETAIL, len(part), total, region, static_dir, emphasis)
    if total > (RASTER_MIN_PLOTS if picture_above is None else picture_above):
        return _raster(shown, places, colour_by, view, emphasis, static_dir)
    return _write(points_payload(con, shown, colour_by, places, emphasis), POINTS, total, total,
                  None, static_dir, emphasis)


def aligned(con: duckdb.DuckDBPyConnection, shown: pd.DataFrame,
            labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """The places (:data:`PLACE_COLUMNS` of :func:`label_points`) of the shown plots, in
    their order and indexed by their ids (from ``labels``, the cached ones, where it has
    them; plots newer than those are fetched). Taken by position, column by column: a
    million plots in a few milliseconds."""
    ids = shown["plot_id"]
    if labels is None:
        labels = label_points(con, list(ids))
    where = labels.index.get_indexer(ids)  # positions: one hash lookup per plot
    if (where < 0).any():
        labels = pd.concat([labels, label_points(con, list(ids.to_numpy()[where < 0]))])
        where = labels.index.get_indexer(ids)
    return pd.DataFrame({c: labels[c].to_numpy()[where] for c in PLACE_COLUMNS},
                        index=pd.Index(ids), copy=False)  # (no copy into one block)


def rows_in_box(places: pd.DataFrame, box: tuple[float, float, float, float]) -> np.ndarray:
    """Positions of the plots (rows of :func:`aligned`) whose bounding box meets a WGS84 box."""
    west, south, east, north = box
    return np.flatnonzero(
        (places["east"].to_numpy() >= west) & (places["west"].to_numpy() <= east)
        & (places["north"].to_numpy() >= south) & (places["south"].to_numpy() <= north))


def _raster(shown: pd.DataFrame, places: pd.DataFrame, colour_by: ColourBy,
            view: Viewport | None, emphasis: Emphasis, static_dir: Path) -> PlotLayer:
    """The overview as a picture: the region around the view (or all shown plots before
    the browser has reported one) at the view's zoom, and a small JSON that places it."""
    lon, lat = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
    if view is not None:
        box, zoom = next(candidate_regions(view)), view.zoom
    elif len(lon):
        pad = 0.002
        box = (float(np.nanmin(lon)) - pad, float(np.nanmin(lat)) - pad,
               float(np.nanmax(lon)) + pad, float(np.nanmax(lat)) + pad)
        zoom = RASTER_OPEN_ZOOM
    else:
        box, zoom = (5.9, 50.8, 6.1, 51.0), RASTER_OPEN_ZOOM
    picture = overview.render_dots(lon, lat, colour_indices(shown, colour_by), palette(colour_by),
                                   box, zoom, max_px=RASTER_MAX_PX)
    png = _store(picture.png, "png", static_dir)
    n = len(shown)
    ranks = emphasis.rank_of(shown["plot_id"])
    ranked = [[round(float(lon[i]), 6), round(float(lat[i]), 6), int(ranks[i])]
              for i in np.flatnonzero(ranks)]
    text = json.dumps({"mode": RASTER, "palette": palette(colour_by), "n": n,
                       "png": png, "box": list(picture.box), "zoom": zoom, "r": ranked},
                      separators=(",", ":"))
    return _write(text, RASTER, n, n, tuple(picture.box), static_dir, emphasis,
                  extra_bytes=len(picture.png))


def pick(lon: np.ndarray, lat: np.ndarray, at_lon: float, at_lat: float, zoom: float) -> int:
    """Which plot a click on the picture meant: the index of the nearest dot within its
    radius and a few pixels (as on the canvas of dots), or -1."""
    return overview.nearest(lon, lat, at_lon, at_lat, zoom, overview.dot_radius(zoom) + 3)


def detail_payload(
    con: duckdb.DuckDBPyConnection, shown: pd.DataFrame, colour_by: ColourBy, lang: str,
    emphasis: Emphasis = NO_EMPHASIS, places: pd.DataFrame | None = None,
) -> str:
    """A GeoJSON FeatureCollection of the full outlines, with display properties.

    Each feature: ``plot_id``, ``name``, ``area`` (text), ``status`` (availability and
    stage in ``lang``) and ``c`` (colour index); a ranked plot also ``r`` (its rank) and
    ``rp`` (a point inside it, for the number), a marked one ``m``. Geometry text comes
    from DuckDB as is.
    """
    ids = list(shown["plot_id"])
    geometry = dict(db.fetch_all(con, "map_plot_geometries", ids=ids)) if ids else {}
    ranks, marks = emphasis.rank_of(ids), emphasis.marks_of(ids)
    ranked_ids = [p for p, r in zip(ids, ranks, strict=True) if r]
    inside = (places if places is not None else label_points(con, ranked_ids)) \
        if ranked_ids else None
    avail = {a: i18n.label("availability", a, lang) for a in AVAILABILITY_COLOURS}
    stages = {s: i18n.label("stage", s, lang) for s in STAGE_COLOURS if s != "none"}
    colours = colour_indices(shown, colour_by)
    features = []
    for row, c, rank, marked in zip(
        shown[["plot_id", "name", "area_m2", "availability", "stage"]].itertuples(index=False),
        colours, ranks, marks, strict=True,
    ):
        status = avail.get(row.availability, str(row.availability))
        if isinstance(row.stage, str):
            status = f"{status} · {stages.get(row.stage, row.stage)}"
        props = {"plot_id": row.plot_id, "name": row.name, "area": i18n.format_area(row.area_m2),
                 "status": status, "c": int(c)}
        if rank:
            point = inside.loc[row.plot_id]
            props.update(r=int(rank), rp=[round(float(point["lon"]), 6),
                                          round(float(point["lat"]), 6)])
        if marked:
            props["m"] = 1
        props = json.dumps(props, ensure_ascii=False, separators=(",", ":"))
        features.append(
            f'{{"type":"Feature","properties":{props},"geometry":{geometry[row.plot_id]}}}'
        )
    head = json.dumps({"type": "FeatureCollection", "mode": DETAIL, **drawing(colour_by),
                       "marked": bool(marks.any())},
                      separators=(",", ":"))
    return head[:-1] + ',"features":[' + ",".join(features) + "]}"


def label_points(con: duckdb.DuckDBPyConnection, plot_ids: Sequence[str] | None = None
                 ) -> pd.DataFrame:
    """Every plot's place on the map (all plots, or those of ``plot_ids``), in WGS84: a point
    inside it (``lon``, ``lat``: its dot), its bounding box (``west``, ``south``, ``east``,
    ``north``) and its number of ``vertices``; indexed by plot id.

    The places are kept in the database with the plots (table ``plot_places``, derived from
    the geometry when a plot is written), so this only reads them: the same for every
    filter, and the app caches it.
    """
    if plot_ids is None:
        found = db.execute(con, "map_plot_index").fetchnumpy()
    elif len(plot_ids):
        found = db.execute(con, "map_plot_index_of", ids=list(plot_ids)).fetchnumpy()
    else:
        found = {c: np.array([], dtype=object if c == "plot_id" else float)
                 for c in ("plot_id", *PLACE_COLUMNS)}
    ids = found["plot_id"]
    frame = pd.DataFrame({"plot_id": ids, **{c: np.asarray(found[c], dtype=float)
                                             for c in PLACE_COLUMNS[:-1]}},
                         index=pd.Index(ids))  # looked up by id (the index keeps its hash)
    frame["vertices"] = np.asarray(found["vertices"], dtype=np.int64)
    return frame


def bounds_of(boxes: pd.DataFrame, plot_ids: Sequence[str],
              fallback: tuple[float, float, float, float], margin: float = 0.0015
              ) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the plots ``plot_ids`` (``boxes``: rows of
    :func:`label_points`), with ``margin`` degrees (~150 m); ``fallback`` when there are none."""
    where = boxes.index.get_indexer(list(plot_ids))  # positions (no Arrow isin)
    found = boxes.iloc[where[where >= 0]]
    if found.empty:
        return fallback
    return (float(found["west"].min()) - margin, float(found["south"].min()) - margin,
            float(found["east"].max()) + margin, float(found["north"].max()) + margin)


def points_of(con: duckdb.DuckDBPyConnection, shown: pd.DataFrame,
              labels: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """lon and lat of a point inside each shown plot, in their order (see :func:`aligned`)."""
    places = aligned(con, shown, labels)
    return places["lon"].to_numpy(float), places["lat"].to_numpy(float)


def points_payload(con: duckdb.DuckDBPyConnection, shown: pd.DataFrame, colour_by: ColourBy,
                   labels: pd.DataFrame | None = None,
                   emphasis: Emphasis = NO_EMPHASIS) -> str:
    """Every shown plot as one point inside it, compactly encoded (see the module doc).

    ``labels`` (from :func:`label_points`) saves the query when the caller caches it.
    Ranked plots are listed in ``r`` as [index, rank] pairs, marked ones in ``m`` (indices).
    """
    ids = list(shown["plot_id"])
    lon, lat = points_of(con, shown, labels)
    origin = [float(lon.min()), float(lat.min())] if len(ids) else [0.0, 0.0]
    step = [
        max((float(lon.max()) - origin[0]) / 65535, 1e-7) if len(ids) else 1e-7,
        max((float(lat.max()) - origin[1]) / 65535, 1e-7) if len(ids) else 1e-7,
    ]
    xy = np.empty(2 * len(ids), dtype="<u2")
    xy[0::2] = np.rint((lon - origin[0]) / step[0]).clip(0, 65535)
    xy[1::2] = np.rint((lat - origin[1]) / step[1]).clip(0, 65535)
    colours = colour_indices(shown, colour_by)
    ranks, marks = emphasis.rank_of(ids), emphasis.marks_of(ids)
    return json.dumps(
        {
            "mode": POINTS,
            "r": [[int(i), int(ranks[i])] for i in np.flatnonzero(ranks)],
            "m": [int(i) for i in np.flatnonzero(marks)],
            **drawing(colour_by),
            "n": len(ids),
            "origin": origin,
            "step": step,
            "xy": base64.b64encode(xy.tobytes()).decode("ascii"),
            "c": (colours.astype(np.uint8) + 48).tobytes().decode("ascii"),
            "ids": ids,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_points(payload: dict) -> pd.DataFrame:
    """The points of a points payload back as plot_id, lon, lat, c (for tests and checks)."""
    xy = np.frombuffer(base64.b64decode(payload["xy"]), dtype="<u2").astype(float)
    return pd.DataFrame({
        "plot_id": payload["ids"],
        "lon": payload["origin"][0] + xy[0::2] * payload["step"][0],
        "lat": payload["origin"][1] + xy[1::2] * payload["step"][1],
        "c": [int(ch) for ch in payload["c"]],
    })


def cache_dir(static_dir: Path) -> Path:
    """The layer files' folder in ``static_dir`` (created; ``static/`` is git-ignored)."""
    target = static_dir / CACHE_DIR
    target.mkdir(parents=True, exist_ok=True)
    return target


def layer_path(url: str, static_dir: Path) -> Path:
    """The file behind a layer URL."""
    return static_dir / url.removeprefix(assets.STATIC_URL + "/")


def _store(data: bytes, suffix: str, static_dir: Path) -> str:
    """Write ``data`` to the cache under the hash of its content; returns its URL."""
    digest = hashlib.sha256(data).hexdigest()[:24]
    folder = cache_dir(static_dir)
    path = folder / f"{digest}.{suffix}"
    if path.exists():
        os.utime(path)
    else:
        tmp = folder / f".{digest}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, path)
        prune_cache(static_dir, keep=path)
    return f"{assets.STATIC_URL}/{CACHE_DIR}/{digest}.{suffix}"


def _write(text: str, mode: str, drawn: int, total: int,
           region: tuple[float, float, float, float] | None, static_dir: Path,
           emphasis: Emphasis = NO_EMPHASIS, extra_bytes: int = 0) -> PlotLayer:
    data = text.encode("utf-8")
    return PlotLayer(
        url=_store(data, "json", static_dir), mode=mode, drawn=drawn, total=total,
        nbytes=len(data) + extra_bytes, region=region, ranked=len(emphasis.ranks),
    )


def prune_cache(static_dir: Path, now: float | None = None,
                keep: Path | None = None) -> list[Path]:
    """Drop the layer files that are not needed any more: those not used for
    :data:`CACHE_IDLE_SECONDS`, then the least recently used ones while the cache holds more
    than :data:`CACHE_MAX_FILES` files or :data:`CACHE_MAX_BYTES`; never one used in the
    last :data:`CACHE_KEEP_SECONDS`, unless the cache holds more than
    :data:`CACHE_HARD_BYTES`; never ``keep`` (the file just written). Returns the files
    removed."""
    folder = static_dir / CACHE_DIR
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    files = []
    for path in [*folder.glob("*.json"), *folder.glob("*.png")]:
        try:
            info = path.stat()
        except FileNotFoundError:
            continue
        files.append((info.st_mtime, info.st_size, path))
    files.sort()  # least recently used first
    count, size = len(files), sum(f[1] for f in files)
    removed = []
    for mtime, nbytes, path in files:
        idle = now - mtime
        if path == keep:
            continue
        if idle < CACHE_KEEP_SECONDS and size <= CACHE_HARD_BYTES:
            break  # this one and all after it were used just now
        if (CACHE_KEEP_SECONDS <= idle < CACHE_IDLE_SECONDS and count <= CACHE_MAX_FILES
                and size <= CACHE_MAX_BYTES):
            break
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        count, size = count - 1, size - nbytes
        removed.append(path)
    return removed


class ViewBudget:
    """How many views of its own one session has had drawn lately (see
    :data:`SESSION_MAX_VIEWS`): :meth:`allows` says whether this one may be drawn for it."""

    def __init__(self, limit: int | None = None, window: float | None = None):
        self.limit = SESSION_MAX_VIEWS if limit is None else limit
        self.window = VIEW_WINDOW_SECONDS if window is None else window
        self._seen: dict[tuple, float] = {}  # a view's box: when it was first drawn

    def allows(self, view: Viewport, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        self._seen = {v: t for v, t in self._seen.items() if now - t < self.window}
        # A view counts by the tile-snapped box its layer is made for: a small pan inside
        # that box is the same view (and the same file).
        key = (view.zoom, next(candidate_regions(view)))
        if key in self._seen:
            return True
        if len(self._seen) >= self.limit:
            return False
        self._seen[key] = now
        return True


def plot_outline(con: duckdb.DuckDBPyConnection, plot_id: str) -> dict | None:
    """The selected plot: outline (GeoJSON text, WGS84) and the point the overview draws."""
    row = db.fetch_one(con, "map_plot_outline", plot_id=plot_id)
    if row is None:
        return None
    return {"plot_id": plot_id, "geojson": row[0], "lon": row[1], "lat": row[2]}
