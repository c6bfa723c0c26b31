// communique web UI: the map (/map). Countries shaded by how many of the view's events
// count for them, and a circle per place (size: events; colour: mean Goldstein), drawn
// with the vendored d3 and topojson-client over the vendored Natural Earth country shapes
// (world-atlas): no tile server, no request leaves this server. The shapes are keyed by
// ISO 3166 numeric codes and the events by alpha-3 codes, joined through the vendored
// i18n-iso-countries table. A place known only by its country is drawn at the middle of
// that country's largest piece of land. Clicking a country or a place opens its events.
(function () {
  "use strict";
  var W = 960, H = 500;
  // Shapes Natural Earth draws without an ISO code, by the codes events use for them.
  var UNCODED = { "Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": "CYP" };
  // Mean Goldstein from -10 (conflict) through 0 to +10 (cooperation), as in the network.
  var GOLDSTEIN_COLOURS = ["#b2182b", "#9a9a9a", "#1b7837"];

  // Square root, so that a mildly cooperative +3 is already clearly green.
  function goldsteinColour() {
    return d3.scaleDivergingSqrt(d3.piecewise(d3.interpolateRgb, GOLDSTEIN_COLOURS))
      .domain([-10, 0, 10]);
  }

  function alpha3Table(codes) {
    var table = {};
    codes.forEach(function (row) { table[row[2]] = row[1]; });
    return table;
  }

  // The centroid of a feature's largest polygon (France without French Guiana, the US
  // without Alaska), so a country-level place sits on its country.
  function mainCentroid(feature) {
    var geometry = feature.geometry;
    if (!geometry) { return null; }
    if (geometry.type !== "MultiPolygon") { return d3.geoCentroid(feature); }
    var best = null, area = -1;
    geometry.coordinates.forEach(function (polygon) {
      var piece = { type: "Polygon", coordinates: polygon };
      var a = d3.geoArea(piece);
      if (a > area) { area = a; best = piece; }
    });
    return d3.geoCentroid(best);
  }

  function goldsteinText(value) {
    return value === null || value === undefined ? "no Goldstein score"
      : "mean Goldstein " + d3.format("+.1f")(value);
  }

  function follow(url) { return function () { window.location.href = url; }; }

  // Log scale over the counts, from a light but visible blue (one event) to the darkest.
  function countryShade(max) {
    return d3.scaleSequentialLog(function (t) { return d3.interpolateBlues(0.25 + 0.75 * t); })
      .domain([1, Math.max(2, max)]);
  }

  function drawCountries(layer, path, features, counts, shade) {
    layer.selectAll("path").data(features).join("path")
      .attr("class", function (f) { return "country" + (counts[f.iso3] ? " has-events" : ""); })
      .attr("data-iso3", function (f) { return f.iso3 || ""; })
      .attr("d", path)
      .attr("fill", function (f) {
        var c = counts[f.iso3];
        return c ? shade(Math.max(1, c.events)) : "#eef0f3";
      })
      .each(function (f) {
        var c = counts[f.iso3];
        var name = (f.properties && f.properties.name) || f.iso3 || "?";
        d3.select(this).append("title").text(c ? name + " (" + f.iso3 + "): " + c.events +
          " event" + (c.events === 1 ? "" : "s") + ", " + goldsteinText(c.mean_goldstein)
          : name);
        if (c) { d3.select(this).on("click", follow(c.url)); }
      });
  }

  function drawPlaces(layer, projection, places, byCode) {
    var radius = d3.scaleSqrt().domain([1, d3.max(places, function (p) { return p.events; }) || 1])
      .range([4, 22]);
    var colour = goldsteinColour();
    var undrawn = [];
    var drawn = places.map(function (p) {
      var exact = p.lat !== null && p.lon !== null;
      var at = exact ? [p.lon, p.lat] : (byCode[p.country] ? mainCentroid(byCode[p.country]) : null);
      var xy = at ? projection(at) : null;
      if (!xy) { undrawn.push(p); return null; }
      return { place: p, exact: exact, x: xy[0], y: xy[1] };
    }).filter(Boolean);
    drawn.sort(function (a, b) { return b.place.events - a.place.events; });
    layer.selectAll("circle").data(drawn).join("circle")
      .attr("class", function (d) { return "place " + (d.exact ? "exact" : "country-level"); })
      .attr("data-name", function (d) { return d.place.name || d.place.country; })
      .attr("cx", function (d) { return d.x; }).attr("cy", function (d) { return d.y; })
      .attr("r", function (d) { return radius(d.place.events); })
      .attr("fill", function (d) {
        return d.place.mean_goldstein === null ? "#999" : colour(d.place.mean_goldstein);
      })
      .each(function (d) {
        var p = d.place;
        d3.select(this).append("title").text((p.name || p.country) + (p.country ? " (" +
          p.country + ")" : "") + ": " + p.events + " event" + (p.events === 1 ? "" : "s") +
          ", " + goldsteinText(p.mean_goldstein) + (d.exact ? "" : "; drawn at its country"));
        d3.select(this).on("click", follow(p.url));
      });
    return undrawn;
  }

  // What the shades and circles mean, in the bottom left corner (outside the zoom).
  function drawLegend(svg, max, shade) {
    var legend = svg.append("g").attr("class", "map-legend").attr("transform", "translate(14," + (H - 58) + ")");
    legend.append("rect").attr("class", "legend-box").attr("x", -6).attr("y", -14)
      .attr("width", 300).attr("height", 62);
    legend.append("text").attr("y", 0).text("Events per country");
    var values = max > 1 ? [1, Math.round(Math.sqrt(max)), max] : [1];
    values.filter(function (v, i, all) { return all.indexOf(v) === i; }).forEach(function (v, i) {
      legend.append("rect").attr("x", i * 60).attr("y", 6).attr("width", 14).attr("height", 10)
        .attr("fill", shade(v));
      legend.append("text").attr("x", i * 60 + 18).attr("y", 15).text(v);
    });
    var scale = goldsteinColour();
    legend.append("text").attr("y", 38).text("Places: size = events, colour = Goldstein");
    [-10, 0, 10].forEach(function (v, i) {
      legend.append("circle").attr("cx", 236 + i * 18).attr("cy", 34).attr("r", 5)
        .attr("fill", scale(v)).append("title").text("mean Goldstein " + v);
    });
  }

  function draw(holder, data, world, codes) {
    var numeric = alpha3Table(codes);
    var features = topojson.feature(world, world.objects.countries).features;
    var byCode = {};
    features.forEach(function (f) {
      f.iso3 = numeric[f.id] || UNCODED[(f.properties || {}).name] || null;
      if (f.iso3 && !byCode[f.iso3]) { byCode[f.iso3] = f; }
    });
    var counts = {};
    data.countries.forEach(function (c) { counts[c.country] = c; });
    var projection = d3.geoNaturalEarth1().fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" });
    var path = d3.geoPath(projection);
    var svg = d3.select(holder).append("svg").attr("class", "map")
      .attr("viewBox", "0 0 " + W + " " + H);
    var zoomed = svg.append("g").attr("class", "zoomed");
    zoomed.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    zoomed.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
    var max = d3.max(data.countries, function (c) { return c.events; }) || 1;
    var shade = countryShade(max);
    drawCountries(zoomed.append("g").attr("class", "countries"), path, features, counts, shade);
    var undrawn = drawPlaces(zoomed.append("g").attr("class", "places"), projection,
                             data.places, byCode);
    drawLegend(svg, max, shade);
    svg.call(d3.zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [W, H]])
      .on("zoom", function (event) { zoomed.attr("transform", event.transform); }));
    var missing = data.countries.filter(function (c) { return !byCode[c.country]; })
      .map(function (c) { return c.country + " (" + c.events + ")"; });
    var note = [];
    if (missing.length) { note.push("Not a country on the map: " + missing.join(", ") + "."); }
    if (undrawn.length) {
      note.push("Places not drawn (no coordinates, no country shape): " + undrawn.map(
        function (p) { return (p.name || p.country || "?") + " (" + p.events + ")"; }).join(", ") + ".");
    }
    document.getElementById("map-undrawn").textContent = note.join(" ");
    holder.setAttribute("data-rendered", "true");
  }

  function start() {
    var holder = document.getElementById("map");
    var source = document.getElementById("map-data");
    if (!holder || !source || !window.d3 || !window.topojson) { return; }
    var data = JSON.parse(source.textContent);
    Promise.all([d3.json(holder.getAttribute("data-world")),
                 d3.json(holder.getAttribute("data-codes"))]).then(function (loaded) {
      draw(holder, data, loaded[0], loaded[1]);
    }).catch(function (error) {
      holder.textContent = "The map could not be drawn: " + error;
      holder.setAttribute("data-rendered", "failed");
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
