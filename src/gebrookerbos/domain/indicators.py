"""Neighbourhood indicators: CBS figures and programme figures per buurt and wijk.

The SQL (``queries/indicators.sql``) fetches raw figures; this module assembles them into
indicators with pure pandas, so every definition lives in one place:

* **inhabitants**, **households**: the CBS counts of the year shown (buurt counts are
  rounded by CBS to multiples of 5).
* **share 65+** (%): persons aged 65 or over / inhabitants x 100 (2016-2020); for 2024
  CBS publishes the percentage itself (``pct_65plus``, whole percent).
* **density** (inhabitants per km2): inhabitants / CBS land area (``oppervlakte_land_ha``
  / 100) where CBS gives the area (2024); for 2016-2020, whose table has no area fields, the
  density CBS published (``Bevolking_Bevolkingsdichtheid``, also per km2 land). Never the
  area of the generalised polygons.
* **population change 2016-2020** (%): (inhabitants 2020 - 2016) / 2016 x 100; negative
  means shrinkage.
* **change in share 65+ 2016-2020** (percentage points): share 2020 - share 2016.
* programme figures from the plot register: number of plots, m2 available, m2 in use,
  initiatives per stage (distinct initiatives with a plot in the area), active initiatives
  (idea up to and including in progress) and m2 in use per 1,000 inhabitants (the latest
  CBS inhabitants of the area).

CBS values that are empty stay unknown (NaN) all the way; nothing unknown becomes 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import Stage
from gebrookerbos.domain.auth import PUBLIC, Action, Actor, allowed, i18n

LEVELS: tuple[str, ...] = ("buurt", "wijk")
CHANGE_FROM, CHANGE_TO = 2016, 2020

# CBS variable names per table (see geodata/PROVENANCE.md and geography.read_figures).
VARIABLES_2016_2020: dict[str, str] = {
    "inhabitants": "Bevolking_Aantal_inwoners",
    "persons_65plus": "Bevolking_Leeftijdsgroepen_65_jaar_of_ouder",
    "households": "Bevolking_Particuliere_huishoudens_Huishoudens_totaal",
    "density_published": "Bevolking_Bevolkingsdichtheid",
}
VARIABLES_2024: dict[str, str] = {
    "inhabitants": "inwoners",
    "pct_65plus": "pct_65plus",
    "households": "huishoudens",
    "density_published": "bevolkingsdichtheid",
    "land_ha": "oppervlakte_land_ha",
}
RAW_FIELDS: tuple[str, ...] = (
    "inhabitants", "persons_65plus", "pct_65plus", "households", "density_published", "land_ha",
)
ACTIVE_STAGES: tuple[Stage, ...] = (
    Stage.IDEA, Stage.EXPLORING, Stage.PLAN, Stage.APPROVED, Stage.IN_PROGRESS,
)


@dataclass(frozen=True)
class Indicator:
    """One indicator: what the map, the table and the export show."""

    key: str
    label_key: str  # i18n key of the label
    unit_key: str  # i18n key of the unit
    kind: str  # "cbs" (figure of one year), "cbs_change" (2016-2020), "programme"
    levels: frozenset[str]
    decimals: int = 0

    def label(self, lang: str) -> str:
        return i18n.t(self.label_key, lang)

    def unit(self, lang: str) -> str:
        return i18n.t(self.unit_key, lang)

    @property
    def is_cbs(self) -> bool:
        return self.kind in ("cbs", "cbs_change")


_ALL = frozenset({"buurt", "wijk", "gemeente"})

INDICATORS: tuple[Indicator, ...] = (
    Indicator("inhabitants", "ind.inhabitants", "unit.count", "cbs", _ALL),
    Indicator("share_65plus", "ind.share_65plus", "unit.percent", "cbs", _ALL, 1),
    Indicator("households", "ind.households", "unit.count", "cbs", _ALL),
    Indicator("density", "ind.density", "unit.per_km2", "cbs", _ALL),
    Indicator("population_change", "ind.population_change", "unit.percent", "cbs_change", _ALL, 1),
    Indicator("share_65plus_change", "ind.share_65plus_change", "unit.pp", "cbs_change", _ALL, 1),
    Indicator("plot_count", "ind.plot_count", "unit.count", "programme", _ALL),
    Indicator("m2_available", "ind.m2_available", "unit.m2", "programme", _ALL),
    Indicator("m2_in_use", "ind.m2_in_use", "unit.m2", "programme", _ALL),
    Indicator("initiatives_active", "ind.initiatives_active", "unit.count", "programme",
              _ALL),
    *(
        Indicator(f"initiatives_{s.value}", f"ind.initiatives_{s.value}", "unit.count",
                  "programme", _ALL)
        for s in Stage
    ),
    Indicator("m2_in_use_per_1000", "ind.m2_in_use_per_1000", "unit.m2_per_1000", "programme",
              _ALL, 1),
)
REGISTRY: dict[str, Indicator] = {ind.key: ind for ind in INDICATORS}
TREND_KEYS: tuple[str, ...] = ("inhabitants", "share_65plus", "households", "density")


def indicator(key: str) -> Indicator:
    try:
        return REGISTRY[key]
    except KeyError:
        raise ValueError(f"unknown indicator {key!r}") from None


def cbs_source(year: int | None) -> str:
    """The credit of a CBS figure: "Bron: CBS, <table>, <year>"."""
    if year is None or year != year:
        return ""
    year = int(year)
    if year == 2024:
        return "Bron: CBS, Kerncijfers wijken en buurten (85984NED), 2024"
    return f"Bron: CBS, Kerncijfers wijken en buurten, {year}"


def change_source() -> str:
    return f"Bron: CBS, Kerncijfers wijken en buurten, {CHANGE_FROM} en {CHANGE_TO}"


def programme_source(lang: str, demo: bool) -> str:
    return i18n.t("ind.source_programme_demo" if demo else "ind.source_programme", lang)


def source_text(ind: Indicator, year: int | None, lang: str, demo: bool) -> str:
    """The source line of an indicator (the CBS table and year, or the programme)."""
    if ind.kind == "cbs":
        return cbs_source(year)
    if ind.kind == "cbs_change":
        return change_source()
    return programme_source(lang, demo)


# --------------------------------------------------------------------------------------
# Loading (named queries) - the only functions here that touch the database
# --------------------------------------------------------------------------------------


def cbs_variables() -> list[str]:
    """The CBS variables the indicators need (both tables)."""
    return sorted({*VARIABLES_2016_2020.values(), *VARIABLES_2024.values()})


def load_areas(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.fetch_df(con, "indicator_areas")


def load_cbs_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.fetch_df(con, "indicator_cbs_figures", variables=cbs_variables())


def load_programme(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.fetch_df(con, "indicator_programme_figures")


def load_stage_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.fetch_df(con, "indicator_initiative_stages")


def neighbourhood_indicators(
    con: duckdb.DuckDBPyConnection, year: int | None = None
) -> pd.DataFrame:
    """All areas with all indicators (CBS figures of ``year``, None = the latest of each
    area); see :func:`assemble`."""
    return assemble(load_areas(con), load_cbs_figures(con), load_programme(con),
                    load_stage_counts(con), year)


def years_with_figures(con: duckdb.DuckDBPyConnection, level: str) -> list[int]:
    """The years with CBS figures for areas of ``level``, newest first."""
    areas = load_areas(con)
    return available_years(cbs_by_year(load_cbs_figures(con)), areas, level)


def neighbourhood_trends(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """CBS indicators of every area for every year; see :func:`cbs_by_year`."""
    return cbs_by_year(load_cbs_figures(con))


def initiatives_in_area(
    con: duckdb.DuckDBPyConnection, code: str, *, actor: Actor = PUBLIC
) -> pd.DataFrame:
    """The initiatives with a plot in a wijk or buurt: public columns, and the initiators'
    personal data only for an ``actor`` who may see it (the permission check)."""
    public = db.fetch_df(con, "initiatives_in_area_public", code=code)
    if not allowed(con, actor, Action.VIEW_PERSONAL):
        return public
    private = db.fetch_df(con, "initiatives_in_area_personal", code=code)
    return public.merge(private, on="initiative_id", how="left")


# --------------------------------------------------------------------------------------
# Assembly (pure)
# --------------------------------------------------------------------------------------


def _safe_ratio(num: pd.Series, den: pd.Series, factor: float = 1.0) -> pd.Series:
    """num / den x factor; unknown (NaN) where either is unknown or den is 0."""
    num = pd.to_numeric(num, errors="coerce").astype(float)
    den = pd.to_numeric(den, errors="coerce").astype(float)
    out = num / den.where(den != 0) * factor
    return out.astype(float)


def cbs_by_year(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per (code, year) with the CBS indicators of that year.

    ``figures`` is long (code, year, variable, value). Columns out: code, year,
    inhabitants, share_65plus, households, density, persons_65plus, land_ha. An area
    has a row for every year it has figures; unknown values are NaN.
    """
    rows = []
    for year_group, mapping in (("2024", VARIABLES_2024), ("old", VARIABLES_2016_2020)):
        part = figures[(figures["year"] == 2024) == (year_group == "2024")]
        reverse = {v: k for k, v in mapping.items()}
        part = part[part["variable"].isin(reverse)]
        if part.empty:
            continue
        wide = (
            part.assign(field=part["variable"].map(reverse))
            .groupby(["code", "year", "field"])["value"].first()
            .unstack("field")
        )
        rows.append(wide.reset_index())
    if not rows:
        return pd.DataFrame(columns=["code", "year", *TREND_KEYS, "persons_65plus", "land_ha"])
    wide = pd.concat(rows, ignore_index=True)
    for col in RAW_FIELDS:
        if col not in wide:
            wide[col] = np.nan
        wide[col] = pd.to_numeric(wide[col], errors="coerce").astype(float)
    wide.columns.name = None
    share = _safe_ratio(wide["persons_65plus"], wide["inhabitants"], 100.0)
    wide["share_65plus"] = share.fillna(wide["pct_65plus"])
    computed_density = _safe_ratio(wide["inhabitants"], wide["land_ha"] / 100.0)
    wide["density"] = computed_density.fillna(wide["density_published"])
    wide["year"] = wide["year"].astype(int)
    out = wide[["code", "year", *TREND_KEYS, "persons_65plus", "land_ha"]]
    return out.sort_values(["code", "year"]).reset_index(drop=True)


