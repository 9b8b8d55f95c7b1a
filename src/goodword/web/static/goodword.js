// goodword's only script: copy buttons, delete confirmations, upload progress.
// Every page works without it; it only makes a few things quicker.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.value !== undefined ? source.value : source.textContent;
    var done = function () {
      button.textContent = "Copied";
      button.classList.add("copied");
      setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(source, done); });
    } else {
      fallback(source, done);
    }
  });

  function fallback(source, done) {
    if (source.select) { source.select(); document.execCommand("copy"); done(); }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    if (!form.hasAttribute("data-progress")) return;
    var bar = document.getElementById(form.getAttribute("data-progress"));
    if (!bar || !window.XMLHttpRequest) return;
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    bar.hidden = false;
    request.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; }
    };
    request.upload.onload = function () { bar.removeAttribute("value"); };
    request.onload = function () {
      document.open(); document.write(request.responseText); document.close();
      history.replaceState(null, "", request.responseURL || form.action);
    };
    request.send(new FormData(form));
  });
})();
