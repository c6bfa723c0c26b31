// communique web UI: events per month by quad class (stacked bars) with the mean
// Goldstein score (a line on the right-hand axis), drawn with the vendored d3
// (static/vendor/README.md) from the JSON each page puts beside the chart
// (serve/charts.py: chart_spec). The x axis is the span the server chose (the corpus's
// own months, every month present); the Goldstein line breaks at months without events;
// month labels are thinned to a step (1, 2, 3, 6 or 12 months...) at which they cannot
// overlap. No inline script anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  var W = 760, H = 300;
  var M = { top: 14, right: 46, bottom: 62, left: 44 };
  var LABEL_WIDTH = 56; // room one "2024-03" label needs, in viewBox units, gap included
  var STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600];

  function monthIndex(period) {
    return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
  }

  // The fewest months between two labels that leaves each label its room.
  function labelStep(months, width) {
    for (var i = 0; i < STEPS.length; i++) {
      if (width / months * STEPS[i] >= LABEL_WIDTH) { return STEPS[i]; }
    }
    return STEPS[STEPS.length - 1];
  }

  function translate(x, y) { return "translate(" + x + "," + y + ")"; }

  function empty(svg) {
    svg.attr("viewBox", "0 0 " + W + " 60");
    svg.append("text").attr("class", "chart-empty").attr("x", W / 2).attr("y", 36)
      .attr("text-anchor", "middle").text("No dated events");
  }

  function drawAxes(svg, rows, x, y, plotBottom) {
    var counts = y.ticks(4).filter(Number.isInteger);
    svg.append("g").attr("class", "grid").selectAll("line").data(counts).join("line")
      .attr("x1", M.left).attr("x2", W - M.right).attr("y1", y).attr("y2", y);
    svg.append("g").attr("class", "axis y-axis").attr("transform", translate(M.left, 0))
      .call(d3.axisLeft(y).tickValues(counts).tickSizeOuter(0).tickFormat(d3.format("d")));
    var step = labelStep(rows.length, W - M.left - M.right);
    var shown = rows.map(function (r) { return r.period; }).filter(function (p) {
      return monthIndex(p) % step === 0;
    });
    var yearly = step >= 12;
    svg.append("g").attr("class", "axis x-axis").attr("data-step", step)
      .attr("transform", translate(0, plotBottom))
      .call(d3.axisBottom(x).tickValues(shown).tickSizeOuter(0).tickFormat(function (p) {
        return yearly ? p.slice(0, 4) : p;
      }));
  }

  function drawBars(svg, spec, x, y) {
    var bars = svg.append("g").attr("class", "bars");
    spec.rows.forEach(function (row) {
      var base = 0;
      spec.quads.forEach(function (q) {
        var n = row["quad" + q.quad] || 0;
        if (!n) { return; }
        bars.append("rect").attr("class", "bar quad" + q.quad)
          .attr("data-period", row.period).attr("data-count", n)
          .attr("x", x(row.period)).attr("width", x.bandwidth())
          .attr("y", y(base + n)).attr("height", y(base) - y(base + n))
          .attr("fill", q.colour)
          .append("title").text(row.period + ": " + n + " × " + q.name);
        base += n;
      });
    });
  }

  function drawGoldstein(svg, rows, x, plotTop, plotBottom) {
    var g = d3.scaleLinear().domain([-10, 10]).range([plotBottom, plotTop]);
    svg.append("g").attr("class", "axis goldstein-axis")
      .attr("transform", translate(W - M.right, 0))
      .call(d3.axisRight(g).tickValues([-10, -5, 0, 5, 10]).tickSizeOuter(0)
        .tickFormat(d3.format("+d")));
    svg.append("line").attr("class", "goldstein-zero").attr("x1", M.left)
      .attr("x2", W - M.right).attr("y1", g(0)).attr("y2", g(0));
    function has(r) { return r.mean_goldstein !== null && r.mean_goldstein !== undefined; }
    function cx(r) { return x(r.period) + x.bandwidth() / 2; }
    var line = d3.line().defined(has).x(cx).y(function (r) { return g(r.mean_goldstein); });
    svg.append("path").attr("class", "goldstein").attr("d", line(rows));
    svg.append("g").attr("class", "goldstein-dots").selectAll("circle")
      .data(rows.filter(has)).join("circle").attr("class", "goldstein-dot")
      .attr("cx", cx).attr("cy", function (r) { return g(r.mean_goldstein); }).attr("r", 3)
      .append("title").text(function (r) {
        return r.period + ": mean Goldstein " + d3.format("+.2f")(r.mean_goldstein);
      });
  }

  function drawLegend(svg, spec) {
    var legend = svg.append("g").attr("class", "legend")
      .attr("transform", translate(M.left, H - 12));
    var at = 0;
    spec.quads.forEach(function (q) {
      legend.append("rect").attr("x", at).attr("y", -9).attr("width", 10)
        .attr("height", 10).attr("fill", q.colour);
      legend.append("text").attr("x", at + 14).attr("y", 0).text(q.quad + " " + q.name);
      at += 150;
    });
    if (spec.goldstein) {
      legend.append("line").attr("class", "goldstein").attr("x1", at).attr("x2", at + 14)
        .attr("y1", -4).attr("y2", -4);
      legend.append("text").attr("x", at + 18).attr("y", 0).text("mean Goldstein");
    }
  }

  function draw(holder, spec) {
    var svg = d3.select(holder).append("svg").attr("class", "chart")
      .attr("viewBox", "0 0 " + W + " " + H).attr("aria-label", spec.title)
      .attr("data-first", spec.first || "").attr("data-last", spec.last || "");
    svg.append("title").text(spec.title);
    var rows = spec.rows;
    if (!rows.length || !d3.sum(rows, function (r) { return r.events; })) {
      empty(svg);
      return;
    }
    var plotTop = M.top, plotBottom = H - M.bottom;
    var x = d3.scaleBand().domain(rows.map(function (r) { return r.period; }))
      .range([M.left, W - M.right]).paddingInner(0.2).paddingOuter(0.1);
    var y = d3.scaleLinear().domain([0, d3.max(rows, function (r) { return r.events; })])
      .nice(4).range([plotBottom, plotTop]);
    drawAxes(svg, rows, x, y, plotBottom);
    drawBars(svg, spec, x, y);
    if (spec.goldstein) { drawGoldstein(svg, rows, x, plotTop, plotBottom); }
    drawLegend(svg, spec);
  }

  function drawAll() {
    if (!window.d3) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".chart-figure"), function (fig) {
      var holder = fig.querySelector(".chart-holder");
      var data = fig.querySelector("script.chart-data");
      if (!holder || !data || holder.getAttribute("data-rendered")) { return; }
      draw(holder, JSON.parse(data.textContent));
      holder.setAttribute("data-rendered", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", drawAll);
})();
