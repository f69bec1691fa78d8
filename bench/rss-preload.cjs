// Loaded with `node -r` by bench/whole-run.mjs when GNU time is missing: writes this
// process's peak RSS (KiB, process.resourceUsage().maxRSS, worker threads included) to
// BENCH_RSS_FILE when it exits.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
