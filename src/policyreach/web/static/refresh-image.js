// Reloads every <img data-refresh-seconds="N"> each N seconds (a code that changes, e.g. the venue's sign-in QR
// code), instead of reloading the whole page: a timed page refresh takes the reader's place away.
document.querySelectorAll("img[data-refresh-seconds]").forEach((img) => {
  const seconds = Math.max(5, Number(img.dataset.refreshSeconds) || 30);
  const base = img.getAttribute("src").split("?")[0];
  setInterval(() => { img.src = `${base}?t=${Date.now()}`; }, seconds * 1000);
});
