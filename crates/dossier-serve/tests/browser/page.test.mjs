// Clicks through `dossier serve`'s page in Debian's headless Chromium.
//
//   BASE=http://127.0.0.1:8190 HOSTILE=<article id> SHOTS=dir node page.test.mjs
//
// run.sh builds the store (bundled sample + a hostile page) and starts the
// server. Each check prints "ok - name" or "not ok - name"; the exit status
// is the number of failures.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const BASE = process.env.BASE || "http://127.0.0.1:8190";
const HOSTILE = process.env.HOSTILE;
const SHOTS = process.env.SHOTS || "target/browser-screens";
mkdirSync(SHOTS, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();

// the page must work offline: every request stays on the server
const outside = [];
const base = new URL(BASE);
page.on("request", (req) => {
  const url = new URL(req.url());
  if (url.host !== base.host && url.protocol !== "data:") outside.push(req.url());
});
const dialogs = [];
page.on("dialog", async (d) => {
  dialogs.push(d.message());
  await d.dismiss();
});
const pageErrors = [];
page.on("pageerror", (err) => pageErrors.push(String(err)));

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (err) {
    failures += 1;
    console.log(`not ok - ${name}\n  ${String(err && err.stack ? err.stack : err).split("\n").join("\n  ")}`);
    await page.screenshot({ path: `${SHOTS}/failed-${name.replace(/\W+/g, "-")}.png`, fullPage: true }).catch(() => {});
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until the router has rendered `hash`. */
async function ready(hash) {
  await page.waitForFunction((h) => document.body.dataset.ready === h, hash, { timeout: 15000 });
}

async function open(hash) {
  await page.goto(`${BASE}/#${hash}`);
  await ready(hash);
}

let crocusHash = null;

await check("the events page shows a timeline, a map and the list", async () => {
  await open("/");
  const rows = await page.locator("table.events tbody tr").count();
  assert(rows >= 3, `only ${rows} event rows`);
  const timelineDots = await page.locator("svg.timeline circle.dot").count();
  const mapDots = await page.locator("svg.map circle.dot").count();
  const countries = await page.locator("svg.map path.land").count();
  assert(timelineDots >= 2, `${timelineDots} timeline dots`);
  assert(mapDots >= 1, `${mapDots} map dots`);
  assert(countries > 150, `${countries} country outlines`);
  await page.screenshot({ path: `${SHOTS}/events.png`, fullPage: true });
});

await check("open the Crocus event from the list", async () => {
  // the real incident is the row with the most independent sources
  const rows = page.locator("table.events tbody tr");
  const sources = (await rows.locator("td:nth-child(7)").allTextContents()).map(Number);
  const best = sources.indexOf(Math.max(...sources));
  const title = await rows.nth(best).locator("td:nth-child(2)").textContent();
  assert(/Crocus|concert hall|Moscow/i.test(title), `the most reported event is ${title}`);
  await rows.nth(best).locator("td:nth-child(2) a").click();
  await page.waitForFunction(() => (document.body.dataset.ready || "").startsWith("/event/"));
  crocusHash = await page.evaluate(() => document.body.dataset.ready);
  const heading = await page.locator("h1").textContent();
  assert(/Crocus|concert hall|Moscow/i.test(heading), `title ${heading}`);
});

await check("the toll series shows every source's figure as of its time", async () => {
  const series = page.locator('[data-toll="killed"] table.series tbody tr');
  const n = await series.count();
  assert(n >= 3, `${n} points in the killed series`);
  const figures = await series.locator("td.num").allTextContents();
  const numbers = figures.map(Number);
  assert(numbers.includes(40), `no 40 in ${figures}`);
  assert(numbers.some((x) => x >= 130), `no final toll in ${figures}`);
  const consensus = await page.locator('[data-toll="killed"] .consensus').textContent();
  assert(/UCDP/.test(consensus) && /ACLED/.test(consensus) && /GTD/.test(consensus), consensus);
  await page.locator('[data-toll="killed"]').screenshot({ path: `${SHOTS}/event-toll.png` });
});

await check("the attribution is marked contested with the claims side by side", async () => {
  const status = await page.locator("#perpetrator h2 .badge").textContent();
  assert(status === "contested", `status ${status}`);
  const standings = await page.locator("#perpetrator .standing").count();
  assert(standings >= 2, `${standings} actors`);
  const text = await page.locator("#perpetrator").textContent();
  assert(/IS-?K|ISIS|Islamic State/i.test(text), "no IS-K in the perpetrator section");
  assert(/Ukrain|Kyiv/i.test(text), "no Ukraine in the perpetrator section");
  const columns = await page.locator("#perpetrator .claim-columns").first().locator("h4").allTextContents();
  assert(columns.join("|") === "Claims|Attributions|Denials and disputes", columns.join("|"));
  await page.screenshot({ path: `${SHOTS}/event.png`, fullPage: true });
  await page.locator("#perpetrator").screenshot({ path: `${SHOTS}/event-perpetrator.png` });
});

await check("copies are folded under their origin", async () => {
  const folded = await page.locator("details.copies").count();
  assert(folded >= 1, "no folded copies");
});

await check("follow a claim to its sentence", async () => {
  const claim = page.locator("#perpetrator li.claim").first();
  const quote = (await claim.locator("blockquote").textContent()).replace(/sentence →\s*$/, "").trim();
  await claim.locator("a", { hasText: "sentence →" }).click();
  await page.waitForFunction(() => (document.body.dataset.ready || "").startsWith("/article/"));
  const highlighted = page.locator(".article-text .sentence.hl");
  assert((await highlighted.count()) >= 1, "no highlighted sentence");
  const sentence = (await highlighted.first().textContent()).replace(/\s+/g, " ").trim();
  const expected = quote.replace(/\s+/g, " ").trim();
  assert(sentence === expected, `highlighted «${sentence}» but the claim quotes «${expected}»`);
  assert(await highlighted.first().isVisible(), "the sentence is not visible");
  await page.screenshot({ path: `${SHOTS}/article-claim.png` });
});

await check("the contested filter lists only contested events", async () => {
  await open("/?contested=true");
  const rows = page.locator("table.events tbody tr");
  const n = await rows.count();
  assert(n >= 1, "no contested event");
  for (let i = 0; i < n; i++) {
    const badges = await rows.nth(i).locator(".badge.contested").count();
    assert(badges >= 1, `row ${i} has no contested field`);
  }
});

await check("an actor page shows aliases with evidence and its events", async () => {
  await open("/actor/IS-K");
  const aliases = await page.locator("table.aliases tbody td:first-child").allTextContents();
  assert(aliases.includes("ISIS-K") || aliases.includes("ISKP"), `aliases ${aliases}`);
  const evidence = await page.locator("table.aliases").textContent();
  assert(/built-in knowledge base/.test(evidence), "no evidence column");
  const events = await page.locator("table.events tbody tr").count();
  assert(events >= 1, "no events tied to IS-K");
  const relations = await page.locator("main").textContent();
  assert(/Islamic State/.test(relations), "no relation to the Islamic State");
  await page.screenshot({ path: `${SHOTS}/actor.png`, fullPage: true });
});

await check("search from the header finds reports with marked matches", async () => {
  await open("/");
  await page.fill("#search-box", "Crocus");
  await page.press("#search-box", "Enter");
  await page.waitForFunction(() => (document.body.dataset.ready || "").startsWith("/search"));
  const hits = await page.locator("ol.hits li").count();
  assert(hits >= 3, `${hits} hits`);
  assert((await page.locator("ol.hits mark").count()) >= 1, "no marked match");
  await page.screenshot({ path: `${SHOTS}/search.png` });
});

await check("a hostile article stays inert", async () => {
  assert(HOSTILE, "HOSTILE (the hostile article's id) is not set");
  await open(`/article/${HOSTILE}`);
  const text = await page.locator(".article-text").textContent();
  assert(text.includes('<script>window.__pwned="body"</script>'), "the payload is not shown as text");
  assert(text.includes("onerror="), "the onerror payload is not shown as text");
  const title = await page.locator("h1").textContent();
  assert(title.includes("<script>"), `title ${title}`);
  await open("/search?q=pwned");
  await open("/");
  await page.waitForTimeout(300);
  const pwned = await page.evaluate(() => window.__pwned);
  assert(pwned === undefined, `a payload ran: ${pwned}`);
  assert(dialogs.length === 0, `dialogs: ${dialogs}`);
  await open(`/article/${HOSTILE}`);
  const injected = await page.locator("main script, main img, main svg[onload], main [onerror]").count();
  assert(injected === 0, `${injected} injected elements`);
  await page.screenshot({ path: `${SHOTS}/hostile.png`, fullPage: true });
});

await check("nothing is fetched from outside the server", async () => {
  assert(outside.length === 0, `outside requests: ${outside.join(", ")}`);
  assert(pageErrors.length === 0, `page errors: ${pageErrors.join(" | ")}`);
});

await browser.close();
console.log(failures ? `${failures} browser check(s) failed` : "all browser checks passed");
process.exit(failures);
