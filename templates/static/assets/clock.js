// Keeps the texts that depend on the clock true between builds. A page says what was true when
// it was built ("Öppen", "Stänger om 3 dagar"); a call that closes at 12:00 may be read at
// 14:00 from a page built at night. Each such text carries its moment in the markup: the
// element around a need's status has data-closes (the moment the call closes, as ISO 8601),
// the countdown is a <time datetime> of that moment, and the apply button and section are
// marked data-withdraw. Here, in the visitor's browser, a call past its moment is shown as
// closed and its apply button withdrawn, and the countdown is counted again in the board's
// time zone. The words come from the build (this script tag's data attributes, from the
// catalogs); without JavaScript the build's text stands until the next build.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.Intl || !Date.parse) {
    return;
  }
  var text = script.dataset;
  var soonDays = Number(text.soonDays);
  var plural = Intl.PluralRules ? new Intl.PluralRules(text.lang) : null;
  var numbers = new Intl.NumberFormat(text.lang);
  var dayOf;
  try {
    dayOf = new Intl.DateTimeFormat("en-CA", { timeZone: text.zone, year: "numeric", month: "2-digit", day: "2-digit" });
  } catch (unknownZone) {
    return;
  }

  function dayNumber(isoDay) {
    var parts = isoDay.slice(0, 10).split("-");
    return Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])) / 86400000;
  }

  function today(now) {
    var parts = {};
    dayOf.formatToParts(now).forEach(function (part) {
      parts[part.type] = part.value;
    });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function daysText(days) {
    var form = plural && plural.select(days) === "one" ? text.one : text.other;
    return form.replace("%(n)s", numbers.format(days));
  }

  function showClosed(holder) {
    var badge = holder.querySelector(".badge--open");
    if (badge) {
      badge.className = "badge badge--closed";
      badge.lastChild.textContent = text.closed;
    }
    var lines = holder.querySelectorAll(".deadline, .deadline__date");
    for (var i = 0; i < lines.length; i++) {
      lines[i].parentNode.removeChild(lines[i]);
    }
    if (holder.dataset.closedLine) {
      var line = document.createElement("span");
      line.className = "deadline deadline--past";
      line.textContent = holder.dataset.closedLine;
      holder.appendChild(line);
    }
  }

  function count(holder, days) {
    var countdown = holder.querySelector("time.deadline");
    if (!countdown) {
      return;
    }
    countdown.textContent = days === 0 ? text.today : daysText(days);
    countdown.classList.toggle("deadline--today", days === 0);
    countdown.classList.toggle("deadline--soon", days > 0 && days <= soonDays);
  }

  function correct() {
    var now = new Date();
    var holders = document.querySelectorAll("[data-closes]");
    for (var i = 0; i < holders.length; i++) {
      var holder = holders[i];
      var closes = Date.parse(holder.dataset.closes);
      if (isNaN(closes)) {
        continue;
      }
      if (now.getTime() >= closes) {
        if (holder.hasAttribute("data-withdraw")) {
          holder.hidden = true;
        } else {
          showClosed(holder);
        }
        holder.removeAttribute("data-closes");
      } else if (holder.dataset.deadline) {
        count(holder, dayNumber(holder.dataset.deadline) - dayNumber(today(now)));
      }
    }
  }

  correct();
  window.setInterval(correct, 60000);
})();
