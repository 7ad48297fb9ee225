-- Every plot's place on the map in WGS84, kept with the plot: a point inside it (where the
-- overview draws its dot), its bounding box and its number of vertices (what drawing its
-- outline costs). It is derived from the geometry once, when a plot is written, so that a
-- map over a million plots does not reproject a million geometries when the app starts.
-- The box is that of the four reprojected corners: RD New to WGS84 is so close to affine over
-- one plot that it holds the outline to within millimetres.
CREATE TABLE plot_places (
    plot_id  VARCHAR PRIMARY KEY,
    lon      DOUBLE NOT NULL,
    lat      DOUBLE NOT NULL,
    west     DOUBLE NOT NULL,
    south    DOUBLE NOT NULL,
    east     DOUBLE NOT NULL,
    north    DOUBLE NOT NULL,
    vertices INTEGER NOT NULL
);

-- The places of the plots that have none yet (the one definition of a plot's place; the
-- named query record_plot_places runs it after plots are written).
CREATE OR REPLACE MACRO missing_plot_places() AS TABLE
SELECT plot_id, ST_X(pt) AS lon, ST_Y(pt) AS lat, ST_XMin(box) AS west, ST_YMin(box) AS south,
       ST_XMax(box) AS east, ST_YMax(box) AS north, vertices
FROM (
    SELECT p.plot_id,
           ST_Transform(ST_PointOnSurface(p.geom), 'EPSG:28992', 'EPSG:4326',
                        always_xy := true) AS pt,
           ST_Transform(ST_Envelope(p.geom), 'EPSG:28992', 'EPSG:4326',
                        always_xy := true) AS box,
           ST_NPoints(p.geom) AS vertices
    FROM plots p
    WHERE NOT EXISTS (SELECT 1 FROM plot_places pp WHERE pp.plot_id = p.plot_id)
);

INSERT INTO plot_places SELECT * FROM missing_plot_places();
