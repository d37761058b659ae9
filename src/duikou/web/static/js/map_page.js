/*
 * The map page (/map): starts window.duikouMap (map.js) on #map with the options the server wrote in its
 * data-map attribute ({mapsBase, dataUrl, level, province, labels, programColours}), and lets the filter
 * form apply itself when a choice changes (the "显示" button does the same without JavaScript).
 * A click on a region opens /region/<code> (map.js's default). Plain ES2017, no build step.
 */
(function () {
  "use strict";

  function start() {
    var el = document.getElementById("map");
    if (el && window.duikouMap) {
      var options;
      try {
        options = JSON.parse(el.getAttribute("data-map"));
      } catch (err) {
        el.textContent = "地图参数无法读取";
        return;
      }
      window.duikouMap(el, options);
    }
    var form = document.getElementById("map-filters");
    if (!form) { return; }
    form.addEventListener("change", function (event) {
      var level = form.elements.level, province = form.elements.province;
      // the county level draws one province: wait for it to be chosen instead of asking for a 400
      if (level && province && level.value === "county" && !province.value) {
        province.focus();
        return;
      }
      if (event.target && event.target.tagName === "SELECT") {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
