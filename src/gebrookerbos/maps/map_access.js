/* The keyboard, the name and the language of every Gebrookerbos map (see maps.access).
 *
 * window.gbMapAccess.setUp(map, cfg) makes the map one named stop on the keyboard:
 *   - the map container is the one tab stop (tabindex 0) of an interactive map, with a
 *     name (aria-label, cfg.name); Leaflet's keyboard handler pans it with the arrow keys
 *     and zooms it with + and -. A map to look at (cfg.interactive false) is no stop.
 *   - nothing inside the container is a tab stop: not a plot outline, not the zoom buttons
 *     (+ and - do the same), not the attribution's links, not the layer control. Whatever
 *     Leaflet adds later (a new layer, the layer control redrawn) is quieted as it comes.
 *   - a visible focus ring on the container, underlined attribution links;
 *   - with cfg.frame, the frame document says its language (<html lang>) and what it is
 *     (<title>, and the title of the iframe element in the page around it).
 * window.gbMapAccess.name(map, name) renames the map (the plot layer calls it when it has
 * drawn, with the number of plots).
 */
(function () {
  "use strict";
  if (window.gbMapAccess) { return; }

  var FOCUSABLE = "a, button, input, select, textarea, iframe, [tabindex], [contenteditable]," +
                  " svg, path, g, .leaflet-marker-icon";
  var STYLE = [
    ".leaflet-container:focus, .leaflet-container:focus-visible {",
    "  outline: 3px solid #0B3D91; outline-offset: -3px; }",
    ".leaflet-container .leaflet-control-attribution a {",
    "  color: #005A80; text-decoration: underline; }",
    ".leaflet-container .leaflet-control-attribution {",
    "  color: #333333; background: rgba(255, 255, 255, 0.9); }"
  ].join("\n");

  function quiet(container, root) {
    var all = root.querySelectorAll ? root.querySelectorAll(FOCUSABLE) : [];
    if (root !== container && root.matches && root.matches(FOCUSABLE)) {
      all = [root].concat(Array.prototype.slice.call(all));
    }
    Array.prototype.forEach.call(all, function (el) {
      // A stop on the keyboard: no more. Chromium stops at SVG shapes that listen to
      // events even without a tabindex (and says tabIndex -1), so those get one too.
      if (el !== container && (el.tabIndex >= 0 || el instanceof SVGElement) &&
          el.getAttribute("tabindex") !== "-1") {
        el.setAttribute("tabindex", "-1");
      }
      if (el.tagName && el.tagName.toLowerCase() === "svg") {
        el.setAttribute("focusable", "false");
      }
    });
  }

  function addStyle() {
    if (document.querySelector("style[data-gebrookerbos='map-access']")) { return; }
    var style = document.createElement("style");
    style.setAttribute("data-gebrookerbos", "map-access");
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  function name(map, text) {
    var container = map.getContainer();
    if (!text) { return; }
    container.setAttribute("aria-label", text);
    if (map._gbAccess && map._gbAccess.frame) {
      document.title = text;
      try {  // the iframe element in the page around (same origin); elsewhere no matter
        if (window.frameElement) { window.frameElement.setAttribute("title", text); }
      } catch (err) { /* a frame of another origin: its own title is all we can set */ }
    }
  }

  function setUp(map, cfg) {
    var container = map.getContainer();
    map._gbAccess = cfg;
    addStyle();
    if (cfg.frame) { document.documentElement.setAttribute("lang", cfg.lang); }
    if (cfg.interactive) {
      container.setAttribute("tabindex", "0");
      container.setAttribute("role", "region");
    } else {
      container.removeAttribute("tabindex");
    }
    name(map, cfg.name);
    quiet(container, container);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, function (node) {
          if (node.nodeType === 1) { quiet(container, node); }
        });
      });
    }).observe(container, {childList: true, subtree: true});
  }

  window.gbMapAccess = {setUp: setUp, name: name, quiet: quiet};
}());
