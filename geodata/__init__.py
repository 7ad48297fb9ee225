"""Package data ``gebrookerbos.geodata``: the CBS/Kadaster files and the demo files (PROVENANCE.md)."""
