"""The map of organisations: folium with FastMarkerCluster, local assets, and data that is never HTML.

Markers are drawn in the browser by one JavaScript callback from a JSON array (<, >, & and ' are
escaped inside the script, and the data never passes through Jinja as a template: `MarkerLayer`).
The callback builds popups and tooltips with `textContent`, so a name like `<img onerror=…>` or `${x}`
is shown as text. Links are http(s), tel: and mailto: only, checked in Python and again in the browser.

Clicks: the markers are made by the callback, after streamlit-folium has bound its click handler to
the layers on the map, but a click on a marker bubbles to the cluster's feature group, which has that
handler. streamlit-folium then sends the open popup's text; its last line `id: …` is read back by
`clicked_id`. That line is rendered but out of sight and hidden from screen readers: people never see an id.
`KeepScroll` keeps Leaflet's focus-on-mousedown from scrolling the page, which made
real clicks miss the marker.

Assets: in the app, Leaflet and the cluster plugin come from the app's own /app/static/; in the
exported file they are inlined, so the file works on its own and calls no CDN. Only the tile
server is outside, and without it the markers still work on a plain background.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import folium
import xyzservices
from branca.element import Element
from folium.plugins import FastMarkerCluster
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps

from directory.links import display_website, mailto_url, tel_url, website_url
from directory.loading import PROJECT_ROOT
from directory.model import Directory, Domain, Organisation

STATIC = PROJECT_ROOT / "static"
APP_STATIC_URL = "/app/static"
# Only when a list has no organisation with a known address at all: the middle of the Netherlands.
NETHERLANDS = (52.13, 5.29)
DOMAIN_COLOURS = {Domain.PREVENTIE: "#2e7d32", Domain.ONDERSTEUNING: "#1565c0", Domain.CURATIEF: "#e65100"}
JS_ASSETS = (("leaflet", "leaflet/leaflet.js"), ("markercluster", "markercluster/leaflet.markercluster.js"))
CSS_ASSETS = (
    ("leaflet_css", "leaflet/leaflet.css"),
    ("markercluster_css", "markercluster/MarkerCluster.css"),
    ("markercluster_default_css", "markercluster/MarkerCluster.Default.css"),
)
SHORT_TEXT = 180
MAX_ZOOM = 19
INLINE = "vangnet-asset"  # placeholder base URL, replaced by the file contents on export


@dataclass(frozen=True)
class TileLayer:
    name: str
    url: str
    attribution: str

    @functools.cached_property
    def provider(self) -> xyzservices.TileProvider:
        """The layer as folium takes it without a search: given a plain URL, folium looks it up among all
        of xyzservices' providers first, a few milliseconds on every rerun of the Kaart page."""
        return xyzservices.TileProvider(name=self.name, url=self.url, attribution=self.attribution)


TILES = {
    "pdok": TileLayer(
        "PDOK BRT Achtergrondkaart",
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
        'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a> (PDOK)',
    ),
    "osm": TileLayer(
        "OpenStreetMap",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers',
    ),
    "geen": TileLayer("Geen achtergrond", "", ""),
}

