// The article page: pointing at (or focusing, or clicking) a claim in the sidebar highlights the
// words of that claim in the text (its source, cue and content: the spans whose data-claims list
// it); clicking also scrolls the text to them. Clicking a claim's words in the text selects the
// claim in the sidebar. No markup is built from text.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var list = document.querySelector("ol.claims");
  if (!text || !list) { return; }
  var pinned = null;

  function spans(id) {
    return Array.prototype.filter.call(text.querySelectorAll("[data-claims]"), function (el) {
      return el.getAttribute("data-claims").split(" ").indexOf(id) >= 0;
    });
  }
  function clear(cls) {
    Array.prototype.forEach.call(document.querySelectorAll("." + cls), function (el) {
      el.classList.remove(cls);
    });
  }
  function show(id, cls) {
    clear(cls);
    if (!id) { return []; }
    var found = spans(id);
    found.forEach(function (el) { el.classList.add(cls); });
    var item = document.getElementById(id);
    if (item) { item.classList.add(cls); }
    return found;
  }
  function claimOf(el) {
    var li = el && el.closest ? el.closest("li[data-claim]") : null;
    return li && list.contains(li) ? li.getAttribute("data-claim") : null;
  }
  list.addEventListener("mouseover", function (ev) { show(claimOf(ev.target), "claim-hl"); });
  list.addEventListener("focusin", function (ev) { show(claimOf(ev.target), "claim-hl"); });
  list.addEventListener("mouseleave", function () { show(pinned, "claim-hl"); });
  list.addEventListener("click", function (ev) {
    var id = claimOf(ev.target);
    if (!id) { return; }
    pinned = id;
    var found = show(id, "claim-hl");
    show(id, "claim-pinned");
    if (found.length) { found[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
  });
  text.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-claims]") : null;
    if (!el || ev.target.closest("a")) { return; }
    var id = el.getAttribute("data-claims").split(" ").pop();
    pinned = id;
    show(id, "claim-hl");
    show(id, "claim-pinned");
    var item = document.getElementById(id);
    if (item) { item.scrollIntoView({ block: "nearest" }); }
  });
  if (location.hash && /^#c[0-9]+$/.test(location.hash)) {   // a link from the story ledger
    pinned = location.hash.slice(1);
    show(pinned, "claim-hl");
    show(pinned, "claim-pinned");
  }
})();
