/* The plot layer of every Gebrookerbos map (see gebrookerbos.maps.layers and plot_map).
 *
 * window.gbPlotLayer(group, cfg) draws one layer file into a folium FeatureGroup:
 *   detail: a GeoJSON FeatureCollection of full outlines, coloured by the property `c`
 *           (an index into `palette`), with a tooltip; SVG, so every plot is a path.
 *   points: every plot as one dot on a single canvas: uint16 coordinates (base64), one
 *           colour digit and the id per plot. A click picks the nearest dot and reports
 *           it like a clicked feature ({properties: {plot_id}}), so Streamlit gets the
 *           same `last_active_drawing` at every zoom.
 *   raster: the same dots as one picture drawn by the server (a million plots); a click
 *           reports the point clicked ({properties: {pick: [lon, lat, zoom]}}) and the
 *           server says which plot is there.
 * What stands out is a property of the same layer: ranked plots (`r`: the best matches)
 * get a thick dashed outline and their number, marked plots (`m`) a strong edge while the
 * others are fainter.
 * No lost clicks: when the page replaces the layer (after a zoom, a filter change), the
 * plots drawn last stay on the map, clickable, until the new file is drawn.
 * Colours: each plot is filled with `palette[c]` and outlined in `outlines[c]` (dark
 * enough to stand out on the light basemaps); where `hatched[c]`, the fill has diagonal
 * stripes of the outline colour (an SVG pattern for outlines, a canvas pattern for dots),
 * so that reserved tells itself from available without colour.
 * Files are fetched once per page (kept in memory for reuse); when a layer is drawn,
 * window.gbPlots and the map container's data-plots attribute say what is on screen, the
 * map's legend (cfg.legend) shows its colours and the map is named after it (cfg.name,
 * through window.gbMapAccess, see map_access.js).
 */