# Helpers for the markers' layer, in the browser. Text for people only ever goes in with textContent.
# (No two braces in a row here: branca compiles the finished script once as a Jinja template.)
HELPERS = """
var ROOM_MARGIN = 10;     // px between what covers the map and a popup or marker
var FIT_MARGIN = 24;      // half a group's circle (40 px) and a little: a group at an edge stays whole
var POPUP_FRAME = 50;     // a popup's margins around its text, left and right (Leaflet's CSS: 20 + 24 + borders)
var POPUP_FRAME_Y = 80;   // its margins above and below the text, its tip and the gap to the stip
var POPUP_WIDTH = 300, POPUP_MIN = 120;

// The part of the map that nothing covers: below the legend (top right) and the zoom buttons and scale
// (top left), above the attribution (bottom). Measured in the browser, so it fits a phone as well as a desktop.
function openRoom(map) {
    var container = map.getContainer();
    var box = container.getBoundingClientRect();
    var top = ROOM_MARGIN, bottom = ROOM_MARGIN;
    var over = [container.ownerDocument.querySelector('.vangnet-legenda')].concat(
        Array.prototype.slice.call(container.querySelectorAll('.leaflet-top .leaflet-control')));
    over.forEach(function (el) {
        var r = el && el.getBoundingClientRect();
        if (r && r.height && r.top < box.bottom) { top = Math.max(top, r.bottom - box.top + ROOM_MARGIN); }
    });
    Array.prototype.forEach.call(container.querySelectorAll('.leaflet-bottom .leaflet-control'), function (el) {
        var r = el.getBoundingClientRect();
        if (r.height) { bottom = Math.max(bottom, box.bottom - r.top + ROOM_MARGIN); }
    });
    return {topLeft: L.point(ROOM_MARGIN, top), bottomRight: L.point(ROOM_MARGIN, bottom)};
}

// A popup no wider or taller than the open part of the map, so that on a phone it stays on the screen with
// its close button, and Leaflet pans it clear of the legend and the zoom buttons. Worked out on each opening:
// the map may have changed size (a phone turned) since the marker was made.
var FittedPopup = L.Popup.extend({
    update: function () {
        var map = this._map;
        if (map) {
            var room = openRoom(map), size = map.getSize();
            var wide = size.x - room.topLeft.x - room.bottomRight.x - POPUP_FRAME;
            var high = size.y - room.topLeft.y - room.bottomRight.y - POPUP_FRAME_Y;
            L.setOptions(this, {
                autoPanPaddingTopLeft: room.topLeft,
                autoPanPaddingBottomRight: room.bottomRight,
                maxWidth: Math.max(POPUP_MIN, Math.min(POPUP_WIDTH, wide)),
                maxHeight: Math.max(POPUP_MIN, high)
            });
        }
        if (this._closeButton) {  // Leaflet's own label is English
            this._closeButton.setAttribute('aria-label', 'Sluiten');
            this._closeButton.title = 'Sluiten';
        }
        L.Popup.prototype.update.call(this);
    }
});

// The first view shows every marker, in the open part of the map: nothing starts under the legend or off the
// edge. Never closer than maxZoom (one marker is not shown at street level). Until the user moves the map, a
// new size fits the markers again.
function fitView(map, cluster, maxZoom) {
    var bounds = cluster.getBounds();
    if (!bounds.isValid()) { return; }
    var untouched = true, fitting = false;
    function fit() {
        var room = openRoom(map), margin = L.point(FIT_MARGIN, FIT_MARGIN);
        fitting = true;
        map.fitBounds(bounds, {
            paddingTopLeft: room.topLeft.add(margin),
            paddingBottomRight: room.bottomRight.add(margin),
            maxZoom: maxZoom,
            animate: false
        });
        fitting = false;
    }
    fit();
    map.on('movestart zoomstart', function () { if (!fitting) { untouched = false; } });
    map.on('resize', function () { if (untouched) { fit(); } });
}
"""

# Runs in the browser for each row [lat, lon, props]. Only textContent and checked hrefs: no HTML.
CALLBACK = """
function callback(row) {
    var p = row[2];
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
        radius: 8, color: '#ffffff', weight: 2, fillColor: p.c, fillOpacity: 0.95,
        dashArray: p.a ? '2 3' : null
    });
    var box = document.createElement('div');
    box.className = 'vangnet-popup';
    box.setAttribute('data-org', p.i);
    function line(tag, text) {
        if (!text) { return; }
        var el = document.createElement(tag);
        el.textContent = text;
        box.appendChild(el);
    }
    function link(href, label) {
        if (!href || !/^(https?:|tel:|mailto:)/i.test(href)) { return; }
        var a = document.createElement('a');
        a.href = href;
        a.textContent = label;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        box.appendChild(a);
        box.appendChild(document.createElement('br'));
    }
    var brief = p.o === undefined;  // the app's rows: the card under the map has the rest
    line('strong', p.n);
    line('div', p.d + (p.a ? ' \\u00b7 locatie bij benadering' : ''));
    line('p', brief ? 'De gegevens staan onder de kaart.' : p.o);
    line('p', p.m ? 'Aanmelden: ' + p.m : '');
    link(p.t, p.tl);
    link(p.e, p.el);
    link(p.w, p.wl);
    if (brief) {
        // Last, always: streamlit-folium sends the clicked popup's innerText, and the app reads the id back from
        // it to show the card. An internal key is no text for people: out of sight and hidden from screen
        // readers, yet rendered, so innerText keeps it (display: none or visibility: hidden would drop it).
        var key = document.createElement('span');
        key.className = 'vangnet-id';
        key.setAttribute('aria-hidden', 'true');
        key.style.cssText = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;' +
            'overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap';
        key.textContent = 'id: ' + p.i;
        box.appendChild(key);
    }
    marker.bindPopup(new FittedPopup().setContent(box));
    var tip = document.createElement('span');
    tip.textContent = p.n;
    marker.bindTooltip(tip);
    marker.vangnetId = p.i;
    return marker;
}
"""


