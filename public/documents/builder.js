// 申請書印刷 field placer: clicking on a page preview puts that position (PDF points from the
// page's lower-left corner) into the "add a field" form. Without JavaScript the numeric inputs
// do the same job. No inline script or style, so the strict CSP holds.
(function () {
  "use strict";
  var form = document.getElementById("add-field");
  if (!form) return;
  var announce = document.getElementById("documents-announce");
  var round = function (value) { return Math.round(value * 10) / 10; };
  var pages = document.querySelectorAll("svg.documents-page");
  Array.prototype.forEach.call(pages, function (svg) {
    svg.addEventListener("click", function (event) {
      var matrix = svg.getScreenCTM();
      if (!matrix) return;
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      var p = point.matrixTransform(matrix.inverse());
      var height = Number(svg.getAttribute("data-height"));
      var x = round(Math.max(0, p.x));
      var y = round(Math.max(0, height - p.y));
      form.querySelector("#add-page").value = svg.getAttribute("data-page");
      form.querySelector("#add-x").value = String(x);
      form.querySelector("#add-y").value = String(y);
      var cursor = svg.querySelector(".documents-page__cursor");
      if (cursor) {
        cursor.setAttribute("transform", "translate(" + p.x + " " + p.y + ")");
        cursor.setAttribute("visibility", "visible");
      }
      if (announce) announce.textContent = "p." + svg.getAttribute("data-page") + " x=" + x + " y=" + y;
      var source = form.querySelector("#add-source");
      if (source) source.focus();
    });
  });
})();
