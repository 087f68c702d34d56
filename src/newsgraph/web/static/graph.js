// The actor network: nodes are actors, edges are stated relations or co-occurrence in articles.
// Clicking an edge shows the evidence (sentences or article titles) behind it, as text only.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  var panel = document.getElementById("edge-evidence");
  var colors = { PERSON: "#e8a33d", ORG: "#3d7fe8", LOC: "#3dae5a", GROUP: "#9b59b6" };
  fetch(box.dataset.src, { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (g) {
      var cy = cytoscape({
        container: box,
        elements: g.nodes.concat(g.edges),
        // cose with labels counted in the node sizes and strong repulsion: labels do not overlap
        layout: { name: "cose", animate: false, padding: 30, randomize: false,
                  nodeDimensionsIncludeLabels: true, nodeRepulsion: function () { return 400000; },
                  idealEdgeLength: function () { return 120; }, nodeOverlap: 40,
                  componentSpacing: 80, gravity: 0.25, numIter: 2500 },
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 11,
            "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap",
            "text-max-width": 110, "text-background-color": "#fff",
            "text-background-opacity": 0.85, "text-background-padding": 2,
            "min-zoomed-font-size": 7,
            "background-color": function (n) { return colors[n.data("type")] || "#999"; },
            "width": function (n) { return n.data("center") ? 34 : 22; },
            "height": function (n) { return n.data("center") ? 34 : 22; } } },
          { selector: "node[?center]", style: { "font-weight": "bold", "font-size": 13 } },
          { selector: "edge", style: { "label": "data(label)", "font-size": 9, "width": 3,
            "text-background-color": "#fff", "text-background-opacity": 0.85,
            "text-background-padding": 1,
            "curve-style": "bezier", "line-color": "#aab", "target-arrow-shape": "triangle",
            "target-arrow-color": "#aab", "text-rotation": "autorotate" } },
          { selector: "edge[kind = 'cooccurrence']", style: { "line-style": "dashed",
            "target-arrow-shape": "none", "label": "", "width": 2, "line-color": "#ccd" } },
          { selector: "edge:selected", style: { "line-color": "#b3261e", "width": 5 } }
        ]
      });
      box.dataset.ready = "1";
      box.dataset.edges = String(g.edges.length);
      window.newsgraphCy = cy;
      cy.on("tap", "edge", function (evt) {
        var e = evt.target;
        panel.textContent = "";
        var h = document.createElement("h3");
        h.textContent = cy.getElementById(e.data("source")).data("label") + " — " +
          e.data("label") + " — " + cy.getElementById(e.data("target")).data("label");
        panel.appendChild(h);
        var ul = document.createElement("ul");
        (e.data("evidence") || []).forEach(function (ev) {
          var li = document.createElement("li");
          li.className = "evidence";
          li.textContent = ev.text || "";
          if (ev.article) {
            var a = document.createElement("a");
            a.href = "/articles/" + encodeURIComponent(ev.article);
            a.textContent = " (article)";
            li.appendChild(a);
          }
          ul.appendChild(li);
        });
        panel.appendChild(ul);
      });
      cy.on("tap", "node", function (evt) {
        var id = evt.target.id();
        if (id !== box.dataset.center) { window.location = "/actors/" + encodeURIComponent(id); }
      });
    });
})();
