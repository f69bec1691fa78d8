// A generated tree of code-like files, for the small-tree comparison (default
// concurrency against --concurrency 0): 2,000 files, about 30 MB, in nested
// folders, deterministic (same bytes on every machine).
//   node bench/gen-code-tree.mjs <dir> [files=2000] [totalMB=30]
import * as fs from 'node:fs';
import * as path from 'node:path';

const [dir, filesArg = '2000', mbArg = '30'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/gen-code-tree.mjs <dir> [files] [totalMB]');
  process.exit(2);
}
const files = Number(filesArg);
const target = Number(mbArg) * 1024 * 1024;
let seed = 0x9e3779b9;
/** A small deterministic generator (xorshift32). */
function rand(n) {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return ((seed >>> 0) % n);
}
const WORDS = ['value', 'index', 'result', 'buffer', 'count', 'items', 'config', 'path', 'state', 'handler', 'options', 'cache', 'error', 'node', 'token'];
const word = () => WORDS[rand(WORDS.length)];
function line(depth) {
  const pad = '  '.repeat(depth);
  switch (rand(8)) {
    case 0:
      return `${pad}// TODO${rand(40) === 0 ? '' : 'ish'}: ${word()} the ${word()} when ${word()} changes`;
    case 1:
      return `${pad}const ${word()}${rand(100)} = ${word()}.${word()}(${word()}, ${rand(1000)});`;
    case 2:
      return `${pad}if (${word()} === ${rand(10)} && ${word()}.length > ${rand(50)}) {`;
    case 3:
      return `${pad}}`;
    case 4:
      return `${pad}return { ${word()}: ${word()}, ${word()}: '${word()} ${word()}' };`;
    case 5:
      return `${pad}export function ${word()}${rand(1000)}(${word()}: string, ${word()}: number): void {`;
    case 6:
      return '';
    default:
      return `${pad}${word()}.push(${word()}[${rand(64)}] ?? ${rand(9)}); /* ${word()} */`;
  }
}
const per = target / files;
const exts = ['.ts', '.js', '.py', '.go', '.rs', '.md'];
fs.mkdirSync(dir, { recursive: true });
let total = 0;
for (let i = 0; i < files; i++) {
  const sub = path.join(dir, `pkg${i % 20}`, `mod${i % 7}`);
  fs.mkdirSync(sub, { recursive: true });
  // Sizes vary from a third to five thirds of the mean.
  const size = Math.round(per * (0.33 + rand(1000) / 750));
  const out = [];
  let bytes = 0;
  while (bytes < size) {
    const l = line(rand(4));
    out.push(l);
    bytes += l.length + 1;
  }
  const text = out.join('\n') + '\n';
  total += text.length;
  fs.writeFileSync(path.join(sub, `file${i}${exts[i % exts.length]}`), text);
}
console.log(JSON.stringify({ dir, files, bytes: total }));
