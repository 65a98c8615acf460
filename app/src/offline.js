(function () {
  var t = window.ANTT_TEXTS;
  function bar(cls, text, button, onClick) {
    var el = document.createElement("div");
    el.className = "pwa-bar " + cls;
    el.setAttribute("role", "status");
    var span = document.createElement("span");
    span.textContent = text;
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = button;
    b.onclick = function () {
      onClick();
      el.remove();
    };
    el.append(span, b);
    // Outside <body>: the page's own markup stays exactly as the server rendered it.
    document.documentElement.appendChild(el);
  }
  if ("serviceWorker" in navigator) {
    var controlled = !!navigator.serviceWorker.controller;
    // Once the app has started, when the phone is idle: the worker's downloads of every
    // part of the app would otherwise compete with starting it on the same few cores
    // (docs/BENCHMARKS.md, 30/11/2026). At the latest 10 s after the page has loaded, so
    // that a page whose wasm never arrives is still kept for offline use.
    var registered = false;
    function register() {
      if (registered) return;
      registered = true;
      navigator.serviceWorker.register("/sw.js").then(function (reg) {
        function offer(worker) {
          if (worker && navigator.serviceWorker.controller) {
            bar("update", t.ready, t.update, function () {
              worker.postMessage("skip-waiting");
            });
          }
        }
        offer(reg.waiting);
        reg.addEventListener("updatefound", function () {
          var w = reg.installing;
          w.addEventListener("statechange", function () {
            if (w.state === "installed") offer(w);
          });
        });
      });
    }
    window.addEventListener("antt-ready", function () {
      if (window.requestIdleCallback) requestIdleCallback(register, { timeout: 3000 });
      else setTimeout(register);
    });
    window.addEventListener("load", function () {
      setTimeout(register, 10000);
    });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      // The first worker taking over needs no reload; a new version does.
      if (controlled) location.reload();
      controlled = true;
    });
    // The router moves between screens without loading pages; the worker keeps each
    // screen reached this way too (see keepPage in sw.js).
    var push = history.pushState;
    history.pushState = function () {
      push.apply(this, arguments);
      var c = navigator.serviceWorker.controller;
      if (c) c.postMessage({ keep: location.href });
      // A new screen is a good moment to send what waits (after signing in, above all).
      whenWaiting(sync);
    };
    // With no network the router could not fetch a screen's data; a full page load gets
    // the screen as the worker kept it.
    document.addEventListener(
      "click",
      function (e) {
        var a = e.target.closest && e.target.closest("a[href]");
        if (navigator.onLine || !a || a.target || a.hasAttribute("download")) return;
        if (a.origin !== location.origin || e.defaultPrevented || e.button !== 0) return;
        e.preventDefault();
        e.stopPropagation();
        location.assign(a.href);
      },
      true,
    );
  }
  // Entries waiting in the outbox (app/src/browser/idb.rs) wake the app's sync, whose code
  // is fetched only then. The database is opened only if it exists: opening creates it.
  function sync() {
    window.dispatchEvent(new Event("antt-sync"));
  }
  function whenWaiting(then) {
    if (!window.indexedDB || !indexedDB.databases) return;
    indexedDB.databases().then(function (dbs) {
      if (!dbs.some(function (d) { return d.name === "antt"; })) return;
      var open = indexedDB.open("antt");
      open.onsuccess = function () {
        var db = open.result;
        if (!db.objectStoreNames.contains("outbox")) return db.close();
        var count = db.transaction("outbox").objectStore("outbox").count();
        count.onsuccess = function () {
          db.close();
          if (count.result > 0) then();
        };
      };
    });
  }
  window.addEventListener("antt-ready", function () {
    whenWaiting(sync);
  });
  window.addEventListener("online", function () {
    whenWaiting(sync);
  });
})();
