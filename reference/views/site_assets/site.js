// nn-rosetta's web page: hide frameworks, compare any two, and report what rendered (for the browser test).
"use strict";
(function () {
  const backends = Array.from(document.querySelectorAll("#controls input[data-backend]"));
  const left = document.getElementById("left");
  const right = document.getElementById("right");

  function markDifferences() {
    const visible = backends.filter((box) => box.checked).map((box) => box.dataset.backend);
    document.querySelectorAll(".row.differs").forEach((row) => row.classList.remove("differs"));
    if (visible.length !== 2) return;
    document.querySelectorAll(".columns").forEach((columns) => {
      const [a, b] = visible.map((name) => columns.querySelector(`.impl[data-backend="${name}"] pre`));
      if (!a || !b) return;
      const rowsA = a.querySelectorAll(".row"), rowsB = b.querySelectorAll(".row");
      for (let i = 0; i < Math.min(rowsA.length, rowsB.length); i++) {
        if (rowsA[i].textContent !== rowsB[i].textContent) {
          rowsA[i].classList.add("differs");
          rowsB[i].classList.add("differs");
        }
      }
    });
  }

  function apply() {
    backends.forEach((box) => document.body.classList.toggle("hide-" + box.dataset.backend, !box.checked));
    markDifferences();
  }

  backends.forEach((box) => box.addEventListener("change", apply));
  document.getElementById("pair").addEventListener("click", () => {
    backends.forEach((box) => { box.checked = box.dataset.backend === left.value || box.dataset.backend === right.value; });
    apply();
  });
  document.getElementById("all").addEventListener("click", () => {
    backends.forEach((box) => { box.checked = true; });
    apply();
  });
  // index.html?compare=numpy,jax opens with those two side by side
  const wanted = (new URLSearchParams(window.location.search).get("compare") || "").split(",").filter(Boolean);
  if (wanted.length === 2 && wanted.every((name) => backends.some((box) => box.dataset.backend === name))) {
    [left.value, right.value] = wanted;
    backends.forEach((box) => { box.checked = wanted.includes(box.dataset.backend); });
  }
  apply();

  // What rendered: visible columns per concept, and whether MathML was laid out as mathematics
  // (a fraction's numerator sits above its denominator only where the browser lays out MathML).
  function report() {
    const columns = Array.from(document.querySelectorAll(".concept .columns")).map(
      (c) => Array.from(c.querySelectorAll(".impl")).filter((impl) => impl.offsetWidth > 0).length);
    const maths = Array.from(document.querySelectorAll("math"));
    const laidOut = maths.filter((m) => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    const fractions = Array.from(document.querySelectorAll("mfrac")).map((f) => {
      const [num, den] = f.children;
      return num && den && num.getBoundingClientRect().bottom <= den.getBoundingClientRect().top + 1;
    });
    return {
      concepts: document.querySelectorAll(".concept").length,
      columns: columns,
      math: maths.length,
      math_laid_out: laidOut.length,
      fractions: fractions.length,
      fractions_stacked: fractions.filter(Boolean).length,
      rows_differ: document.querySelectorAll(".row.differs").length,
      images: document.querySelectorAll(".plots img").length,
      images_loaded: Array.from(document.querySelectorAll(".plots img")).filter((i) => i.naturalWidth > 0).length,
      graphs: document.querySelectorAll("figure.graph").length,
      graphs_drawn: Array.from(document.querySelectorAll("figure.graph svg")).filter((svg) => {
        const r = svg.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
      graph_nodes: document.querySelectorAll("figure.graph svg g.node").length,
      graph_nodes_labelled: Array.from(document.querySelectorAll("figure.graph svg g.node")).filter(
        (g) => g.querySelector('text[font-weight="bold"]') && g.getBBox().width > 0).length,
      errors: window.__rosettaErrors,
    };
  }
  function publish() {
    document.getElementById("render-report").textContent = JSON.stringify(report());
    const errors = window.__rosettaErrors;
    const box = document.getElementById("errors");
    box.hidden = errors.length === 0;
    box.textContent = errors.join("\n");
  }
  publish();
  window.addEventListener("load", publish);
})();
