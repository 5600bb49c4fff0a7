// callboard serve: reloads the page after every rebuild and shows build errors in an overlay.
// Loaded only by the dev server (never part of a built site). It is an external file, not an
// inline script, so that pages keep working under a strict Content-Security-Policy.
// Everything shown comes from the server as text and is put on the page as text nodes only:
// error messages quote content files, which are untrusted.
(function () {
  "use strict";

  var script = document.currentScript;
  var scriptUrl = new URL(script.src);
  var pageServer = scriptUrl.searchParams.get("server") || "";
  var socketUrl = new URL("/_callboard/live", scriptUrl);
  socketUrl.protocol = scriptUrl.protocol === "https:" ? "wss:" : "ws:";
  var retryDelay = 250;
  var OVERLAY_ID = "callboard-overlay";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.appendChild(document.createTextNode(text));
    return node;
  }

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showProblems(problems) {
    removeOverlay();
    var overlay = element("section", "callboard-overlay");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    overlay.lang = problems.lang;
    var heading = element("h2", "callboard-overlay__title", problems.title);
    heading.id = OVERLAY_ID + "-title";
    overlay.appendChild(heading);
    overlay.appendChild(element("p", "callboard-overlay__hint", problems.hint));
    var list = element("ol", "callboard-overlay__list");
    problems.items.forEach(function (item) {
      var entry = element("li", "callboard-overlay__item callboard-overlay__item--" + item.severity);
      entry.appendChild(element("code", "callboard-overlay__where", item.where));
      entry.appendChild(document.createTextNode(": " + item.label + ": "));
      entry.appendChild(element("span", "callboard-overlay__message", item.message));
      list.appendChild(entry);
    });
    overlay.appendChild(list);
    var close = element("button", "callboard-overlay__close", problems.close);
    close.type = "button";
    close.addEventListener("click", removeOverlay);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  // "hello" comes first on every connection: a page from another server run, or requested
  // before the last good build went live, is out of date. "rebuilt" follows every rebuild.
  function isStale(message) {
    if (message.server !== pageServer) return true;
    if (message.type === "hello") return message.swapped > performance.timeOrigin;
    return message.reload;
  }

  function handle(message) {
    var onErrorPage = document.body.hasAttribute("data-callboard-error");
    if (isStale(message)) {
      location.reload();
    } else if (message.problems && onErrorPage) {
      if (message.type === "rebuilt") location.reload();  // fetch the error page's new list
    } else if (message.problems) {
      showProblems(message.problems);
    } else {
      removeOverlay();
    }
  }

  function connect() {
    var socket = new WebSocket(socketUrl.href);
    socket.addEventListener("open", function () { retryDelay = 250; });
    socket.addEventListener("message", function (event) {
      handle(JSON.parse(event.data));
    });
    socket.addEventListener("close", function () {
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 4000);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") removeOverlay();
  });
  connect();
})();