class MarkerLayer(FastMarkerCluster):
    """FastMarkerCluster whose data is never read as a Jinja template.

    branca renders an element's script macro and then wraps the output in `Element(output)`, which
    compiles that output as a template again. With the data inside, a name such as `{{ 7*7 }}` came out as
    `49`, `{% x` crashed the page, and compiling 800 kB of data was most of the Kaart page's time at
    5,000 organisations. Here the macro writes a placeholder while branca renders, and the compiled
    element is swapped for the finished text. streamlit-folium calls the macro directly (not `render`),
    and then gets the data as a Jinja value, which is escaped like folium's `tojson`.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function(){
    {{ this.helpers }}
    {{ this.callback }}
    var data = {{ this.rows_json() }};
    var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
    for (var i = 0; i < data.length; i++) {
        callback(data[i]).addTo(cluster);
    }
    cluster.addTo({{ this._parent.get_name() }});
    {% if this.fit_max_zoom %}fitView({{ this._parent.get_name() }}, cluster, {{ this.fit_max_zoom }});{% endif %}
    return cluster;
})();
{% endmacro %}
"""
    )
    PLACEHOLDER = "vangnet_marker_rows"

    def __init__(self, rows: list[list], fit_max_zoom: int | None = None, **kwargs) -> None:
        # The rows come from validated organisations (marker_rows); FastMarkerCluster would check every
        # location again, on every rerun of the Kaart page.
        super().__init__([], **kwargs)
        self.data = rows
        self.helpers = HELPERS
        # With a zoom: the first view fits all markers (see fitView), never closer than this zoom.
        self.fit_max_zoom = fit_max_zoom
        self._rendering = False
        self._json: str | None = None

    def rows_json(self) -> str:
        """The rows as JSON that cannot close the script element (<, >, & and ' escaped), made once."""
        if self._rendering:
            return self.PLACEHOLDER
        if self._json is None:
            self._json = str(htmlsafe_json_dumps(self.data))
        return self._json

    def render(self, **kwargs) -> None:
        self._rendering = True
        try:
            super().render(**kwargs)
        finally:
            self._rendering = False
        scripts = self.get_root().script._children
        name = self.get_name()
        text = scripts[name]._template_str.replace(self.PLACEHOLDER, self.rows_json(), 1)
        scripts[name] = _Verbatim(text)  # same key, so the same place among the scripts


class _Verbatim(Element):
    """Finished text, rendered as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class KeepScroll(folium.MacroElement):
    """Let a click on a marker land on the marker when the map sits in a scrolled page.

    Leaflet focuses the map on mousedown (for its arrow-key panning) with a plain `focus()`. Inside
    streamlit-folium's iframe that scrolls the Streamlit page until the whole map is in view, so the
    mouseup and the click land beside the marker: the map gets the click and no marker is selected.
    Focusing with `preventScroll` keeps the keyboard handling and the page where it is.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    if (!map.keyboard) { return; }
    map.keyboard.disable();
    map.keyboard._onMouseDown = function () {
        if (!this._focused) { this._map._container.focus({preventScroll: true}); }
    };
    map.keyboard.enable();
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "KeepScroll"


