// A map of records (establishments, BTS stations): markers from the page's JSON; tiles only when
// the server sets a tile URL (TTTT_MAP_TILES), so the markers show even without tiles.
(function () {
  var box = document.getElementById("map");
  if (!box || !window.L) return;
  var markers = JSON.parse(document.getElementById("map-markers").textContent);
  var map = L.map(box, { attributionControl: true });
  var tiles = box.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: box.dataset.attribution || "" }).addTo(map);
  }
  var points = [];
  markers.forEach(function (m) {
    var marker = L.circleMarker([m.lat, m.lon], { radius: 7, color: "#a51c1c", weight: 2, fillOpacity: 0.8 });
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
  box.dataset.ready = String(points.length);
})();
