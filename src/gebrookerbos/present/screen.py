"""The public screen's slides as HTML: the style, the top bar, every kind of slide, the QR code.

All values are escaped; the page renders these with ``st.html``. The configuration is read
from the URL here (:func:`parse_config`); the slide order and the (public) data come from
:mod:`gebrookerbos.domain.screen`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

import pandas as pd
import segno

from gebrookerbos import i18n
from gebrookerbos.domain import STAGE_ORDER, Stage
from gebrookerbos.domain.screen import (
    DEFAULT_SIGNUP_URL,
    INTERVAL_DEFAULT,
    INTERVAL_MAX,
    INTERVAL_MIN,
    SIGNUP_ENV,
    HeadlineFigures,
    ScreenConfig,
    Slide,
    SlideKind,
    overview_rows,
)
from gebrookerbos.present import url_state
from gebrookerbos.present.url_state import Kind, Param

AVAILABLE_ROWS = 5  # available plots listed next to the map
# The key of the pause button; Streamlit gives its element the class st-key-<key>, by which
# the screen's style and its space bar script find it.
PAUSE_KEY = "screen_pause"
# The screen's address: /scherm?wijk=WK0917xx&interval=15&lang=nl (wijk and lang in any case;
# an interval outside 5-60 s becomes the nearest bound).
PARAMS = [
    Param("wijk", Kind.TEXT, normalise=str.upper),
    Param("interval", Kind.INT, INTERVAL_DEFAULT, low=INTERVAL_MIN, high=INTERVAL_MAX,
          clamp=True),
    Param("lang", Kind.TEXT, normalise=str.lower),
]


# --------------------------------------------------------------------------------------
# Configuration from the URL
# --------------------------------------------------------------------------------------


def parse_config(
    params: Mapping[str, object],
    wijken: Mapping[str, str],
    env: Mapping[str, str] | None = None,
    default_lang: str = i18n.DEFAULT_LANGUAGE,
) -> ScreenConfig:
    """Check ``?wijk=``, ``?interval=`` and ``?lang=`` (:func:`url_state.read`); a value that
    cannot be used falls back to the default with a notice on the screen.

    Parameters
    ----------
    params
        The URL's query parameters (name -> its values, or one value).
    wijken
        Known wijk codes and their names.
    env
        The environment (``GEBROOKERBOS_SIGNUP_URL``).
    default_lang
        The language when the URL names none (the session's language).
    """
    env = env or {}
    found = url_state.read(params, PARAMS, {"wijk": wijken, "lang": i18n.LANGUAGES})
    lang = found.values.get("lang") or (
        default_lang if default_lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    wijk = found.values.get("wijk")
    interval = found.values.get("interval") or INTERVAL_DEFAULT
    notices = [url_state.notice_text(n, lang) for n in found.notices]

    signup_url = DEFAULT_SIGNUP_URL
    configured = (env.get(SIGNUP_ENV) or "").strip()
    if configured:
        if configured.startswith(("https://", "http://")) and " " not in configured:
            signup_url = configured
        else:
            notices.append(i18n.t("screen.notice_bad_signup", lang, value=configured))
    return ScreenConfig(
        wijk=wijk,
        wijk_name=wijken.get(wijk) if wijk else None,
        interval=interval,
        lang=lang,
        signup_url=signup_url,
        notices=tuple(notices),
    )


# --------------------------------------------------------------------------------------
# QR code
# --------------------------------------------------------------------------------------


def qr_code(url: str) -> segno.QRCode:
    """The QR code of ``url``, made locally with segno (no web service)."""
    return segno.make(url, error="m", micro=False)


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI.

    A data URI in an ``<img>`` survives the HTML sanitiser of ``st.html`` (inline SVG does
    not) and scales sharply to any size.
    """
    return qr_code(url).svg_data_uri(dark="#000000", light="#ffffff", border=4, omitsize=True)


# --------------------------------------------------------------------------------------
# Slide HTML
# --------------------------------------------------------------------------------------

_e = html.escape

INK = "#111111"
GREEN = "#0B5D3B"  # 8.0:1 on white
HIGHLIGHT = "#D55E00"  # Okabe-Ito vermillion: the highlighted initiative on the map
AVAILABLE = "#009E73"  # Okabe-Ito bluish green, as on the main map


def screen_css() -> str:
    """Hide Streamlit's chrome and set the large, high-contrast screen style."""
    return """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stAppToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stMainMenu"],
footer { display: none !important; }
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff; }
[data-testid="stMainBlockContainer"] {
  max-width: 100% !important; padding: 0.6rem 1.6rem 0.4rem !important;
}
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
[data-testid="stMain"] hr { margin: 0.2rem 0 !important; border-color: #bbbbbb; }
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p {
  color: #333333 !important; opacity: 1 !important; font-size: clamp(14px, 1vw, 22px) !important;
  margin: 0;
}
.gb-screen { color: #111111; font-family: "Source Sans Pro", "Source Sans 3", Arial, sans-serif;
  font-size: clamp(20px, 1.75vw, 40px); line-height: 1.3; }
.gb-screen * { box-sizing: border-box; }
.gb-screen p, .gb-screen li, .gb-screen ol, .gb-screen ul, .gb-screen td, .gb-screen th,
.gb-screen div, .gb-screen span { font-family: inherit; }
.gb-screen p, .gb-screen li, .gb-screen ul, .gb-screen ol {
  font-size: inherit; line-height: inherit; color: inherit; }
/* A slide being replaced stays fully visible (no grey flash while the next one loads). */
[data-testid="stMain"] [data-stale="true"] { opacity: 1 !important; transition: none !important; }
.gb-topbar { display: flex; align-items: center; justify-content: space-between;
  background: #0B5D3B; color: #ffffff; border-radius: 10px; padding: 0.35em 0.8em; }
.gb-topbar .gb-brand { font-weight: 700; font-size: 1.1em; letter-spacing: 0.01em; }
.gb-topbar .gb-brand span { font-weight: 400; }
.gb-topbar .gb-slide-title { font-family: inherit; font-weight: 700; font-size: 1.1em;
  line-height: 1.3; color: inherit; margin: 0; padding: 0; }
.gb-dots { display: flex; gap: 0.35em; align-items: center; }
.gb-dot { width: 0.55em; height: 0.55em; border-radius: 50%; border: 2px solid #ffffff; }
.gb-dot.on { background: #ffffff; }
.gb-timer { height: 6px; background: #e3e3e3; border-radius: 3px; overflow: hidden;
  margin-top: 6px; }
.gb-timer div { height: 100%; background: #0B5D3B; width: 100%; transform-origin: left; }
.gb-timer.gb-paused div { transform: scaleX(0); }
/* The pause button beside the top bar: readable across the room, quieter than the bar. */
.st-key-screen_pause button { min-height: 2.4em; padding: 0.2em 0.9em; border-radius: 10px;
  font-size: clamp(16px, 1.1vw, 28px); white-space: nowrap; }
.st-key-screen_pause button [data-testid="stMarkdownContainer"],
.st-key-screen_pause button p { font-size: clamp(16px, 1.1vw, 28px) !important;
  font-weight: 700; }
.st-key-screen_pause button [data-testid="stIconMaterial"] {
  font-size: clamp(20px, 1.45vw, 36px) !important; }
/* Paused: the button is filled in the bar's green, so the room sees the screen stands still. */
[data-testid="stHorizontalBlock"]:has(.gb-paused) .st-key-screen_pause button,
[data-testid="stHorizontalBlock"]:has(.gb-paused) .st-key-screen_pause button:hover {
  background: #0B5D3B; border-color: #0B5D3B; color: #ffffff; }
.gb-notice { background: #FFF1B8; color: #111111; border: 3px solid #8A6D00;
  border-radius: 10px; padding: 0.3em 0.7em; margin-top: 0.4em; font-size: 0.8em; }
.gb-headlines { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.2em;
  margin-top: 1.2em; }
.gb-tile { border: 4px solid #0B5D3B; border-radius: 18px; padding: 0.8em 0.9em 1em;
  background: #F3F8F5; }
.gb-big { font-size: 4.2em; font-weight: 800; line-height: 1.05; color: #0B5D3B;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.gb-big small { font-size: 0.38em; font-weight: 700; display: inline; }
.gb-tile-label { font-size: 1.25em; font-weight: 700; line-height: 1.15; }
.gb-tile-note { font-size: 0.75em; color: #333333; margin-top: 0.3em; }
.gb-lead { font-size: 1.2em; margin-top: 1em; max-width: 60ch; }
.gb-band { display: flex; align-items: center; justify-content: space-between; gap: 1em;
  margin-top: 1.1em; background: #0B5D3B; color: #ffffff; border-radius: 18px;
  padding: 0.6em 1em; font-size: 1.25em; font-weight: 700; }
.gb-band span { font-weight: 400; white-space: nowrap; }
.gb-card { padding: 0.2em 0.2em 0 0.4em; }
.gb-chips { display: flex; flex-wrap: wrap; gap: 0.4em; }
.gb-chip { display: inline-block; border-radius: 999px; padding: 0.1em 0.7em;
  font-size: 0.8em; font-weight: 700; border: 3px solid #111111; }
.gb-chip.theme { background: #111111; color: #ffffff; }
.gb-title { font-size: 2.1em; font-weight: 800; line-height: 1.1; margin: 0.35em 0 0.3em; }
.gb-summary { font-size: 1.05em; margin: 0.5em 0 0.6em; }
.gb-where { font-size: 0.85em; color: #333333; }
.gb-bar { height: 0.9em; background: #E3E3E3; border-radius: 0.45em; overflow: hidden;
  border: 2px solid #111111; }
.gb-bar div { height: 100%; background: #0B5D3B; }
.gb-progress-label { font-weight: 700; margin: 0.5em 0 0.2em; }
.gb-steps { display: flex; gap: 0.25em; margin: 0.4em 0 0.2em; }
.gb-step { flex: 1; text-align: center; font-size: 0.6em; font-weight: 700;
  padding: 0.35em 0.1em; border-radius: 6px; background: #E8E8E8; color: #333333; }
.gb-step.done { background: #CFE5DA; color: #0B3D27; }
.gb-step.now { background: #0B5D3B; color: #ffffff; }
.gb-table { width: 100%; border-collapse: collapse; margin-top: 0.6em; font-size: 0.9em; }
.gb-table th { text-align: right; font-size: 0.75em; color: #333333; border-bottom: 3px solid
  #111111; padding: 0.2em 0.5em; }
.gb-table th:first-child, .gb-table td:first-child { text-align: left; }
.gb-table td { text-align: right; padding: 0.22em 0.5em; border-bottom: 1px solid #bbbbbb;
  font-variant-numeric: tabular-nums; }
.gb-table td.num-strong { font-weight: 800; color: #0B5D3B; }
.gb-foot { font-size: 0.75em; color: #333333; margin-top: 0.5em; }
.gb-list { list-style: none; margin: 0.5em 0 0; padding: 0; }
.gb-list li { border-bottom: 1px solid #bbbbbb; padding: 0.3em 0; }
.gb-list .name { font-weight: 700; }
.gb-list .meta { font-size: 0.75em; color: #333333; }
.gb-join { display: grid; grid-template-columns: 1.3fr 1fr; gap: 1.5em; align-items: center;
  margin-top: 1em; }
.gb-join h2 { font-size: 2.6em; line-height: 1.05; margin: 0 0 0.4em; color: #0B5D3B;
  font-weight: 800; padding: 0; }
.gb-join ol { margin: 0; padding-left: 1.3em; }
.gb-join li { margin-bottom: 0.5em; }
.gb-qr-box { text-align: center; background: #ffffff; border: 4px solid #111111;
  border-radius: 18px; padding: 0.6em; }
.gb-qr-box img.gb-qr { display: block; width: 100%; max-width: 15em; height: auto;
  margin: 0 auto 0.3em; image-rendering: pixelated; }
.gb-url { font-weight: 700; font-size: 0.8em; word-break: break-all; }
.gb-legend { display: flex; gap: 1em; flex-wrap: wrap; font-size: 0.7em; margin-top: 0.3em; }
.gb-swatch { display: inline-block; width: 1em; height: 1em; border: 2px solid #111111;
  vertical-align: -0.15em; margin-right: 0.3em; border-radius: 3px; }
/* Reflow (WCAG 1.4.10): on a narrow screen, or a screen zoomed to 400 %, everything stacks
 * in one column and long words wrap, so nothing needs scrolling sideways. */
@media (max-width: 700px) {
  [data-testid="stMainBlockContainer"] { padding: 0.4rem 0.6rem !important; }
  .gb-topbar { flex-wrap: wrap; gap: 0.2em 0.6em; }
  .gb-headlines, .gb-join { grid-template-columns: minmax(0, 1fr); }
  .gb-big { font-size: 3em; white-space: normal; }
  .gb-band { flex-wrap: wrap; }
  .gb-band span { white-space: normal; }
  .gb-steps { flex-wrap: wrap; }
  .gb-step { flex: 1 1 5em; }
  .gb-screen { overflow-wrap: anywhere; }
}
</style>"""


def topbar_html(cfg: ScreenConfig, slide: Slide, counter: int, *, paused: bool = False) -> str:
    """The bar on top: brand and scope, slide title, where in the round we are, a timer.

    The slide title is the page's heading. Where in the round we are is one picture with a
    name ("Dia 2 van 8"), not eight unnamed dots. Nothing here is a live region: a screen
    that changes every few seconds by itself would interrupt a screen reader all the time;
    its user pauses the screen (:data:`PAUSE_KEY`) and reads the slide at leisure.
    While ``paused`` the timer bar stands still and empty.
    """
    lang = cfg.lang
    dots = "".join(
        f'<span class="gb-dot{" on" if i == slide.position else ""}"></span>'
        for i in range(slide.round_length)
    )
    title = i18n.t(f"screen.title_{slide.kind}", lang)
    where = i18n.t("screen.slide_of", lang, n=slide.position + 1, total=slide.round_length)
    notices = "".join(
        f'<div class="gb-notice" role="status">{_e(n)}</div>' for n in cfg.notices
    )
    if paused:
        style, timer = "", '<div class="gb-timer gb-paused" aria-hidden="true"><div></div></div>'
    else:
        # The animation name changes every step so the browser restarts it.
        anim = f"gbtimer{counter % 2}"
        style = (f"<style>@keyframes {anim} {{ from {{ transform: scaleX(0); }} "
                 f"to {{ transform: scaleX(1); }} }}</style>")
        timer = (f'<div class="gb-timer" aria-hidden="true"><div style="animation: {anim} '
                 f'{cfg.interval}s linear forwards"></div></div>')
    return (
        f"{style}"
        '<div class="gb-screen">'
        '<div class="gb-topbar">'
        f'<div class="gb-brand">Gebrookerbos <span>· {_e(cfg.scope_name())}</span></div>'
        f'<h1 class="gb-slide-title">{_e(title)}</h1>'
        f'<div class="gb-dots" role="img" aria-label="{_e(where)}">{dots}</div>'
        "</div>"
        f"{timer}"
        f"{notices}</div>"
    )


# The space bar presses the pause button, as on a video player. Streamlit re-creates this
# script when the page is drawn anew, so it installs its listener once per document. A
# space typed into a field, or pressed on a button or link (which the browser presses
# itself), is left alone; on another page (no pause button) space scrolls as usual.
_SPACE_SCRIPT = """<script data-gebrookerbos="space-bar">
(() => {
  if (window.gbScreenSpaceBar) return;
  window.gbScreenSpaceBar = true;
  const own = 'input, textarea, select, button, a[href], summary, [contenteditable], '
    + '[role="button"], [role="link"], [role="textbox"], [role="combobox"], [role="tab"], '
    + '[role="checkbox"], [role="radio"], [role="switch"], [role="slider"], '
    + '[role="option"], [role="menuitem"]';
  document.addEventListener('keydown', (event) => {
    if (event.key !== ' ' || event.repeat || event.defaultPrevented) return;
    if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    if (target instanceof Element && target.closest(own)) return;
    // (the button's element holds a hidden copy of it as well: the one on view)
    const button = [...document.querySelectorAll(PAUSE_BUTTON)]
      .find((b) => b.offsetParent !== null);
    if (!button) return;
    event.preventDefault();
    button.click();
  });
})();
</script>"""


def space_bar_script() -> str:
    """The script (for ``st.html(..., unsafe_allow_javascript=True)``) by which the space
    bar pauses and resumes the screen."""
    selector = json.dumps(f".st-key-{PAUSE_KEY} button")
    return _SPACE_SCRIPT.replace("PAUSE_BUTTON", selector)


def headlines_html(fig: HeadlineFigures, cfg: ScreenConfig) -> str:
    lang = cfg.lang
    tiles = [
        (i18n.format_number(fig.realised, lang), "screen.realised", None),
        (
            i18n.format_number(fig.area_handed_back_m2, lang) + "<small> m²</small>",
            "screen.handed_back",
            i18n.t("screen.handed_back_note", lang, n=fig.plots_handed_back),
        ),
        (i18n.format_number(fig.running, lang), "screen.running", None),
    ]
    body = "".join(
        f'<div class="gb-tile"><div class="gb-big">{number}</div>'
        f'<div class="gb-tile-label">{_e(i18n.t(key, lang))}</div>'
        + (f'<div class="gb-tile-note">{_e(note)}</div>' if note else "")
        + "</div>"
        for number, key, note in tiles
    )
    available = i18n.t(
        "screen.available_line", lang, n=i18n.format_number(fig.plots_available, lang),
        area=i18n.format_area(fig.area_available_m2, lang), scope=cfg.scope_name(),
    )
    return (
        '<div class="gb-screen">'
        f'<div class="gb-headlines">{body}</div>'
        f'<div class="gb-band">{_e(available)}<span>{_e(i18n.t("screen.signup", lang))} →</span>'
        "</div>"
        f'<p class="gb-lead">{_e(i18n.t("screen.tagline", lang))}</p>'
        "</div>"
    )


def _join_names(names: object) -> str:
    if names is None or (isinstance(names, float) and names != names):
        return ""
    return ", ".join(str(n) for n in names)


def stage_steps_html(stage: str, lang: str) -> str:
    """The path idea → realised with the current stage marked."""
    if stage == Stage.STOPPED:
        return ""
    current = STAGE_ORDER.index(Stage(stage))
    cells = []
    for i, s in enumerate(STAGE_ORDER):
        cls = "now" if i == current else "done" if i < current else ""
        cells.append(f'<div class="gb-step {cls}">{_e(i18n.label("stage", s, lang))}</div>')
    return f'<div class="gb-steps" aria-hidden="true">{"".join(cells)}</div>'


def initiative_card_html(initiative: Mapping, number: int, total: int, lang: str) -> str:
    """The highlighted initiative: theme, title, stage and progress, public summary, where."""
    progress = int(initiative["progress"])
    where = " · ".join(
        part for part in (
            _join_names(initiative.get("plot_names")),
            _join_names(initiative.get("buurt_names")),
            i18n.format_area(float(initiative["area_m2"]), lang),
        ) if part
    )
    summary = initiative.get("public_summary")
    summary = summary if isinstance(summary, str) else ""
    return (
        '<div class="gb-screen gb-card">'
        '<div class="gb-chips">'
        f'<span class="gb-chip theme">{_e(i18n.label("theme", initiative["theme"], lang))}</span>'
        f'<span class="gb-chip">{_e(i18n.label("stage", initiative["stage"], lang))}</span>'
        f'<span class="gb-chip">{number} / {total}</span>'
        "</div>"
        f'<div class="gb-title">{_e(str(initiative["title"]))}</div>'
        f'<div class="gb-where">{_e(where)}</div>'
        f'<div class="gb-summary">{_e(summary)}</div>'
        f'<div class="gb-progress-label">{_e(i18n.t("screen.progress", lang, pct=progress))}</div>'
        f'<div class="gb-bar" role="img" aria-label="{progress}%">'
        f'<div style="width:{progress}%"></div></div>'
        f"{stage_steps_html(str(initiative['stage']), lang)}"
        f'<div class="gb-legend"><span><span class="gb-swatch" style="background:{HIGHLIGHT}">'
        f'</span>{_e(i18n.t("screen.legend_this", lang))}</span>'
        f'<span><span class="gb-swatch" style="background:#8C9A93"></span>'
        f'{_e(i18n.t("screen.legend_other", lang))}</span></div>'
        "</div>"
    )


def map_alt(slide: Slide, cfg: ScreenConfig, title: str | None = None) -> str:
    """The accessible name of the map frame."""
    if slide.kind == SlideKind.INITIATIVE:
        return i18n.t("screen.map_alt_initiative", cfg.lang, title=title or "")
    return i18n.t("screen.map_alt_available", cfg.lang, scope=cfg.scope_name())


def no_initiatives_html(cfg: ScreenConfig) -> str:
    return (f'<div class="gb-screen"><p class="gb-lead">'
            f'{_e(i18n.t("screen.no_initiatives", cfg.lang, scope=cfg.scope_name()))}</p></div>')


def overview_html(overview: pd.DataFrame, without_place: int, cfg: ScreenConfig) -> str:
    """Per wijk (or buurt): inhabitants, running, realised, m² handed back, available."""
    lang = cfg.lang
    rows, more = overview_rows(overview)
    level = "buurt" if cfg.wijk else "wijk"
    heads = [
        i18n.t(f"screen.col_{level}", lang),
        i18n.t("screen.col_inhabitants", lang),
        i18n.t("screen.col_running", lang),
        i18n.t("screen.col_realised", lang),
        i18n.t("screen.col_handed_back", lang),
        i18n.t("screen.col_available", lang),
    ]
    body = []
    for r in rows.to_dict("records"):
        inhabitants = r["inhabitants"]
        inh = "–" if inhabitants is None or inhabitants != inhabitants else i18n.format_number(
            inhabitants, lang)
        body.append(
            "<tr>"
            f"<td>{_e(str(r['name']))}</td><td>{inh}</td>"
            f'<td class="num-strong">{int(r["running"])}</td>'
            f'<td class="num-strong">{int(r["realised"])}</td>'
            f"<td>{i18n.format_number(r['area_handed_back_m2'], lang)}</td>"
            f"<td>{int(r['plots_available'])}</td>"
            "</tr>"
        )
    if not body:
        body.append(f'<tr><td colspan="6">{_e(i18n.t("screen.overview_empty", lang))}</td></tr>')
    foot = []
    if more:
        foot.append(i18n.t(f"screen.more_{level}", lang, n=more))
    if without_place:
        foot.append(i18n.t("screen.without_place", lang, n=without_place))
    foot.append(i18n.t("screen.inhabitants_source", lang))
    return (
        '<div class="gb-screen">'
        f'<p class="gb-lead" style="margin-top:0.4em">'
        f'{_e(i18n.t(f"screen.overview_intro_{level}", lang, scope=cfg.scope_name()))}</p>'
        '<table class="gb-table"><thead><tr>'
        + "".join(f"<th>{_e(h)}</th>" for h in heads)
        + "</tr></thead><tbody>" + "".join(body) + "</tbody></table>"
        + "".join(f'<div class="gb-foot">{_e(f)}</div>' for f in foot)
        + "</div>"
    )


def available_html(plots: pd.DataFrame, fig: HeadlineFigures, cfg: ScreenConfig) -> str:
    """The plots still available in scope: how many, how much, the largest few."""
    lang = cfg.lang
    available = plots[plots["availability"] == "available"]
    if available.empty or fig.plots_available == 0:
        return (
            '<div class="gb-screen gb-card">'
            f'<div class="gb-title">{_e(i18n.t("screen.none_available", lang))}</div>'
            f'<p class="gb-lead">{_e(i18n.t("screen.none_available_hint", lang))}</p></div>'
        )
    items = []
    for r in available.head(AVAILABLE_ROWS).to_dict("records"):
        meta = [str(r["buurt_name"] or ""), i18n.format_area(r["area_m2"], lang)]
        facilities = [i18n.t(f"plot.{f}", lang)
                      for f in ("has_water", "has_electricity") if r[f]]
        if facilities:
            meta.append(", ".join(facilities))
        if pd.Timestamp(r["available_from"]) > pd.Timestamp.today():  # NaT: never
            meta.append(i18n.t("screen.available_from", lang,
                               date=i18n.format_date(r["available_from"], lang)))
        items.append(
            f'<li><div class="name">{_e(str(r["name"]))}</div>'
            f'<div class="meta">{_e(" · ".join(m for m in meta if m))}</div></li>'
        )
    headline = i18n.t(
        "screen.available_summary", lang, n=i18n.format_number(fig.plots_available, lang),
        area=i18n.format_area(fig.area_available_m2, lang),
    )
    more = fig.plots_available - min(len(available), AVAILABLE_ROWS)
    return (
        '<div class="gb-screen gb-card">'
        f'<div class="gb-title" style="font-size:1.6em">{_e(headline)}</div>'
        f'<div class="gb-where">{_e(i18n.t("screen.available_largest", lang))}</div>'
        f'<ul class="gb-list">{"".join(items)}</ul>'
        + (f'<div class="gb-foot">{_e(i18n.t("screen.available_more", lang, n=more))}</div>'
           if more > 0 else "")
        + f'<div class="gb-legend"><span><span class="gb-swatch" style="background:{AVAILABLE}">'
        f'</span>{_e(i18n.t("availability.available", lang))}</span>'
        f'<span><span class="gb-swatch" style="background:#8C9A93"></span>'
        f'{_e(i18n.t("screen.legend_other", lang))}</span></div>'
        "</div>"
    )


def join_html(cfg: ScreenConfig) -> str:
    """How to take part: three steps and the QR code to the sign-up page."""
    lang = cfg.lang
    steps = "".join(f"<li>{_e(i18n.t(f'screen.join_step{i}', lang))}</li>" for i in (1, 2, 3))
    return (
        '<div class="gb-screen"><div class="gb-join">'
        f'<div><h2>{_e(i18n.t("screen.signup", lang))}</h2>'
        f'<p style="margin:0 0 0.6em">{_e(i18n.t("screen.join_intro", lang))}</p>'
        f"<ol>{steps}</ol></div>"
        f'<div class="gb-qr-box"><img class="gb-qr" src="{_e(qr_data_uri(cfg.signup_url))}" '
        f'alt="{_e(i18n.t("screen.qr_alt", lang, url=cfg.signup_url))}">'
        f'<div>{_e(i18n.t("screen.scan", lang))}</div>'
        f'<div class="gb-url">{_e(cfg.signup_url)}</div></div>'
        "</div></div>"
    )
