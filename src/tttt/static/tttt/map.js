// A map of records (establishments, BTS stations): markers from the page's JSON; tiles only when
// the server sets a tile URL (TTTT_MAP_TILES), so the markers show even without tiles. A marker
// with a `size` (0–1, the square root of its share of the largest figure) is a proportional
// symbol: its circle's area follows the figure; thousands of them are drawn on a canvas.
(function () {
  var box = document.getElementById("map");
  if (!box || !window.L) return;
  var markers = JSON.parse(document.getElementById("map-markers").textContent);
  var map = L.map(box, { attributionControl: true, preferCanvas: markers.length > 500 });
  var tiles = box.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: box.dataset.attribution || "" }).addTo(map);
  }
  var points = [];
  markers.forEach(function (m) {
    var sized = m.size !== undefined;
    var marker = L.circleMarker([m.lat, m.lon], sized
      ? { radius: 2 + 22 * m.size, color: "#1d6f8f", weight: 1, fillColor: "#1d6f8f", fillOpacity: 0.45 }
      : { radius: 7, color: "#a51c1c", weight: 2, fillOpacity: 0.8 });
    marker.bindPopup("<strong>" + m.name.replace(/</g, "&lt;") + "</strong><br>" +
      m.type.replace(/</g, "&lt;") + "<br>" + m.address.replace(/</g, "&lt;"));
    marker.addTo(map);
    points.push([m.lat, m.lon]);
  });
  if (points.length) {
    map.fitBounds(points, { padding: [20, 20], maxZoom: 15 });
  } else {
    map.setView([16.0, 106.0], 5);
  }
  if (!tiles) {
    // No base map: a plain light background, a coordinate grid and a note, so the markers
    // still read as places (instead of dots on Leaflet's grey).
    box.style.background = "#f3f6f8";
    var b = map.getBounds(), span = Math.max(b.getNorth() - b.getSouth(), b.getEast() - b.getWest());
    var step = Math.pow(10, Math.floor(Math.log10(span / 4)));
    var grid = { color: "#c9d3dc", weight: 1, interactive: false };
    for (var lat = Math.floor(b.getSouth() / step) * step; lat <= b.getNorth() + step; lat += step) {
      L.polyline([[lat, b.getWest() - span], [lat, b.getEast() + span]], grid).addTo(map);
    }
    for (var lon = Math.floor(b.getWest() / step) * step; lon <= b.getEast() + step; lon += step) {
      L.polyline([[b.getSouth() - span, lon], [b.getNorth() + span, lon]], grid).addTo(map);
    }
    var note = L.control({ position: "bottomleft" });
    note.onAdd = function () {
      var div = L.DomUtil.create("div");
      div.style.cssText = "background:#fff;padding:2px 6px;font-size:12px;color:#3d4650";
      div.textContent = "Chưa có bản đồ nền: các điểm đặt theo tọa độ (lưới " + String(step).replace(".", ",") + "°).";
      return div;
    };
    note.addTo(map);
  }
  box.dataset.ready = String(points.length);
})();
