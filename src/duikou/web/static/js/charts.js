/*
 * duikou profile charts: a bar chart of annual money by year, drawn by ECharts from the element's
 * data-chart attribute (JSON written by the server: {years: ["2021", ...], unit: "万元",
 * series: [{name, data: [number|null, ...]}, ...]}). Only annual figures are drawn: cumulative and planned
 * sums are not money of one year, so they stay in the table.
 *
 * Every element with class "chart" and a data-chart attribute is drawn when the page loads;
 * window.duikouCharts.drawn lists the charts (for browser tests). Needs window.echarts. Plain ES2017.
 */
(function () {
  "use strict";

  var COLOURS = ["#1f4e79", "#c27400"];

  function escapeHtml(value) {
    // series names are the server's words, but tooltips are HTML: escape anyway
    return String(value === undefined || value === null ? "" : value).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function formatNumber(v) {
    return v === null || v === undefined ? "–" : Number(v).toLocaleString("zh-CN", {maximumFractionDigits: 2});
  }

  function draw(el) {
    var spec;
    try {
      spec = JSON.parse(el.getAttribute("data-chart"));
    } catch (err) {
      el.textContent = "图表数据无法读取";
      return null;
    }
    var series = (spec.series || []).filter(function (s) {
      return s.data.some(function (v) { return v !== null; });
    });
    var chart = window.echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      color: COLOURS,
      animation: false,
      grid: {left: 64, right: 16, top: 36, bottom: 28},
      legend: {top: 0, data: series.map(function (s) { return s.name; })},
      tooltip: {
        trigger: "axis", axisPointer: {type: "shadow"},
        formatter: function (items) {
          var lines = [escapeHtml(items.length ? items[0].axisValue : "")];
          items.forEach(function (it) {
            lines.push(it.marker + escapeHtml(it.seriesName) + "：" + formatNumber(it.value) + " " + escapeHtml(spec.unit));
          });
          return lines.join("<br>");
        }
      },
      xAxis: {type: "category", data: spec.years},
      yAxis: {type: "value", name: spec.unit, axisLabel: {formatter: formatNumber}},
      series: series.map(function (s) {
        return {name: s.name, type: "bar", data: s.data, barMaxWidth: 36};
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function drawAll() {
    var drawn = [];
    if (!window.echarts) {
      return drawn;
    }
    document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
      var chart = draw(el);
      if (chart) {
        drawn.push(chart);
      }
    });
    return drawn;
  }

  window.duikouCharts = {drawn: []};
  function start() { window.duikouCharts.drawn = drawAll(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
