/* The passport page's map: draws the page's own list of points (#map-points) with Leaflet. Both scripts are files of
   this site, as the Content-Security-Policy wants (script-src 'self'). Without JavaScript, or if Leaflet fails to
   load, the map stays hidden and the list and the GeoJSON link are the page's answer. Popups are built from text
   nodes, never from HTML, so that a record's values cannot inject markup. */
(function () {
  'use strict';
  var box = document.getElementById('map');
  var list = document.getElementById('map-points');
  if (!box || !list || typeof L === 'undefined') {
    return;
  }

  function popup(item) {
    var content = document.createElement('div');
    var title = item.querySelector('.point-title');
    var address = item.querySelector('.point-address');
    var name = document.createElement('strong');
    name.textContent = title ? title.textContent : '';
    content.appendChild(name);
    if (address) {
      var line = document.createElement('div');
      line.textContent = address.textContent;
      content.appendChild(line);
    }
    return content;
  }

  box.hidden = false;
  L.Icon.Default.imagePath = box.getAttribute('data-icons');
  var map = L.map(box);
  var tiles = box.getAttribute('data-tile-url');
  if (tiles) {
    L.tileLayer(tiles, { attribution: box.getAttribute('data-attribution') || '', maxZoom: 19 }).addTo(map);
  } else {
    // no tile server configured: the points on a blank plane, still placed by their coordinates
    box.className += ' no-tiles';
  }
  var points = [];
  var items = list.querySelectorAll('li[data-lat]');
  for (var i = 0; i < items.length; i++) {
    var lat = parseFloat(items[i].getAttribute('data-lat'));
    var lon = parseFloat(items[i].getAttribute('data-lon'));
    if (!isFinite(lat) || !isFinite(lon)) {
      continue;
    }
    var title = items[i].querySelector('.point-title');
    var label = title ? title.textContent : '';
    L.marker([lat, lon], { title: label, alt: label }).bindPopup(popup(items[i])).addTo(map);
    points.push([lat, lon]);
  }
  if (points.length) {
    map.fitBounds(points, { padding: [24, 24], maxZoom: 15 });
  } else {
    map.setView([0, 0], 1);
  }
}());
