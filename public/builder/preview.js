// Builder preview island: shows the previewed page side by side at phone (360 px) and desktop
// (1024 px) widths, in frames of those widths, so that the page's own media queries apply as on
// a real device. Without JavaScript the banner's links switch between the two widths.
const holder = document.getElementById("preview-frames");
if (holder && window.innerWidth >= 900) {
  holder.classList.add("builder-frames");
  const frame = (query, width, label) => {
    const iframe = document.createElement("iframe");
    iframe.src = holder.dataset.src + query;
    iframe.width = String(width);
    iframe.title = label;
    iframe.loading = "lazy";
    return iframe;
  };
  holder.append(
    frame(holder.dataset.query, 360, holder.dataset.labelPhone),
    frame(holder.dataset.queryDesktop, Math.min(1024, window.innerWidth - 460), holder.dataset.labelDesktop),
  );
}
