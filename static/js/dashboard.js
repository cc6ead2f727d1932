// The dashboard's charts are folded under their titles (<details>) so that a phone opens on
// the figures; on a screen of tablet width or more they are unfolded from the start.
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(min-width: 768px)").matches) {
    for (const fold of document.querySelectorAll("details[data-open-wide]")) {
      fold.open = true;
    }
  }
});
