// communique web UI: the dyad network (/network). Actors are nodes (size: events on the
// shown edges), an actor -> recipient pair is an arrow (width: events; colour: mean
// Goldstein, red conflict to green cooperation), laid out by the vendored d3's force
// simulation. The layout is computed once, to rest, before anything is drawn, so the
// same data always gives the same picture (d3-force seeds its own random numbers). An
// arrow links to the pair's dyad page and a node to its actor page; nodes can be dragged.
(function () {
  "use strict";
  var W = 960, H = 620, PAD = 30;
  // Mean Goldstein from -10 (conflict) through 0 to +10 (cooperation); the map uses them too.
  var GOLDSTEIN_COLOURS = ["#b2182b", "#9a9a9a", "#1b7837"];

  function goldsteinText(value) {
    return value === null || value === undefined ? "no Goldstein score"
      : "mean Goldstein " + d3.format("+.1f")(value);
  }

  function layout(nodes, edges, radius) {
    var simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(edges).id(function (n) { return n.id; }).distance(110))
      .force("charge", d3.forceManyBody().strength(-420))
      .force("collide", d3.forceCollide(function (n) { return radius(n.events) + 14; }))
      .force("x", d3.forceX(W / 2).strength(0.06))
      .force("y", d3.forceY(H / 2).strength(0.08))
      .stop();
    for (var i = 0; i < 400; i++) { simulation.tick(); }
    nodes.forEach(function (n) {
      var r = radius(n.events) + PAD;
      n.x = Math.max(r, Math.min(W - r, n.x));
      n.y = Math.max(r, Math.min(H - r, n.y));
    });
  }

  // The arrow from the edge of one circle to the edge of the other; a pair drawn both
  // ways bends so the two arrows do not lie on each other.
  function edgePath(edge, radius, bent) {
    var s = edge.source, t = edge.target;
    var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / d, uy = dy / d;
    var rs = radius(s.events), rt = radius(t.events) + 4;
    var x1 = s.x + ux * rs, y1 = s.y + uy * rs, x2 = t.x - ux * rt, y2 = t.y - uy * rt;
    if (!bent) { return "M" + x1 + "," + y1 + "L" + x2 + "," + y2; }
    var mx = (x1 + x2) / 2 - uy * d * 0.15, my = (y1 + y2) / 2 + ux * d * 0.15;
    return "M" + x1 + "," + y1 + "Q" + mx + "," + my + " " + x2 + "," + y2;
  }

  function draw(holder, data) {
    var nodes = data.nodes.map(function (n) { return Object.assign({}, n); });
    var edges = data.edges.map(function (e) { return Object.assign({}, e); });
    var svg = d3.select(holder).append("svg").attr("class", "network")
      .attr("viewBox", "0 0 " + W + " " + H);
    if (!nodes.length) {
      svg.attr("viewBox", "0 0 " + W + " 60").append("text").attr("class", "chart-empty")
        .attr("x", W / 2).attr("y", 36).attr("text-anchor", "middle")
        .text("No actor → recipient pair in these events");
      holder.setAttribute("data-rendered", "true");
      return;
    }
    var radius = d3.scaleSqrt().domain([1, d3.max(nodes, function (n) { return n.events; })])
      .range([7, 28]);
    var width = d3.scaleSqrt().domain([1, d3.max(edges, function (e) { return e.events; })])
      .range([1.5, 9]);
    var colour = d3.scaleDivergingSqrt(d3.piecewise(d3.interpolateRgb, GOLDSTEIN_COLOURS))
      .domain([-10, 0, 10]);
    function stroke(e) { return e.mean_goldstein === null ? "#999" : colour(e.mean_goldstein); }
    layout(nodes, edges, radius);
    var pairs = {};
    edges.forEach(function (e) { pairs[e.source.id + "\u0000" + e.target.id] = true; });
    function bent(e) { return Boolean(pairs[e.target.id + "\u0000" + e.source.id]); }

    var defs = svg.append("defs");
    edges.forEach(function (e, i) {
      e.marker = "arrow-" + i;
      var size = 7 + width(e.events) * 1.2;
      defs.append("marker").attr("id", e.marker).attr("viewBox", "0 -5 10 10")
        .attr("refX", 8).attr("refY", 0).attr("markerUnits", "userSpaceOnUse")
        .attr("markerWidth", size).attr("markerHeight", size)
        .attr("orient", "auto").append("path").attr("d", "M0,-5L10,0L0,5")
        .attr("fill", stroke(e));
    });
    var links = svg.append("g").attr("class", "edges").selectAll("a").data(edges).join("a")
      .attr("class", "edge-link").attr("href", function (e) { return e.url; });
    var paths = links.append("path").attr("class", "edge")
      .attr("data-source", function (e) { return e.source.id; })
      .attr("data-target", function (e) { return e.target.id; })
      .attr("data-events", function (e) { return e.events; })
      .attr("stroke", stroke).attr("stroke-width", function (e) { return width(e.events); })
      .attr("marker-end", function (e) { return "url(#" + e.marker + ")"; })
      .attr("d", function (e) { return edgePath(e, radius, bent(e)); });
    paths.append("title").text(function (e) {
      return e.source.id + " → " + e.target.id + ": " + e.events + " event" +
        (e.events === 1 ? "" : "s") + ", " + goldsteinText(e.mean_goldstein);
    });

    var groups = svg.append("g").attr("class", "nodes").selectAll("a").data(nodes).join("a")
      .attr("class", "node-link").attr("href", function (n) { return n.url; })
      .attr("transform", function (n) { return "translate(" + n.x + "," + n.y + ")"; });
    groups.append("circle").attr("class", "node").attr("data-id", function (n) { return n.id; })
      .attr("r", function (n) { return radius(n.events); })
      .append("title").text(function (n) {
        return n.id + ": " + n.as_actor + " as actor, " + n.as_recipient + " as recipient";
      });
    groups.append("text").attr("class", "node-label").attr("text-anchor", "middle")
      .attr("dy", function (n) { return radius(n.events) + 13; })
      .text(function (n) { return n.id; });

    var moved = false;
    groups.call(d3.drag()
      .on("start", function () { moved = false; })
      .on("drag", function (event, n) {
        moved = true;
        n.x = Math.max(0, Math.min(W, event.x));
        n.y = Math.max(0, Math.min(H, event.y));
        d3.select(this).attr("transform", "translate(" + n.x + "," + n.y + ")");
        paths.attr("d", function (e) { return edgePath(e, radius, bent(e)); });
      }));
    // A drag is not a click on the node's link.
    groups.on("click", function (event) { if (moved) { event.preventDefault(); moved = false; } });
    holder.setAttribute("data-rendered", "true");
  }

  function start() {
    var holder = document.getElementById("network");
    var source = document.getElementById("network-data");
    if (!holder || !source || !window.d3) { return; }
    draw(holder, JSON.parse(source.textContent));
  }

  document.addEventListener("DOMContentLoaded", start);
})();
