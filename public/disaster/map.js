// Progressive enhancement of the map pages: MapLibre GL from this server (/vendor/maplibre-gl/),
// the local style (/static/disaster/style.json: background only, no outside tile servers) and
// GeoJSON layers named in the map element's data-layers. Without JavaScript the page keeps its
// text fallback and links to the lists.
const element = document.getElementById("map");
if (element) {
  const { default: maplibregl } = await import("/vendor/maplibre-gl/maplibre-gl.mjs");
  const style = await (await fetch("/static/disaster/style.json")).json();
  element.querySelector(".map__fallback")?.remove();
  const map = new maplibregl.Map({ container: element, style, center: [135.5023, 34.6937], zoom: 10.5, attributionControl: false });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  const layers = (element.dataset.layers || "").split(",").filter(Boolean);
  const colours = { shelters: "#00703c", reports: "#d4351c", warnings: "#f47738", zones: "#5694ca", outages: "#6f72af" };
  map.on("load", async () => {
    for (const layer of layers) {
      const url = element.dataset[layer];
      if (!url) continue;
      map.addSource(layer, { type: "geojson", data: url });
      if (layer === "zones" || layer === "outages") {
        map.addLayer({ id: `${layer}-fill`, type: "fill", source: layer, filter: ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]], paint: { "fill-color": colours[layer], "fill-opacity": 0.3 } });
        map.addLayer({ id: `${layer}-line`, type: "line", source: layer, paint: { "line-color": colours[layer], "line-width": 2 } });
      } else {
        const colour = layer === "shelters" ? ["match", ["get", "status"], "open", "#00703c", "full", "#b35c00", "#6f777b"] : colours[layer];
        map.addLayer({ id: layer, type: "circle", source: layer, paint: { "circle-color": colour, "circle-radius": layer === "warnings" ? 14 : 5, "circle-opacity": layer === "warnings" ? 0.5 : 0.9, "circle-stroke-color": "#fff", "circle-stroke-width": 1 } });
      }
    }
    if (layers.includes("shelters")) {
      const labels = { open: element.dataset.labelOpen, full: element.dataset.labelFull, closed: element.dataset.labelClosed };
      map.on("click", "shelters", (event) => {
        const feature = event.features && event.features[0];
        if (!feature) return;
        const content = document.createElement("div");
        const link = document.createElement("a");
        link.href = `${element.dataset.detailBase}${feature.properties.id}`;
        link.textContent = feature.properties.name;
        const status = document.createElement("p");
        status.textContent = labels[feature.properties.status] || feature.properties.status;
        content.append(link, status);
        new maplibregl.Popup().setLngLat(feature.geometry.coordinates).setDOMContent(content).addTo(map);
      });
      const focus = element.dataset.focus;
      if (focus) {
        const data = await (await fetch(element.dataset.shelters)).json();
        const found = data.features.find((f) => f.properties.id === focus);
        if (found) map.flyTo({ center: found.geometry.coordinates, zoom: 16 });
      }
    }
  });
}
