"""axe-core in the browser: the WCAG 2.1 A and AA rules on a page and every frame in it.

axe-core comes with the pip package ``axe-playwright-python`` (its ``axe.min.js``), and is
injected from disk into the main document and each iframe (Streamlit's components, the
maps), so nothing is fetched from outside. Each document is audited on its own, as a user
of a screen reader meets it.
"""

from __future__ import annotations

from dataclasses import dataclass

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


@dataclass(frozen=True)
class Finding:
    """One axe violation in one document: its rule, impact and the elements it hit."""

    frame: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summaries: tuple[str, ...]

    def __str__(self) -> str:
        where = "; ".join(f"{t} ({s.splitlines()[-1][:160] if s else ''})"
                          for t, s in zip(self.targets[:4], self.summaries[:4], strict=False))
        more = f" and {len(self.targets) - 4} more" if len(self.targets) > 4 else ""
        return f"[{self.impact}] {self.rule} in {self.frame}: {self.help} - {where}{more}"


def audit(page) -> list[Finding]:
    """Every WCAG 2.1 A/AA violation axe finds in ``page``'s documents (main and frames),
    once no element is shown faded as out of date (Streamlit fades the elements of a run
    in progress for a moment; one that stays faded is audited as it is)."""
    try:  # no faded element, and no fade (a CSS transition) still going on
        page.wait_for_function(
            """() => !document.querySelector('[data-stale="true"]') &&
                document.getAnimations().every(a => a.playState !== 'running' ||
                    a.effect.getComputedTiming().endTime === Infinity)""",
            timeout=30_000, polling=100)
    except Exception:  # noqa: BLE001 - Playwright's timeout: audit what is shown
        pass
    script = axe_script()
    findings: list[Finding] = []
    for frame in page.frames:
        if frame.is_detached():
            continue
        if frame != page.main_frame and frame.url in ("about:blank", "") and not _has_body(frame):
            continue  # an empty frame (a component not drawn yet): nothing to read
        try:
            if not frame.evaluate("typeof window.axe !== 'undefined'"):
                frame.evaluate(script)
            result = frame.evaluate(
                """async (tags) => {
                    const r = await axe.run(document, {
                        runOnly: {type: 'tag', values: tags},
                        resultTypes: ['violations'], iframes: false});
                    return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(' ')),
                        summaries: v.nodes.map(n => n.failureSummary || '')}));
                }""",
                WCAG_TAGS,
            )
        except Exception:  # noqa: BLE001 - a frame replaced while it was audited
            if frame.is_detached():
                continue
            raise
        name = "main document" if frame == page.main_frame else f"frame {frame.url[:80]}"
        findings += [Finding(name, v["id"], v["impact"] or "", v["help"], tuple(v["targets"]),
                             tuple(v["summaries"])) for v in result]
    return findings


def _has_body(frame) -> bool:
    try:
        return bool(frame.evaluate("!!(document.body && document.body.childElementCount)"))
    except Exception:  # noqa: BLE001
        return False


def blocking(findings: list[Finding]) -> list[Finding]:
    """The serious and critical findings: those the dashboard must not have."""
    return [f for f in findings if f.impact in BLOCKING]
