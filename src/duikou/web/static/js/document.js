/* The document view (templates/document.html): a fact chosen in the side list (or named by the URL's
   #fact-<id>) is scrolled to the middle of the screen and its highlighted runs flash; a run clicked in
   the text marks its facts in the side list; the legend's boxes hide a kind's highlights.
   Without this script the page still works: the list's links jump to each fact's anchor. */
(function () {
  "use strict";

  var PREFIX = "#fact-";

  function text() { return document.getElementById("doc-text"); }

  function runsOf(id) {
    var root = text();
    if (!root) { return []; }
    return Array.prototype.filter.call(root.querySelectorAll("mark[data-facts]"), function (m) {
      return m.getAttribute("data-facts").split(" ").indexOf(id) !== -1;
    });
  }

  function markCurrent(ids, scrollList) {
    document.querySelectorAll(".fact-list li.current").forEach(function (li) { li.classList.remove("current"); });
    ids.forEach(function (id, i) {
      var li = document.getElementById("item-" + id);
      if (!li) { return; }
      li.classList.add("current");
      if (scrollList && i === 0) { scrollListTo(li); }
    });
  }

  /* Bring a fact into the side list's view by scrolling the list alone (scrolling the window too would
     undo the scroll to the fact's text). */
  function scrollListTo(li) {
    var list = li.closest(".fact-list");
    if (!list || list.scrollHeight <= list.clientHeight) { return; }
    var top = li.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
    list.scrollTop = Math.max(0, top - list.clientHeight / 3);
  }

  function pulse(marks) {
    document.querySelectorAll("mark.pulse").forEach(function (m) { m.classList.remove("pulse"); });
    marks.forEach(function (m) {
      void m.offsetWidth; // restart the animation when the same fact is chosen twice
      m.classList.add("pulse");
    });
  }

  function show(id) {
    var marks = runsOf(id);
    if (!marks.length) { return false; }
    marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    pulse(marks);
    markCurrent([id], true);
    return true;
  }

  function fromHash() {
    var hash = window.location.hash;
    if (hash.indexOf(PREFIX) === 0) { show(decodeURIComponent(hash.slice(PREFIX.length))); }
  }

  /* The legend's boxes: a run is coloured by its innermost fact of a kind still shown (underlined by
     the outermost), or not at all when every kind covering it is hidden. */
  function recolour() {
    var hidden = {};
    document.querySelectorAll(".kind-toggle").forEach(function (box) { hidden[box.value] = !box.checked; });
    var root = text();
    if (!root) { return; }
    root.querySelectorAll("mark[data-kinds]").forEach(function (m) {
      var kinds = m.getAttribute("data-kinds").split(" ").filter(function (k) { return !hidden[k]; });
      m.className = "";
      if (!kinds.length) { m.classList.add("off"); return; }
      m.classList.add("k-" + kinds[0]);
      if (kinds.length > 1) { m.classList.add("o-" + kinds[kinds.length - 1]); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".fact-list a.jump").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var id = link.getAttribute("data-fact");
        if (show(id)) {
          event.preventDefault();
          history.replaceState(null, "", PREFIX + encodeURIComponent(id));
        }
      });
    });
    var root = text();
    if (root) {
      root.addEventListener("click", function (event) {
        var mark = event.target.closest("mark[data-facts]");
        if (mark && !mark.classList.contains("off")) {
          markCurrent(mark.getAttribute("data-facts").split(" "), true);
        }
      });
    }
    document.querySelectorAll(".kind-toggle").forEach(function (box) {
      box.hidden = false;
      box.addEventListener("change", recolour);
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  });
}());
