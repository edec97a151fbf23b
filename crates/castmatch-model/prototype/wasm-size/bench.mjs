// node bench.mjs MODULE.wasm MODEL.cmse [N]: wasm throughput of the text crate (V8, as Chromium).
import fs from 'node:fs';
const [wasmPath, modelPath, nArg] = process.argv.slice(2);
const N = Number(nArg || 100000);
const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {});
const x = instance.exports;
const enc = new TextEncoder();
function pass(bytes) {
  const p = x.alloc(bytes.length);
  new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
  return [p, bytes.length];
}
let t = performance.now();
const model = fs.readFileSync(modelPath);
if (x.load(...pass(model)) !== 0) throw new Error('load failed');
console.log(`load model (${model.length} bytes): ${(performance.now() - t).toFixed(0)} ms`);
// Same synthetic bios as `distil bench`.
const cities = ["Mumbai","Delhi","Pune","Kolkata","Chennai","Lucknow","Jaipur","Bhopal","Hyderabad","Indore","Patna","Kochi"];
const schools = ["the National School of Drama","FTII Pune","Barry John's studio","a Prithvi Theatre workshop","Whistling Woods","Bharatendu Natya Academy"];
const roles = ["served eighteen years in the Border Security Force","worked as a cardiac nurse at a city hospital","performed stand-up comedy in clubs across the country","ran a dhaba on the highway for a decade","taught mathematics at a government school","was a crime reporter for a Hindi daily","farmed sugarcane on the family land","practised criminal law in the high court","played Ranji Trophy cricket for his state","was a sub-inspector with the state police"];
const extras = ["before turning to acting full time","and now plays character roles","which shaped the characters she plays","before moving into films and web series"];
let s = 0x2545F491 >>> 0;
const next = (m) => { s ^= (s << 13) >>> 0; s >>>= 0; s ^= s >>> 17; s ^= (s << 5) >>> 0; s >>>= 0; return s % m; };
const bios = [];
for (let i = 0; i < N; i++) bios.push(`Trained at ${schools[next(schools.length)]} and based in ${cities[next(cities.length)]}, with ${3 + next(20)} years of stage work. Earlier ${roles[next(roles.length)]} ${extras[next(extras.length)]}.`);
const chunk = 10000;
t = performance.now();
let vecs = 0;
for (let i = 0; i < N; i += chunk) vecs += x.embed_roster(...pass(enc.encode(bios.slice(i, i + chunk).join('\n'))));
console.log(`embed ${N} two-sentence bios per sentence (${vecs} int8 vectors): ${((performance.now() - t) / 1000).toFixed(2)} s`);
const qs = ["retired army major", "funny man with great timing", "doctor for a medical drama", "a crafty neta", "tough cop"];
const times = [];
for (let r = 0; r < 21; r++) {
  const q = pass(enc.encode(qs[r % qs.length]));
  t = performance.now();
  x.rank(...q);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`query embed + int8 scan of ${vecs} sentence vectors + top-10: median ${times[10].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[20].toFixed(1)})`);
