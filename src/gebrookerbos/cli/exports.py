"""The ``export-plots`` command: the plots matching the filters as CSV, GeoJSON or GeoPackage.

The same filter (``plot_filter.PlotFilter``) and the same writers as the Kavels page, so
the file holds exactly the plots the page shows for these filters.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gebrookerbos import db
from gebrookerbos.cli.common import EXIT_OK, Refused, existing_database
from gebrookerbos.domain import Availability, plot_filter
from gebrookerbos.present import exports


def cmd_export_plots(args: argparse.Namespace) -> int:
    """Export the plots matching the filters (public columns, with the attribution)."""
    if args.availability and args.availability not in {a.value for a in Availability}:
        raise Refused(f"unknown availability {args.availability!r}; use one of "
                      + ", ".join(a.value for a in Availability) + ". Nothing was written.")
    if (args.min_area is not None and args.max_area is not None
            and args.min_area > args.max_area):
        raise Refused("--min-area is larger than --max-area. Nothing was written.")
    path = existing_database(args.db)
    out = Path(args.out)
    if not out.parent.exists():
        raise Refused(f"the folder {out.parent} does not exist. Nothing was written.")
    con = db.connect(path, read_only=True)
    try:
        for code, level in ((args.wijk, "wijk"), (args.buurt, "buurt")):
            if code and not db.fetch_value(con, "neighbourhood_exists", code=code, level=level):
                raise Refused(f"unknown {level} code {code!r} (CBS codes like "
                              f"{'WK091711' if level == 'wijk' else 'BU09171101'}). "
                              "Nothing was written.")
        flt = plot_filter.PlotFilter(
            wijk=args.wijk, buurt=args.buurt, min_area=args.min_area, max_area=args.max_area,
            availabilities=(args.availability,) if args.availability else (),
        )
        ids = list(plot_filter.filtered_plots(con, flt, geometry=False)["plot_id"])
        n = exports.export_plots(con, ids, args.format, out)
        if args.format == exports.ExportFormat.CSV:
            exports.write_prj(out)
    finally:
        con.close()
    print(f"Wrote {n} plots to {out} ({args.format}).")
    return EXIT_OK


def add_parser(sub, parent: argparse.ArgumentParser) -> None:
    """Register ``export-plots`` on the CLI's subparsers."""
    p = sub.add_parser("export-plots", parents=[parent], help=cmd_export_plots.__doc__)
    p.add_argument("--format", required=True, choices=[f.value for f in exports.ExportFormat],
                   help="csv (WKT in EPSG:28992, with a .prj next to it), geojson (RFC 7946, "
                   "EPSG:4326) or gpkg (EPSG:28992)")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--availability", metavar="CODE",
                   help="available, reserved, in_use or unavailable")
    p.add_argument("--wijk", metavar="CODE", help="CBS wijk code, e.g. WK091711")
    p.add_argument("--buurt", metavar="CODE", help="CBS buurt code, e.g. BU09171101")
    p.add_argument("--min-area", type=float, metavar="M2", help="smallest area in m2")
    p.add_argument("--max-area", type=float, metavar="M2", help="largest area in m2")
    p.set_defaults(func=cmd_export_plots)
