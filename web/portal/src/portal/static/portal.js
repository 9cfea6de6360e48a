/* Progressive enhancement only: the pages work without this file.
   Galleries: one photo at a time, buttons, arrow keys, swipe.
   Video and audio: hls.js (served by the portal) where MSE exists, else native HLS. */
(function () {
  "use strict";
  function gallery(root) {
    var slides = root.querySelectorAll(".gallery-slide");
    var controls = root.querySelector(".gallery-controls");
    if (slides.length < 2 || !controls) return;
    var index = 0;
    var counter = root.querySelector("[data-index]");
    root.classList.add("enhanced");
    controls.hidden = false;
    root.tabIndex = 0;
    function show(next) {
      index = (next + slides.length) % slides.length;
      for (var i = 0; i < slides.length; i++) {
        slides[i].classList.toggle("current", i === index);
        var img = slides[i].querySelector("img");
        if (i === index && img) img.loading = "eager";
      }
      counter.textContent = String(index + 1);
    }
    root.querySelector("[data-prev]").addEventListener("click", function () { show(index - 1); });
    root.querySelector("[data-next]").addEventListener("click", function () { show(index + 1); });
    root.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(index - 1); event.preventDefault(); }
      if (event.key === "ArrowRight") { show(index + 1); event.preventDefault(); }
    });
    var startX = null;
    root.addEventListener("pointerdown", function (event) { startX = event.clientX; });
    root.addEventListener("pointerup", function (event) {
      if (startX === null) return;
      var dx = event.clientX - startX;
      startX = null;
      if (Math.abs(dx) > 40) show(dx < 0 ? index + 1 : index - 1);
    });
    show(0);
  }

  var hlsSrc = (document.currentScript && document.currentScript.getAttribute("data-hls")) || "";
  var hlsLoading = null;
  function loadHls() {
    if (!hlsLoading) {
      hlsLoading = new Promise(function (resolve, reject) {
        if (!hlsSrc) { reject(new Error("hls.js unavailable")); return; }
        var script = document.createElement("script");
        script.src = hlsSrc;
        script.onload = function () { resolve(window.Hls); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return hlsLoading;
  }
  function stream(media) {
    var url = media.getAttribute("data-hls");
    if (!url || media.getAttribute("src")) return;
    // hls.js wherever Media Source Extensions exist (desktop browsers, Android); native
    // HLS only without them (iPhone Safari). Chromium 156 answers "maybe" to HLS, yet its
    // native player refused our ladder ("no supported source"): canPlayType is not enough.
    if (!window.MediaSource) {
      if (media.canPlayType("application/vnd.apple.mpegurl")) media.src = url;
      return;
    }
    var source = media.querySelector("source[type='application/vnd.apple.mpegurl']");
    if (source) source.remove();
    var started = false;
    function start() {
      if (started) return;
      started = true;
      loadHls().then(function (Hls) {
        if (!Hls || !Hls.isSupported()) return;
        var hls = new Hls({ enableWorker: false });
        hls.loadSource(url);
        hls.attachMedia(media);
        if (media.dataset.wantsPlay === "1") media.play().catch(function () {});
      }).catch(function () {});
    }
    media.addEventListener("play", function () { if (!started) { media.dataset.wantsPlay = "1"; start(); } });
    if (media.preload !== "none") start();
    media.addEventListener("pointerenter", start, { once: true });
    media.addEventListener("focus", start, { once: true });
  }
  document.querySelectorAll("[data-gallery]").forEach(gallery);
  document.querySelectorAll("video[data-hls], audio[data-hls]").forEach(stream);
})();
