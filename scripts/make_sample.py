#!/usr/bin/env python3
"""Regenerate Dossier's bundled sample corpus (everything but seeds/).

Every report written here is CONSTRUCTED for tests from the published facts
about how the 22 March 2024 Crocus City Hall attack was reported; none is a
copy of any outlet's text, and every outlet is fictional (`.example`).
Output is byte-identical on every run (fixed dates, gzip mtime 0).
usage: python3 scripts/make_sample.py
"""
import gzip
import json
import os

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sample")
MARK = "Constructed sample for Dossier tests; not a real article."
MARK_RU = "Образец, составленный для тестов Dossier; не настоящая статья."


def para(text):
    return "".join(f"<p>{p}</p>\n" for p in text.strip().split("\n\n"))


def page(*, site, domain, url, title, published, author, body, lang="en",
         charset="utf-8", dup_headline=None):
    dup = f"<h2 class=\"kicker\">{dup_headline}</h2>\n" if dup_headline else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<!-- {MARK} -->
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<script>window.analytics = {{"site": "{domain}"}};</script>
<style>.share a {{ color: red; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <a href="/privacy">Privacy policy</a> <button>Accept all</button></div>
<header class="site-header"><a href="/">{site}</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li><li><a href="/security">Security</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<main>
<article class="story">
<h1>{title}</h1>
{dup}<div class="byline">By {author}</div>
<time datetime="{published}">{published[:10]}</time>
<div class="share-bar social"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<div class="article-body">
{para(body)}<p><em>{MARK}</em></p>
</div>
</article>
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Concert venues review security after attacks</a></li>
<li><a href="/b">Timeline: major attacks in Russia since 2000</a></li>
<li><a href="/c">Markets steady as investors weigh regional risks</a></li></ul></aside>
<section id="comments" class="comments-area"><h3>Leave a Reply</h3>
<form class="comment-form"><p>Please enter your comment!</p><textarea></textarea>
<p>Please enter your name here</p><input name="author"><button>Post Comment</button></form></section>
</main>
<footer class="site-footer"><p>&copy; 2024 {site}. All rights reserved.</p><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/terms">Terms of use</a></footer>
</body>
</html>
"""


HTML_PAGES = [
    dict(
        file="html/wire-example.first-reports.html",
        site="Wire Example", domain="wire.example",
        url="https://wire.example/world/2024/03/22/moscow-concert-hall-attack",
        title="Gunmen attack concert hall near Moscow, dozens killed",
        dup_headline="Dozens killed as gunmen attack Moscow-area concert hall",
        published="2024-03-22T23:40:00+03:00", author="Wire Example staff",
        body="""Gunmen in combat fatigues opened fire on people attending a concert at Crocus City Hall in Krasnogorsk, just outside Moscow, on Friday evening, then set the building on fire, officials said.

The Federal Security Service (FSB) said in a preliminary statement that 40 people had been killed and more than 100 injured. The shooting began at about 19:58 Moscow time, shortly before a rock band was due on stage.

The Islamic State group claimed responsibility for the attack in a statement carried by its Amaq news agency late on Friday. The claim could not be independently verified.

Firefighters were still battling the blaze on the roof of the venue hours after the shooting stopped.""",
    ),
    dict(
        file="html/capital-observer.toll-rises.html",
        site="The Capital Observer", domain="capital-observer.example",
        url="https://www.capital-observer.example/news/2024/03/23/crocus-toll-rises",
        title="Death toll in Crocus City Hall attack rises above 60",
        published="2024-03-23T10:15:00+00:00", author="Anna Petrova",
        body="""More than 60 people were killed and 145 taken to hospital after gunmen stormed Crocus City Hall near Moscow on Friday, Russia's Investigative Committee said on Saturday.

The committee said it had opened a criminal case under Article 205 of the Criminal Code, which covers terrorist acts. It denied reports that explosives had been found inside the building.

Citing CNN and Reuters, the Observer notes that the Islamic State group claimed the attack, although the claim came with no evidence. The state news agency RIA Novosti reported that at least three attackers in camouflage took part.""",
    ),
    dict(
        file="html/evening-ledger.rival-claims.html",
        site="Evening Ledger", domain="evening-ledger.example",
        url="https://evening-ledger.example/2024/03/24/moscow-attack-suspects-tajik",
        title="Four Tajik suspects held as Kremlin points at Ukraine",
        published="2024-03-24T18:30:00+01:00", author="James Whitfield",
        body="""At least 133 people were killed in Friday's attack on Crocus City Hall in Krasnogorsk, Russian officials said on Sunday, as the search through the burned-out concert venue continued.

Four suspected gunmen, all Tajik nationals, were detained in the Bryansk region, the FSB said. President Vladimir Putin said in a televised address that the attackers had tried to flee towards Ukraine, suggesting a Ukrainian link.

Kyiv denied any involvement. US officials said the attack was carried out by IS-K, the Islamic State Khorasan Province, an affiliate of the Islamic State active in Afghanistan and Central Asia, which had claimed responsibility through the Amaq news agency.""",
    ),
]

RU_PAGE = dict(
    file="html/podmoskovye-vesti.bastrykin.html",
    site="Подмосковные вести (пример)", domain="podmoskovye-vesti.example",
    url="https://podmoskovye-vesti.example/proisshestviya/2024/03/26/bastrykin-krokus",
    title="Бастрыкин: число погибших в «Крокус Сити Холле» выросло до 139",
    published="2024-03-26T09:00:00+03:00", author="Ирина Соколова",
    lang="ru", charset="windows-1251",
    body="""Число погибших в результате теракта в «Крокус Сити Холле» в Красногорске выросло до 139 человек, ранее сообщалось о 137 погибших, заявил глава Следственного комитета Александр Бастрыкин по состоянию на 25 марта.

Всего пострадали 182 человека, 97 из них остаются в больницах. Следователи продолжают работу на месте происшествия.

Четверо подозреваемых в нападении задержаны в Брянской области.""",
)

FEED_ITEMS = [
    dict(
        title="Dozens dead after concert hall attack near Moscow",
        link="https://north-courier.example/world/2024-03-23/moscow-concert-attack",
        date="Sat, 23 Mar 2024 08:05:00 +0100",
        guid="north-courier-2024-03-23-crocus",
        html="""<p>Dozens of people were killed and about 100 injured when armed men attacked the Crocus City Hall concert venue outside Moscow on Friday night.</p>
<p>The Islamic State group claimed responsibility for the attack. Russian authorities have not commented on the claim.</p>
<p>Crocus City Hall, in Krasnogorsk, can hold more than 6,000 people.</p>""",
    ),
    dict(
        # a syndicated near-rewrite of the Evening Ledger report
        title="Four Tajik suspects detained as Kremlin points to Ukraine",
        link="https://north-courier.example/world/2024-03-25/crocus-suspects",
        date="Mon, 25 Mar 2024 07:30:00 +0100",
        guid="north-courier-2024-03-25-crocus",
        html="""<p>At least 133 people were killed in Friday's attack on Crocus City Hall in Krasnogorsk, Russian officials said, as the search through the burned concert venue went on.</p>
<p>Four suspected gunmen, all Tajik nationals, were detained in the Bryansk region, according to the FSB. President Vladimir Putin said in a televised address that the attackers had tried to flee towards Ukraine.</p>
<p>Kyiv denied any involvement. US officials said IS-K, the Islamic State Khorasan Province, carried out the attack; the group claimed responsibility through the Amaq news agency.</p>""",
    ),
]

WARC_PAGES = [
    dict(
        site="Adriatic Daily", domain="adriatic-daily.example",
        url="https://adriatic-daily.example/esteri/2024/03/23/mosca-attacco",
        title="Toll in Moscow concert attack passes 115; eleven arrested",
        published="2024-03-23T21:10:00+01:00", author="Redazione esteri",
        date="2024-03-24T06:00:00Z", record_id="urn:uuid:8d0e3c6a-0001-4a55-9c1e-000000000001",
        body="""At least 115 people were killed and more than 100 taken to hospital after up to five gunmen attacked Crocus City Hall near Moscow, according to figures published on Saturday.

The FSB said 11 people had been arrested, including all four attackers directly involved in the shooting.""",
    ),
    dict(
        site="Headline Hub", domain="headline-hub.example",
        url="https://headline-hub.example/2024/03/27/moscow-attack-150-dead",
        title="150 dead in Moscow attack, reports say",
        published="2024-03-27T12:00:00+00:00", author="Headline Hub",
        date="2024-03-27T13:00:00Z", record_id="urn:uuid:8d0e3c6a-0002-4a55-9c1e-000000000002",
        body="""An aggregated round-up of reports on the Crocus City Hall attack. The headline figure of 150 dead is not attributed to any official source; the Investigative Committee's most recent figure was 139 killed as of 25 March.

A list published by the emergencies ministry names 99 injured people. It is a partial list of those in hospital, not a total; the Investigative Committee put the total number injured at 182.""",
    ),
]

JSONL_TEXT = """More than 60 people were killed and 145 injured in the attack on Crocus City Hall near Moscow, according to Russia's Investigative Committee, Delhi Desk reported on Saturday. The agency said the gunmen opened fire on concertgoers before setting the hall alight.

""" + MARK

JSONL_RECORDS = [
    dict(url="https://delhi-desk.example/world/moscow-attack-60-killed", outlet="delhi-desk.example",
         title="Over 60 killed in Moscow concert hall attack", published="2024-03-23",
         text=JSONL_TEXT),
    # the same text again under another URL: an exact duplicate, stored once
    dict(url="https://mirror-news.example/2024/03/23/moscow-attack", outlet="mirror-news.example",
         title="Over 60 killed in Moscow concert hall attack", published="2024-03-23",
         text=JSONL_TEXT),
    dict(url="https://volga-regional.example/news/2024/03/29/krokus-suspects-custody",
         html="<html><head><title>Crocus suspects remanded until May</title>"
              "<meta property=\"article:published_time\" content=\"2024-03-29T11:00:00+03:00\"></head><body>"
              "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article>"
              "<h1>Crocus suspects remanded until May</h1>"
              "<p>A Moscow court ordered the four men accused of the Crocus City Hall attack held in custody until at least 22 May, Volga Regional reported. The four suspects have been named by investigators.</p>"
              "<p>Investigators said 68 of the dead had been identified so far and that 182 people were injured in total.</p>"
              f"<p><em>{MARK}</em></p></article><footer>Volga Regional (example)</footer></body></html>"),
]


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def rss():
    items = []
    for item in FEED_ITEMS:
        desc = item["html"] + f"<p><em>{MARK}</em></p>"
        items.append(f"""  <item>
    <title>{item['title']}</title>
    <link>{item['link']}</link>
    <guid isPermaLink="false">{item['guid']}</guid>
    <pubDate>{item['date']}</pubDate>
    <description><![CDATA[{desc}]]></description>
  </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- {MARK} -->
<rss version="2.0">
<channel>
  <title>North Courier — World (example feed)</title>
  <link>https://north-courier.example/world</link>
  <description>{MARK}</description>
{chr(10).join(items)}
</channel>
</rss>
""".encode("utf-8")


def warc():
    out = b""
    for spec in WARC_PAGES:
        html = page(**{k: v for k, v in spec.items() if k not in ("date", "record_id")}).encode("utf-8")
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(html)}\r\n\r\n".encode() + html)
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{spec['record_id']}>\r\n"
                f"WARC-Date: {spec['date']}\r\nWARC-Target-URI: {spec['url']}\r\n"
                f"Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        out += gzip.compress(head + http + b"\r\n\r\n", mtime=0)
    return out


def main():
    for spec in HTML_PAGES:
        spec = dict(spec)
        write(spec.pop("file"), page(**spec).encode("utf-8"))
    spec = dict(RU_PAGE)
    html = page(**{k: v for k, v in spec.items() if k != "file"}).replace(MARK, MARK_RU)
    write(spec["file"], html.encode("cp1251"))
    write("feeds/north-courier.rss", rss())
    write("archive/crawl.warc.gz", warc())
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in JSONL_RECORDS)
    write("jsonl/reports.jsonl", lines.encode("utf-8"))


if __name__ == "__main__":
    main()
