/*
 * duikou map: China's boundaries keyed by GB/T 2260 code (TopoJSON from the app's boundary directory),
 * pairings as lines helper -> recipient, and a choropleth of money or counts, drawn by ECharts with no
 * tile server: everything it loads comes from the same origin.
 *
 *   duikouMap(el, {
 *     mapsBase: "/maps",                    // the boundary directory (province.json, prefecture.json, county/32.json)
 *     dataUrl: "/api/map?program=east_west", // {lines, values, measure, direction}
 *     level: "province",                    // "province" | "prefecture" | "county"
 *     province: "32",                       // the province whose counties to load (level "county")
 *     onRegionClick: function (code, name) {},  // default: open /region/<code>
 *     labels: {...}                          // tooltip words, to override the defaults below
 *   }) -> Promise of a handle {chart, linesDrawn, data, error, reload(dataUrl), dispose()}
 *
 * window.duikouMap.last is the last handle ({chart, linesDrawn, error}), for browser tests; the element
 * also receives a "duikou:map-ready" event (detail: the handle) when the map is drawn or has failed.
 * Needs window.echarts and window.topojson (topojson-client). Plain ES2017, no build step.
 */
(function () {
  "use strict";

  // lines in strong warm and dark colours over a light blue choropleth, so both stay readable
  var PALETTE = ["#d7301f", "#ff8c00", "#7b3294", "#1a9850", "#e7298a", "#8c510a", "#01665e", "#525252"];
  var NO_DATA = "#efefef", HOVER = "#ffe08a";
  var SCALE = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"];
  var DEFAULT_LABELS = {
    helper: "支援方", recipient: "受援方", program: "项目", since: "始于", sources: "来源",
    value: "数值", noValue: "无数据", failed: "地图无法加载",
    programs: {east_west: "东西部协作", counterpart_support: "对口支援", intra_province: "省内协作",
      designated: "定点帮扶", unspecified: "未注明"},
    measures: {money: "资金(万元)", count: "数量", events: "活动", pairings: "结对"},
    directions: {received: "受援", given: "支援"}
  };
  var registered = {};  // map name -> {names: code -> name, centres: code -> [lon, lat]}

  function escapeHtml(value) {
    // names and programmes come from reports: tooltips are HTML, so every value is escaped
    return String(value === undefined || value === null ? "" : value).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  async function fetchJson(url) {
    var response = await fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}});
    if (!response.ok) {
      throw new Error(url + ": HTTP " + response.status);
    }
    return response.json();
  }

  function boundaryPath(options) {
    var base = String(options.mapsBase || "/maps").replace(/\/+$/, "");
    if (options.level === "county") {
      if (!/^\d{2}$/.test(String(options.province || ""))) {
        throw new Error("level county needs options.province, two digits (e.g. \"32\")");
      }
      return {url: base + "/county/" + options.province + ".json", name: "duikou-county-" + options.province};
    }
    if (options.level && options.level !== "province" && options.level !== "prefecture") {
      throw new Error("unknown level " + options.level + " (province, prefecture or county)");
    }
    var level = options.level || "province";
    return {url: base + "/" + level + ".json", name: "duikou-" + level};
  }

  function ringCentre(ring) {
    // the area-weighted centroid of a ring (shoelace); its first point when it has no area
    var area = 0, x = 0, y = 0;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += cross;
      x += (ring[j][0] + ring[i][0]) * cross;
      y += (ring[j][1] + ring[i][1]) * cross;
    }
    return area ? {area: Math.abs(area), point: [x / (3 * area), y / (3 * area)]} : {area: 0, point: ring[0]};
  }

  function featureCentre(geometry) {
    // the centre of the largest outer ring: a line to a coastal county lands on its main land, not an island
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var best = null;
    polygons.forEach(function (polygon) {
      if (polygon.length) {
        var c = ringCentre(polygon[0]);
        if (!best || c.area > best.area) { best = c; }
      }
    });
    return best ? best.point : null;
  }

  async function loadBoundaries(options) {
    var path = boundaryPath(options);
    if (!registered[path.name]) {
      var topology = await fetchJson(path.url);
      var objectName = Object.keys(topology.objects || {})[0];
      if (!objectName) {
        throw new Error(path.url + ": no TopoJSON object");
      }
      var geojson = window.topojson.feature(topology, topology.objects[objectName]);
      var names = {}, centres = {};
      geojson.features.forEach(function (feature) {
        names[feature.properties.code] = feature.properties.name;
        if (feature.geometry) { centres[feature.properties.code] = featureCentre(feature.geometry); }
      });
      window.echarts.registerMap(path.name, geojson);
      registered[path.name] = {names: names, centres: centres};
    }
    return {name: path.name, names: registered[path.name].names, centres: registered[path.name].centres};
  }

  function point(end, centres) {
    // a party's coordinates from the data, else the centre of its boundary when this map has it
    if (end && typeof end.lon === "number" && typeof end.lat === "number") { return [end.lon, end.lat]; }
    return end && centres[end.code] ? centres[end.code] : null;
  }

  function programColours(programs, given) {
    // the known programmes keep one colour on every page (their order in DEFAULT_LABELS.programs)
    var known = Object.keys(DEFAULT_LABELS.programs), colours = {}, extra = known.length;
    programs.slice().sort().forEach(function (p) {
      var i = known.indexOf(p);
      colours[p] = (given && given[p]) || PALETTE[(i >= 0 ? i : extra++) % PALETTE.length];
    });
    return colours;
  }

  function programLabel(program, labels) {
    return (labels.programs || {})[program] || program;
  }

  function buildOption(boundaries, data, options) {
    var labels = Object.assign({}, DEFAULT_LABELS, options.labels || {});
    var lines = Array.isArray(data.lines) ? data.lines : [];
    var values = (Array.isArray(data.values) ? data.values : []).filter(function (v) {
      return Object.prototype.hasOwnProperty.call(boundaries.names, v.code) && typeof v.value === "number";
    });
    var measure = (labels.measures || {})[data.measure] || data.measure || labels.value;
    var direction = (labels.directions || {})[data.direction] || data.direction || "";
    var series = [{
      type: "map", name: measure, geoIndex: 0,
      // a region without a value keeps the geo's neutral colour (else it takes the series palette's)
      itemStyle: {areaColor: NO_DATA, color: NO_DATA}, emphasis: {itemStyle: {areaColor: HOVER}},
      data: values.map(function (v) { return {name: v.code, value: v.value, label: v.name}; })
    }];
    // every other region as an item without a value ("-": no colour from the visualMap), so a click on it
    // names its code too (a map series reports an empty name for a region it has no item for)
    var valued = {};
    values.forEach(function (v) { valued[v.code] = true; });
    Object.keys(boundaries.names).forEach(function (code) {
      if (!valued[code]) { series[0].data.push({name: code, value: "-", label: boundaries.names[code]}); }
    });
    var byProgram = {}, ends = {}, drawn = 0;
    lines.forEach(function (line) {
      var from = point(line.helper, boundaries.centres), to = point(line.recipient, boundaries.centres);
      if (!from || !to) { return; }
      var program = String(line.program || "unspecified");
      (byProgram[program] = byProgram[program] || []).push({coords: [from, to], line: line});
      ends[line.helper.code + ":h"] = {name: line.helper.name, code: line.helper.code, role: "helper", value: from};
      ends[line.recipient.code + ":r"] = {name: line.recipient.name, code: line.recipient.code, role: "recipient", value: to};
      drawn += 1;
    });
    var programs = Object.keys(byProgram).sort();
    var colours = programColours(programs, options.programColours);
    programs.forEach(function (program) {
      series.push({
        type: "lines", name: programLabel(program, labels), coordinateSystem: "geo", zlevel: 1,
        symbol: ["none", "arrow"], symbolSize: 7,
        lineStyle: {color: colours[program], width: 1.6, opacity: 0.85, curveness: 0.2,
          shadowColor: "rgba(255, 255, 255, 0.9)", shadowBlur: 3},  // a halo keeps a line visible on dark regions
        emphasis: {lineStyle: {width: 2.5, opacity: 1}},
        data: byProgram[program]
      });
    });
    var endpoints = Object.keys(ends).sort().map(function (k) { return ends[k]; });
    series.push({
      type: "scatter", name: labels.helper, coordinateSystem: "geo", zlevel: 2, symbolSize: 5,
      itemStyle: {color: "#1f4e79"},
      data: endpoints.filter(function (e) { return e.role === "helper"; })
    });
    series.push({
      type: "effectScatter", name: labels.recipient, coordinateSystem: "geo", zlevel: 2, symbolSize: 6,
      rippleEffect: {scale: 3, brushType: "stroke"}, itemStyle: {color: "#b8860b"},
      data: endpoints.filter(function (e) { return e.role === "recipient"; })
    });
    var max = values.reduce(function (m, v) { return Math.max(m, v.value); }, 0);
    var option = {
      animation: false,
      tooltip: {trigger: "item", confine: true, formatter: function (p) { return tooltip(p, boundaries, labels, measure); }},
      legend: {show: programs.length > 0, left: 8, top: 8, orient: "vertical",
        data: programs.map(function (p) { return programLabel(p, labels); })},
      geo: {
        map: boundaries.name, nameProperty: "code", roam: true, triggerEvent: true, selectedMode: false,
        itemStyle: {areaColor: NO_DATA, borderColor: "#8a97a6", borderWidth: 0.6},
        emphasis: {label: {show: false}, itemStyle: {areaColor: HOVER}},
        label: {show: false}
      },
      series: series
    };
    if (values.length) {
      option.visualMap = {
        type: "continuous", seriesIndex: 0, min: 0, max: max || 1, calculable: true, right: 8, bottom: 8,
        text: [direction ? direction + " " + measure : measure, ""],
        inRange: {color: SCALE}
      };
    }
    return {option: option, linesDrawn: drawn};
  }

  function tooltip(p, boundaries, labels, measure) {
    if (p.seriesType === "lines") {
      var line = p.data.line;
      var parts = [escapeHtml(line.helper.name) + " → " + escapeHtml(line.recipient.name),
        escapeHtml(labels.program) + ": " + escapeHtml(programLabel(String(line.program || "unspecified"), labels))];
      if (line.since) { parts.push(escapeHtml(labels.since) + ": " + escapeHtml(line.since)); }
      // source_count counts every report; sources lists only the first few ids
      var told = typeof line.source_count === "number" ? line.source_count :
        (Array.isArray(line.sources) ? line.sources.length : line.sources);
      if (told !== undefined) {
        parts.push(escapeHtml(labels.sources) + ": " + escapeHtml(told));
      }
      return parts.join("<br>");
    }
    if (p.seriesType === "scatter" || p.seriesType === "effectScatter") {
      return escapeHtml(p.data.name) + " (" + escapeHtml(p.seriesName) + ")";
    }
    // a region: p.name is its code (nameProperty "code")
    var name = (p.data && p.data.label) || boundaries.names[p.name] || p.name;
    var value = p.data && typeof p.data.value === "number" ? p.data.value.toLocaleString() : labels.noValue;
    return escapeHtml(name) + " " + escapeHtml(p.name) + "<br>" + escapeHtml(measure) + ": " + escapeHtml(value);
  }

  function regionOf(params, boundaries) {
    // a click on a region (geo component or map series) or on an endpoint: its code and name
    if (params.componentType === "geo" || params.seriesType === "map") {
      return {code: params.name, name: boundaries.names[params.name] || params.name};
    }
    if ((params.seriesType === "scatter" || params.seriesType === "effectScatter") && params.data) {
      return {code: params.data.code, name: params.data.name};
    }
    return null;
  }

  function showError(el, message, labels) {
    // textContent, never innerHTML: the message may hold a URL or server text
    el.textContent = "";
    var box = document.createElement("p");
    box.className = "duikou-map-error";
    box.setAttribute("role", "alert");
    box.textContent = labels.failed + ": " + message;
    el.appendChild(box);
  }

  async function duikouMap(el, options) {
    options = Object.assign({level: "province", mapsBase: "/maps"}, options || {});
    duikouMap.last = null;  // a test waiting for the map sees this call's result, not the last one's
    var onRegionClick = options.onRegionClick || function (code) {
      window.location.href = "/region/" + encodeURIComponent(code);
    };
    var old = window.echarts && window.echarts.getInstanceByDom(el);
    if (old) { old.dispose(); }
    var handle = {chart: null, linesDrawn: 0, error: null};
    var onResize = function () { if (handle.chart) { handle.chart.resize(); } };
    handle.dispose = function () {
      window.removeEventListener("resize", onResize);
      if (handle.chart) { handle.chart.dispose(); handle.chart = null; }
    };
    try {
      if (!window.echarts || !window.topojson) {
        throw new Error("echarts and topojson-client must be loaded first");
      }
      var boundaries = await loadBoundaries(options);
      var draw = async function (dataUrl) {
        var data = dataUrl ? await fetchJson(dataUrl) : {lines: [], values: []};
        var built = buildOption(boundaries, data, options);
        handle.chart.setOption(built.option, true);
        handle.linesDrawn = built.linesDrawn;
        handle.data = data;
        return handle;
      };
      handle.chart = window.echarts.init(el, null, {renderer: "canvas"});
      handle.chart.on("click", function (params) {
        var region = regionOf(params, boundaries);
        if (region && region.code) { onRegionClick(region.code, region.name); }
      });
      window.addEventListener("resize", onResize);
      handle.reload = function (dataUrl) {
        // new filters: the same boundaries, new data; a failure keeps the map and says why in handle.error
        options.dataUrl = dataUrl;
        duikouMap.last = null;
        return draw(dataUrl).then(function () { handle.error = null; }, function (err) {
          handle.error = String(err && err.message ? err.message : err);
        }).then(function () { announce(el, handle); return handle; });
      };
      await draw(options.dataUrl);
    } catch (err) {
      handle.error = String(err && err.message ? err.message : err);
      handle.dispose();
      showError(el, handle.error, Object.assign({}, DEFAULT_LABELS, options.labels || {}));
    }
    announce(el, handle);
    return handle;
  }

  function announce(el, handle) {
    duikouMap.last = handle;
    el.dispatchEvent(new CustomEvent("duikou:map-ready", {detail: handle}));
  }

  duikouMap.last = null;
  duikouMap.escapeHtml = escapeHtml;
  window.duikouMap = duikouMap;
})();
