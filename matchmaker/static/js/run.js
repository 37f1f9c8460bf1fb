// Live progress of a schedule run: poll the run's JSON every second until it has finished.
(function () {
  const box = document.querySelector("[data-run-progress]");
  if (!box) return;
  const url = box.dataset.runProgress;
  const bar = box.querySelector("progress");
  const fields = ["objective", "bound", "scheduled", "elapsed"];
  async function poll() {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) return setTimeout(poll, 3000);
    const run = await response.json();
    bar.value = run.progress;
    for (const name of fields) {
      const cell = box.querySelector(`[data-field="${name}"]`);
      if (cell && run[name] !== null) cell.textContent = run[name];
    }
    if (run.status === "queued" || run.status === "running") setTimeout(poll, 1000);
    else window.location.reload();
  }
  poll();
})();