class DutchControls(folium.MacroElement):
    """The map's own buttons in Dutch: Leaflet names its zoom buttons "Zoom in" and "Zoom out", and a
    screen reader reads those titles aloud. The scale shows metres only (no feet)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    if (map.zoomControl) {
        map.zoomControl._zoomInButton.title = "Inzoomen";
        map.zoomControl._zoomInButton.setAttribute("aria-label", "Inzoomen");
        map.zoomControl._zoomOutButton.title = "Uitzoomen";
        map.zoomControl._zoomOutButton.setAttribute("aria-label", "Uitzoomen");
    }
    L.control.scale({imperial: false, position: "topleft"}).addTo(map);  // the attribution fills the bottom on a phone
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "DutchControls"


# The cluster plugin colours its groups green, yellow and orange by size: on this map green and orange are kinds
# of help, so a group of curatief organisations looked like preventie. Groups are neutral grey here, with white
# numbers (contrast 9.7:1), and the legend says what a grey circle with a number is. The selectors weigh more than
# the plugin's own, whose stylesheet folium links after this one.
CLUSTER_STYLE = """
<style>
.leaflet-container .marker-cluster-small, .leaflet-container .marker-cluster-medium,
.leaflet-container .marker-cluster-large {background-color: rgba(66, 66, 66, 0.35);}
.leaflet-container .marker-cluster-small div, .leaflet-container .marker-cluster-medium div,
.leaflet-container .marker-cluster-large div {background-color: #424242; color: #fff; font-weight: bold;}
</style>
"""
LEGEND = """
<div class="vangnet-legenda" style="position:absolute;top:10px;right:10px;z-index:1000;background:#fff;
padding:8px 10px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:13px/1.5 sans-serif">
<strong>Soort hulp</strong><br>
{rows}
<span style="display:inline-block;width:12px;height:12px;border-radius:50%;border:2px dashed #555;
vertical-align:middle"></span> locatie bij benadering<br>
<span style="display:inline-block;width:14px;height:14px;border-radius:50%;background:#424242;color:#fff;
font-size:9px;line-height:14px;text-align:center;vertical-align:middle">3</span> groep: klik om in te zoomen
</div>
"""


def marker_rows(organisations: Iterable[Organisation]) -> list[list]:
    """[lat, lon, props] for each organisation with a location, with the whole popup (the exported map);
    props hold text, never markup. The app's rows are brief: see cached_marker_rows."""
    return [_marker_row(org, brief=False) for org in organisations if org.has_location]


def cached_marker_rows(directory: Directory, organisations: Iterable[Organisation]) -> list[list]:
    """The app's brief marker_rows, each made once per loaded list: the Kaart page sends thousands to the
    browser on every rerun, so each marker carries only what the popup needs before the card takes over."""
    known: dict[str, list] = directory.cache.setdefault("marker_rows", {})
    rows = []
    for org in organisations:
        if org.has_location:
            row = known.get(org.id)
            if row is None:
                row = known[org.id] = _marker_row(org, brief=True)
            rows.append(row)
    return rows


def _marker_row(org: Organisation, brief: bool) -> list:
    props = {
        "i": org.id,
        "n": org.naam,
        "d": org.domein.label + (f" (ook {org.ook_domein.label.lower()})" if org.ook_domein else ""),
        "c": DOMAIN_COLOURS[org.domein],
        "a": org.location_is_approximate,
    }
    if not brief:
        props.update(o=_shorten(org.omschrijving), m=_shorten(org.aanmelden))
    if tel_url(org.telefoon):
        props.update(t=tel_url(org.telefoon), tl=f"Bel {org.telefoon}")
    if org.email and mailto_url(org.email):
        props.update(e=mailto_url(org.email), el=org.email)
    if website_url(org.website):
        props.update(w=website_url(org.website), wl=display_website(org.website))
    return [org.lat, org.lon, props]


def centre_of(organisations: Sequence[Organisation]) -> tuple[float, float]:
    """The middle of the organisations with a real address (a region without regio.toml still gets its own
    map, not someone else's)."""
    placed = [o for o in organisations if o.has_location and not o.location_is_approximate] or [
        o for o in organisations if o.has_location
    ]
    if not placed:
        return NETHERLANDS
    return (sum(o.lat for o in placed) / len(placed), sum(o.lon for o in placed) / len(placed))


def build_map(
    organisations: Sequence[Organisation],
    tiles: str = "pdok",
    center: tuple[float, float] | None = None,
    zoom: int = 13,
    asset_base: str = APP_STATIC_URL,
    rows: list[list] | None = None,
    fit: bool = True,
) -> folium.Map:
    """A folium map with one clustered layer of organisations; assets from `asset_base`. `rows` are their
    marker_rows when the caller has them already.

    With `fit` the map opens on all markers, clear of the legend, the zoom buttons and the attribution, and
    never closer than `zoom`; `center` is then only where it starts. Without, it stays on `center` and `zoom`
    (a postcode: the map shows what is near)."""
    layer = TILES.get(tiles, TILES["pdok"])
    # max_zoom on the map itself: without a tile layer Leaflet has none, and the cluster plugin then
    # refuses to start ("Map has no maxZoom specified"), so the map would show no markers at all.
    # (folium passes its own max_zoom only to a tile layer it makes itself, so set the option directly).
    fmap = folium.Map(location=center or centre_of(organisations), zoom_start=zoom, tiles=None, control_scale=False)
    fmap.options["max_zoom"] = MAX_ZOOM
    fmap.default_js = [(name, f"{asset_base}/{path}") for name, path in JS_ASSETS[:1]]
    fmap.default_css = [(name, f"{asset_base}/{path}") for name, path in CSS_ASSETS[:1]]
    if layer.url:
        folium.TileLayer(layer.provider, attr=layer.attribution, name=layer.name, max_zoom=MAX_ZOOM).add_to(fmap)
    cluster = MarkerLayer(
        marker_rows(organisations) if rows is None else rows,
        callback=CALLBACK,
        fit_max_zoom=zoom if fit else None,
        name="Organisaties",
        options={"spiderfyOnMaxZoom": True, "showCoverageOnHover": False, "maxClusterRadius": 45},
    )
    cluster.default_js = [(name, f"{asset_base}/{path}") for name, path in JS_ASSETS[1:]]
    cluster.default_css = [(name, f"{asset_base}/{path}") for name, path in CSS_ASSETS[1:]]
    cluster.add_to(fmap)
    KeepScroll().add_to(fmap)
    DutchControls().add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(CLUSTER_STYLE))
    fmap.get_root().html.add_child(folium.Element(legend_html()))
    return fmap


