// Asks the browser to keep this site's storage (the outbox must not be evicted when the
// phone runs low on space), and says so once when it refuses. Home screen only.
(function () {
  var t = window.ANTT_TEXTS;
  var s = navigator.storage;
  if (s && s.persist && !localStorage.getItem(t.refused)) {
    s.persisted()
      .then(function (p) {
        return p || s.persist();
      })
      .then(function (kept) {
        if (kept) return;
        var el = document.createElement("div");
        el.className = "pwa-bar storage";
        el.setAttribute("role", "status");
        var span = document.createElement("span");
        span.textContent = t.kept;
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = t.ok;
        b.onclick = function () {
          localStorage.setItem(t.refused, "1");
          el.remove();
        };
        el.append(span, b);
        document.documentElement.appendChild(el);
      });
  }
})();