(function () {
  "use strict";
  if (window.gbPlotLayer) { return; }
  var cache = {}, order = [];
  var RANK_STYLE = {color: "#000000", weight: 5, dashArray: "10 6", fill: false,
                    interactive: false};

  function remember(url, data) {
    cache[url] = data;
    order.push(url);
    while (order.length > 3) { delete cache[order.shift()]; }
  }

  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (ch) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[ch];
    });
  }

  function report(map, mode, n, cfg) {
    describe(map, cfg);
    window.requestAnimationFrame(function () {
      window.gbPlots = {mode: mode, drawn: n, url: cfg.url, at: performance.now()};
      map.getContainer().setAttribute("data-plots", mode + ":" + n);
    });
  }

  // The legend of the colours drawn, inside the map, and the map's name: both follow the
  // layer, so a change of colouring or filter updates them without a new map.
  function describe(map, cfg) {
    if (cfg.legend) {
      if (!map._gbLegend) {
        map._gbLegend = L.control({position: "bottomleft"});
        map._gbLegend.onAdd = function () {
          var div = L.DomUtil.create("div", "gb-legend-control");
          L.DomEvent.disableClickPropagation(div);
          return div;
        };
        map._gbLegend.addTo(map);
      }
      map._gbLegend.getContainer().innerHTML = cfg.legend;
    }
    if (cfg.name && window.gbMapAccess) { window.gbMapAccess.name(map, cfg.name); }
  }

  var SVG_NS = "http://www.w3.org/2000/svg";

  function hatchId(data, k) {
    return ("gb-hatch-" + data.palette[k] + "-" + data.outlines[k]).replace(/#/g, "");
  }

  // The hatch patterns of a layer, once per document, in a hidden SVG of their own.
  function ensureHatches(data) {
    (data.hatched || []).forEach(function (hatch, k) {
      if (!hatch || document.getElementById(hatchId(data, k))) { return; }
      var holder = document.getElementById("gb-patterns");
      if (!holder) {
        holder = document.createElementNS(SVG_NS, "svg");
        holder.setAttribute("id", "gb-patterns");
        holder.setAttribute("width", "0");
        holder.setAttribute("height", "0");
        holder.setAttribute("aria-hidden", "true");
        holder.setAttribute("focusable", "false");
        holder.style.position = "absolute";
        holder.appendChild(document.createElementNS(SVG_NS, "defs"));
        document.body.appendChild(holder);
      }
      var pattern = document.createElementNS(SVG_NS, "pattern");
      pattern.setAttribute("id", hatchId(data, k));
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", "8");
      pattern.setAttribute("height", "8");
      pattern.setAttribute("patternTransform", "rotate(45)");
      var ground = document.createElementNS(SVG_NS, "rect");
      ground.setAttribute("width", "8");
      ground.setAttribute("height", "8");
      ground.setAttribute("fill", data.palette[k]);
      var stripe = document.createElementNS(SVG_NS, "rect");
      stripe.setAttribute("width", "3");
      stripe.setAttribute("height", "8");
      stripe.setAttribute("fill", data.outlines[k]);
      pattern.appendChild(ground);
      pattern.appendChild(stripe);
      holder.firstChild.appendChild(pattern);
    });
  }

  function fillOf(data, k) {
    return data.hatched && data.hatched[k] ? "url(#" + hatchId(data, k) + ")" : data.palette[k];
  }

  function outlineOf(data, k) {
    return data.outlines ? data.outlines[k] : "#222222";
  }

  // The same stripes on the canvas of dots.
  function canvasHatch(ctx, fill, stripe) {
    var tile = document.createElement("canvas"), t;
    tile.width = tile.height = 6;
    t = tile.getContext("2d");
    t.fillStyle = fill;
    t.fillRect(0, 0, 6, 6);
    t.strokeStyle = stripe;
    t.lineWidth = 2;
    t.beginPath();
    t.moveTo(-1, 7); t.lineTo(7, -1);
    t.moveTo(-1, 1); t.lineTo(1, -1);
    t.moveTo(5, 7); t.lineTo(7, 5);
    t.stroke();
    return ctx.createPattern(tile, "repeat");
  }

  function rankIcon(rank) {
    return L.divIcon({
      className: "gb-rank-icon", iconSize: [22, 22], iconAnchor: [11, 11],
      html: '<div class="gb-rank" style="background:#000;color:#fff;border-radius:50%;' +
            'width:22px;height:22px;text-align:center;font:bold 13px/22px sans-serif">' +
            Number(rank) + "</div>"
    });
  }

  function rankMarker(latlng, rank) {
    return L.marker(latlng, {icon: rankIcon(rank), interactive: false, keyboard: false,
                             zIndexOffset: 1000 + rank});
  }

  var Points = L.Layer.extend({
    initialize: function (data, cfg) {
      var n = data.n, bin = window.atob(data.xy), i;
      this._cfg = cfg;
      this._n = n;
      this._ids = data.ids;
      this._data = data;
      this._palette = data.palette;
      this._lon = new Float64Array(n);
      this._lat = new Float64Array(n);
      this._byColour = [];
      this._marked = new Uint8Array(n);
      this._ranks = data.r || [];
      (data.m || []).forEach(function (k) { this._marked[k] = 1; }, this);
      this._anyMarked = (data.m || []).length > 0;
      for (i = 0; i < data.palette.length; i++) { this._byColour.push([]); }
      for (i = 0; i < n; i++) {
        var qx = bin.charCodeAt(4 * i) | (bin.charCodeAt(4 * i + 1) << 8);
        var qy = bin.charCodeAt(4 * i + 2) | (bin.charCodeAt(4 * i + 3) << 8);
        this._lon[i] = data.origin[0] + qx * data.step[0];
        this._lat[i] = data.origin[1] + qy * data.step[1];
        this._byColour[data.c.charCodeAt(i) - 48].push(i);
      }
    },

    onAdd: function (map) {
      var n = this._n, crs = map.options.crs, i;
      if (!this._wx) {  // world pixels at zoom 0, projected once
        this._wx = new Float64Array(n);
        this._wy = new Float64Array(n);
        for (i = 0; i < n; i++) {
          var p = crs.latLngToPoint(L.latLng(this._lat[i], this._lon[i]), 0);
          this._wx[i] = p.x;
          this._wy[i] = p.y;
        }
        this._sx = new Float32Array(n);
        this._sy = new Float32Array(n);
      }
      this._canvas = L.DomUtil.create("canvas", "gb-points");
      this._canvas.style.position = "absolute";
      this._canvas.style.pointerEvents = "none";
      map.getPane("overlayPane").appendChild(this._canvas);
      this._labels = L.layerGroup().addTo(map);
      this._ranks.forEach(function (pair) {
        var k = pair[0];
        this._labels.addLayer(rankMarker([this._lat[k], this._lon[k]], pair[1]));
      }, this);
      map.on("moveend resize", this._draw, this);
      map.on("zoomstart", this._hide, this);
      map.on("click", this._click, this);
      map.on("mousemove", this._hover, this);
      this._draw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.removeLayer(this._labels);
      map.off("moveend resize", this._draw, this);
      map.off("zoomstart", this._hide, this);
      map.off("click", this._click, this);
      map.off("mousemove", this._hover, this);
      map.getContainer().style.cursor = "";
    },

    _radius: function () {
      var z = this._map.getZoom();
      return z >= 16 ? 5 : z >= 15 ? 4 : z >= 14 ? 3 : z >= 13 ? 2 : 1.5;
    },

    _hide: function () { this._canvas.style.visibility = "hidden"; },

    _draw: function () {
      var map = this._map, size = map.getSize(), dpr = window.devicePixelRatio || 1;
      var canvas = this._canvas, ctx = canvas.getContext("2d");
      var scale = Math.pow(2, map.getZoom()), min = map.getPixelBounds().min;
      var r = this._radius(), k, j, i, x, y, pass;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x * dpr;
      canvas.height = size.y * dpr;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      for (i = 0; i < this._n; i++) {
        this._sx[i] = this._wx[i] * scale - min.x;
        this._sy[i] = this._wy[i] * scale - min.y;
      }
      // Pass 0 draws the plain dots (fainter when some are marked), pass 1 the marked
      // ones on top, larger and with a dark edge. Colours are drawn in interleaved rounds
      // (every 8th dot of each colour per round): where dots overlap at a low zoom, no
      // colour hides the others by coming last.
      for (pass = 0; pass < (this._anyMarked ? 2 : 1); pass++) {
        var rr = pass ? r + 1.5 : r;
        ctx.globalAlpha = this._anyMarked && !pass ? 0.45 : 1;
        ctx.lineWidth = pass ? 1.5 : 1;
        for (var round = 0; round < 8; round++) {
          for (k = 0; k < this._byColour.length; k++) {
            var members = this._byColour[k];
            if (members.length <= round) { continue; }
            ctx.beginPath();
            for (j = round; j < members.length; j += 8) {
              i = members[j];
              if (this._marked[i] !== pass) { continue; }
              x = this._sx[i];
              y = this._sy[i];
              if (x < -rr || y < -rr || x > size.x + rr || y > size.y + rr) { continue; }
              ctx.moveTo(x + rr, y);
              ctx.arc(x, y, rr, 0, 2 * Math.PI);
            }
            ctx.fillStyle = this._data.hatched && this._data.hatched[k] && rr >= 3
              ? this._hatch(ctx, k) : this._palette[k];
            ctx.fill();
            ctx.strokeStyle = pass ? "#000000" : outlineOf(this._data, k);
            ctx.stroke();
          }
        }
      }
      ctx.globalAlpha = 1;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#000000";
      this._ranks.forEach(function (pair) {  // a ring around each best match
        var k = pair[0];
        ctx.beginPath();
        ctx.arc(this._sx[k], this._sy[k], r + 7, 0, 2 * Math.PI);
        ctx.stroke();
      }, this);
      canvas.style.visibility = "visible";
    },

    _hatch: function (ctx, k) {  // made once per colour
      this._hatches = this._hatches || {};
      if (!this._hatches[k]) {
        this._hatches[k] = canvasHatch(ctx, this._palette[k], outlineOf(this._data, k));
      }
      return this._hatches[k];
    },

    _nearest: function (pt) {
      var reach = this._radius() + 3, best = -1, bestD = reach * reach, i, dx, dy, d;
      for (i = 0; i < this._n; i++) {
        dx = this._sx[i] - pt.x;
        dy = this._sy[i] - pt.y;
        d = dx * dx + dy * dy;
        if (d <= bestD) { bestD = d; best = i; }
      }
      return best;
    },

    _click: function (e) {
      if (this._cfg.interactive === false) { return; }
      var i = this._nearest(e.containerPoint);
      if (i < 0) { return; }
      var feature = {
        type: "Feature",
        properties: {plot_id: this._ids[i]},
        geometry: {type: "Point", coordinates: [this._lon[i], this._lat[i]]}
      };
      var picked = {feature: feature, toGeoJSON: function () { return feature; }};
      this.fire("click", {latlng: e.latlng, layer: picked}, true);
    },

    _hover: function (e) {
      var self = this;
      if (self._pending || self._cfg.interactive === false) { return; }
      self._pending = true;
      window.requestAnimationFrame(function () {
        self._pending = false;
        if (!self._map) { return; }
        self._map.getContainer().style.cursor =
          self._nearest(e.containerPoint) >= 0 ? "pointer" : "";
      });
    }
  });

  // The picture of the dots: an image on the map, and the clicked point for the server.
  var Raster = L.Layer.extend({
    initialize: function (data, cfg) {
      var b = data.box;
      this._cfg = cfg;
      this._bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
      this._image = L.imageOverlay(data.png, this._bounds,
                                   {interactive: false, className: "gb-raster", alt: ""});
      this._labels = L.layerGroup((data.r || []).map(function (t) {
        return rankMarker([t[1], t[0]], t[2]);
      }));
    },
    onAdd: function (map) {
      map.addLayer(this._image);
      map.addLayer(this._labels);
      map.on("click", this._click, this);
    },
    onRemove: function (map) {
      map.removeLayer(this._image);
      map.removeLayer(this._labels);
      map.off("click", this._click, this);
    },
    _click: function (e) {
      if (this._cfg.interactive === false || !this._bounds.contains(e.latlng)) { return; }
      var at = [Math.round(e.latlng.lng * 1e7) / 1e7, Math.round(e.latlng.lat * 1e7) / 1e7,
                this._map.getZoom()];
      var feature = {type: "Feature", properties: {pick: at},
                     geometry: {type: "Point", coordinates: [at[0], at[1]]}};
      var picked = {feature: feature, toGeoJSON: function () { return feature; }};
      this.fire("click", {latlng: e.latlng, layer: picked}, true);
    }
  });

  function detailLayer(data, cfg) {
    var labels = cfg.labels, interactive = cfg.interactive !== false;
    var faint = data.marked, extras = [];
    var plots = L.geoJSON(data, {
      interactive: interactive,
      style: function (f) {
        var p = f.properties;
        if (p.m) {
          return {fillColor: fillOf(data, p.c), color: "#000000", weight: 3, fillOpacity: 0.95};
        }
        return {fillColor: fillOf(data, p.c), color: outlineOf(data, p.c), weight: 2,
                fillOpacity: faint ? 0.4 : 0.8};
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        if (p.r) {
          extras.push(L.geoJSON(f, {style: function () { return RANK_STYLE; },
                                    interactive: false}));
          extras.push(rankMarker([p.rp[1], p.rp[0]], p.r));
        }
        if (!interactive) { return; }
        l.bindTooltip(function () {
          return "<table>" +
            "<tr><th>" + esc(labels.name) + "</th><td>" + esc(p.name) + "</td></tr>" +
            "<tr><th>" + esc(labels.area) + "</th><td>" + esc(p.area) + "</td></tr>" +
            "<tr><th>" + esc(labels.status) + "</th><td>" + esc(p.status) + "</td></tr>" +
            "</table>";
        }, {sticky: true});
        l.on("mouseover", function () { l.setStyle({weight: 3, color: "#000000"}); });
        l.on("mouseout", function () { plots.resetStyle(l); });
      }
    });
    return L.featureGroup([plots].concat(extras));  // the outlines and numbers on top
  }

  window.gbPlotLayer = function (group, cfg) {
    // The plots drawn last on this map stand in (clickable) until this file is drawn.
    var previous = window.gbShownLayer, placeholder = null;
    function show(data) {
      ensureHatches(data);
      var layer = data.mode === "points" ? new Points(data, cfg)
        : data.mode === "raster" ? new Raster(data, cfg) : detailLayer(data, cfg);
      var n = data.mode === "detail" ? data.features.length : data.n;
      function drawn() {  // the old plots go when the new ones are there
        if (placeholder) { group.removeLayer(placeholder); }
        if (group._map) { report(group._map, data.mode, n, cfg); }
        else { group.once("add", function () { report(group._map, data.mode, n, cfg); }); }
      }
      if (data.mode === "raster") { layer._image.once("load error", drawn); }
      group.addLayer(layer);
      window.gbShownLayer = layer;
      if (data.mode !== "raster") { drawn(); }
    }
    if (cache[cfg.url]) { show(cache[cfg.url]); return; }
    if (previous && !previous._map) {
      placeholder = previous;
      group.addLayer(previous);
    }
    window.fetch(cfg.url).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (data) {
      remember(cfg.url, data);
      show(data);
    }).catch(function (err) {
      window.gbPlots = {mode: "error", drawn: 0, url: cfg.url, error: String(err)};
      if (group._map) { group._map.getContainer().setAttribute("data-plots", "error:0"); }
      if (window.console) { window.console.error("plot layer " + cfg.url + ": " + err); }
    });
  };
}());