# The id is the popup's last line; anchored at the end, so no name or description can stand in for it.
POPUP_ID = re.compile(r"id: ([a-z0-9]+(?:-[a-z0-9]+)*)\s*\Z")


def clicked_id(popup_text: str | None) -> str | None:
    """The organisation id in the text of a clicked popup (as streamlit-folium reports it), or None."""
    match = POPUP_ID.search(popup_text or "")
    return match.group(1) if match else None


def legend_html() -> str:
    rows = "".join(
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:50%;background:{colour};'
        f'vertical-align:middle"></span> {domain.label}<br>'
        for domain, colour in DOMAIN_COLOURS.items()
    )
    return LEGEND.format(rows=rows)


def export_html(
    organisations: Sequence[Organisation],
    tiles: str = "pdok",
    center: tuple[float, float] | None = None,
    zoom: int = 13,
    fit: bool = True,
) -> str:
    """One self-contained HTML page: scripts, styles and images inlined; no CDN. It opens on all markers
    (see build_map)."""
    fmap = build_map(organisations, tiles=tiles, center=center, zoom=zoom, asset_base=INLINE, fit=fit)
    html = fmap.get_root().render()
    loads = re.findall(r"<script[^>]*\ssrc=[\"']([^\"']+)|<link[^>]*\shref=[\"']([^\"']+)", html)
    foreign = [a or b for a, b in loads if not (a or b).startswith(f"{INLINE}/")]
    if foreign:  # a folium update added an asset we do not ship: refuse rather than call a CDN
        raise RuntimeError(f"de kaart zou onderdelen van buiten laden: {foreign}")
    html = html.replace("<head>", "<head>\n<title>Vangnet: wie helpt bij geldzorgen</title>", 1)
    for _, path in JS_ASSETS:
        html = html.replace(f'<script src="{INLINE}/{path}"></script>', f"<script>{_asset(path)}</script>")
    for _, path in CSS_ASSETS:
        html = html.replace(f'<link rel="stylesheet" href="{INLINE}/{path}"/>', f"<style>{_css(path)}</style>")
    return html


def _asset(path: str) -> str:
    text = (STATIC / path).read_text(encoding="utf-8")
    return re.sub(r"//# sourceMappingURL=\S+", "", text).replace("</script", "<\\/script")


def _css(path: str) -> str:
    text = _asset(path)
    folder = (STATIC / path).parent

    def inline_image(match: re.Match) -> str:
        image = folder / match.group(1)
        if not image.is_file():
            return match.group(0)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/{image.suffix.lstrip('.')};base64,{data})"

    return re.sub(r"url\(\s*['\"]?(images/[^'\")]+)['\"]?\s*\)", inline_image, text)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


__all__ = ["TILES", "build_map", "cached_marker_rows", "centre_of", "export_html", "legend_html", "marker_rows"]