def cbs_snapshot(by_year: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """The CBS indicators per area for ``year``, or for each area's latest year (None).

    Columns: code, cbs_year (NaN when the area has no figures for that year) and the
    :data:`TREND_KEYS`.
    """
    if year is None:
        picked = by_year.loc[by_year.groupby("code")["year"].idxmax()]
    else:
        picked = by_year[by_year["year"] == year]
    out = picked[["code", "year", *TREND_KEYS]].rename(columns={"year": "cbs_year"})
    return out.reset_index(drop=True)


def cbs_changes(by_year: pd.DataFrame) -> pd.DataFrame:
    """Population change (%) and change of the share 65+ (pp) from 2016 to 2020."""
    start = by_year[by_year["year"] == CHANGE_FROM].set_index("code")
    end = by_year[by_year["year"] == CHANGE_TO].set_index("code")
    codes = start.index.union(end.index)
    start, end = start.reindex(codes), end.reindex(codes)
    change = _safe_ratio(end["inhabitants"] - start["inhabitants"], start["inhabitants"], 100.0)
    return pd.DataFrame(
        {
            "code": codes,
            "population_change": change.to_numpy(),
            "share_65plus_change": (end["share_65plus"] - start["share_65plus"]).to_numpy(),
        }
    )


def assemble(
    areas: pd.DataFrame,
    figures: pd.DataFrame,
    programme: pd.DataFrame,
    stage_counts: pd.DataFrame,
    year: int | None = None,
) -> pd.DataFrame:
    """One row per area (gemeente, wijken, buurten) with every indicator of the registry.

    CBS figures are of ``year`` or, with None, the latest year of each area (2020 for
    buurten, 2024 for wijken and the gemeente). ``m2_in_use_per_1000`` always uses the
    latest inhabitants, since the programme figures are today's.
    """
    by_year = cbs_by_year(figures)
    table = areas[["code", "level", "name", "wijk_code", "wijk_name"]].copy()
    table = table.merge(cbs_snapshot(by_year, year), on="code", how="left")
    table = table.merge(cbs_changes(by_year), on="code", how="left")

    prog = programme.set_index("code")
    for col in ("plot_count", "m2_available", "m2_in_use"):
        table[col] = table["code"].map(prog[col]).fillna(0)
    table["plot_count"] = table["plot_count"].astype(int)

    stages = stage_counts.groupby(["code", "stage"])["initiatives"].sum().unstack("stage")
    for s in Stage:
        series = stages[s.value] if s.value in stages.columns else pd.Series(dtype=float)
        table[f"initiatives_{s.value}"] = table["code"].map(series).fillna(0).astype(int)
    table["initiatives_active"] = sum(table[f"initiatives_{s.value}"] for s in ACTIVE_STAGES)

    latest = cbs_snapshot(by_year, None).set_index("code")["inhabitants"]
    table["m2_in_use_per_1000"] = _safe_ratio(
        table["m2_in_use"], table["code"].map(latest), 1000.0
    ).to_numpy()
    return table[["code", "level", "name", "wijk_code", "wijk_name", "cbs_year",
                  *REGISTRY]].reset_index(drop=True)


def available_years(by_year: pd.DataFrame, areas: pd.DataFrame, level: str) -> list[int]:
    """Years in which some area of ``level`` has a known inhabitants figure, newest first."""
    codes = set(areas.loc[areas["level"] == level, "code"])
    known = by_year[by_year["code"].isin(codes) & by_year["inhabitants"].notna()]
    return sorted({int(y) for y in known["year"]}, reverse=True)


def for_level(table: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rows of one level (buurt or wijk)."""
    if level not in ("buurt", "wijk", "gemeente"):
        raise ValueError(f"unknown level {level!r}")
    return table[table["level"] == level].reset_index(drop=True)


def buurten_of(table: pd.DataFrame, wijk_code: str) -> pd.DataFrame:
    return table[(table["level"] == "buurt") & (table["wijk_code"] == wijk_code)].reset_index(
        drop=True
    )


def wijk_of(table: pd.DataFrame, code: str) -> str | None:
    """The wijk of an area: itself for a wijk, its wijk for a buurt; None otherwise."""
    row = table[table["code"] == code]
    if row.empty:
        return None
    rec = row.iloc[0]
    if rec["level"] == "wijk":
        return str(rec["code"])
    if rec["level"] == "buurt" and isinstance(rec["wijk_code"], str):
        return rec["wijk_code"]
    return None


def trends_for(by_year: pd.DataFrame, codes: Sequence[str], names: dict[str, str]) -> pd.DataFrame:
    """Long frame (code, name, year, indicator, value) of the CBS trend indicators.

    Unknown values are left out of the long frame (a chart shows a gap, not a 0).
    """
    part = by_year[by_year["code"].isin(list(codes))]
    long = part.melt(id_vars=["code", "year"], value_vars=list(TREND_KEYS),
                     var_name="indicator", value_name="value")
    long = long.dropna(subset=["value"])
    long.insert(1, "name", long["code"].map(names))
    return long.sort_values(["indicator", "code", "year"]).reset_index(drop=True)
