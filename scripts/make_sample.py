#!/usr/bin/env python3
"""Regenerate Dossier's bundled sample corpus (everything in sample/ but seeds/).

Every report written here is CONSTRUCTED for tests from the facts in the
project's notes on how the 22 March 2024 Crocus City Hall attack was reported
(death toll rising over days, the Islamic State claim via Amaq, the Kremlin's
suggestion of a Ukrainian link, US attribution to IS-K, Ukraine's denial,
Tajik suspects detained in Bryansk Oblast). None is a copy of any outlet's
text, and every outlet is fictional (`*.example`).

Output is byte-identical on every run: fixed dates, sorted JSON keys, gzip
mtime 0, no randomness. Standard library only.

usage: python3 scripts/make_sample.py        (from anywhere)
"""
import gzip
import json
import os

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sample")
MARK = "Constructed sample for Dossier tests; not a real article."
MARK_RU = "Образец, составленный для тестов Dossier; не настоящая статья."


def para(text):
    return "".join(f"<p>{p}</p>\n" for p in text.strip().split("\n\n"))


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def page(*, site, domain, url, title, published, author, body, lang="en",
         charset="utf-8", dup_headline=False, mark=MARK, extra_mark=""):
    """A news page with the boilerplate real pages carry around the story."""
    dup = f"<h2 class=\"entry-title\">{esc(title)}</h2>\n" if dup_headline else ""
    extra = f"<p><em>{extra_mark}</em></p>\n" if extra_mark else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<!-- {MARK} -->
<title>{esc(title)} | {esc(site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{esc(site)}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{esc(author)}">
<link rel="canonical" href="{url}">
<script>window.analytics = {{"site": "{domain}", "section": "world"}};</script>
<style>.share a {{ color: #c00; }} .cookie-consent {{ position: fixed; bottom: 0; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience and to show personalised advertising. <a href="/privacy">Privacy policy</a> <button>Accept all</button> <button>Manage settings</button></div>
<header class="site-header"><a class="logo" href="/">{esc(site)}</a>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li><li><a href="/security">Security</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
</header>
<main>
<article class="story">
{dup}<h1 class="headline">{esc(title)}</h1>
<div class="byline">By <span class="author">{esc(author)}</span></div>
<time datetime="{published}">{published[:10]}</time>
<div class="share-bar social"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">WhatsApp</a> <a href="#">Email</a></div>
<div class="article-body">
{para(body)}<p><em>{mark}</em></p>
{extra}</div>
</article>
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Concert venues review security after attacks</a></li>
<li><a href="/b">Timeline: major attacks in Russia since 2000</a></li>
<li><a href="/c">Markets steady as investors weigh regional risks</a></li></ul></aside>
<section id="comments" class="comments-area"><h3>Leave a Reply</h3>
<form class="comment-form"><p>Please enter your comment!</p><textarea name="comment"></textarea>
<p>Please enter your name here</p><input name="author"><p>You have entered an incorrect email address!</p><input name="email"><button>Post Comment</button></form></section>
</main>
<footer class="site-footer"><p>&copy; 2024 {esc(site)}. All rights reserved.</p><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/terms">Terms of use</a> <a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


# --- (a) three English HTML pages -------------------------------------------

HTML_PAGES = [
    dict(
        file="html/wire-example.first-reports.html",
        site="Wire Example", domain="wire.example",
        url="https://wire.example/world/2024/03/22/moscow-concert-hall-attack",
        title="Gunmen attack concert hall near Moscow; FSB says 40 killed",
        dup_headline=True,
        published="2024-03-22T23:40:00+03:00", author="Wire Example staff",
        body="""Gunmen opened fire on people at Crocus City Hall, a large concert venue in Krasnogorsk on the western edge of Moscow, on Friday evening and then set the building on fire, Russian officials said.

The shooting began at about 19:58 Moscow time, according to the first official accounts. Emergency services were still working at the scene late into the night, officials said.

In a preliminary statement, the Federal Security Service (FSB) said 40 people had been killed and more than 100 injured. Officials cautioned that the figures were preliminary and were likely to change as rescuers reached parts of the building that had burned.

The Islamic State group claimed responsibility for the attack in a short statement carried by its Amaq news agency on Friday evening. The claim could not be independently verified, and Russian officials did not immediately comment on it.

It was not clear how many attackers took part or whether any had been detained. Officials said a criminal investigation would be opened.

This is a developing story and will be updated as more information becomes available.""",
    ),
    dict(
        file="html/capital-observer.toll-rises.html",
        site="The Capital Observer", domain="capital-observer.example",
        url="https://www.capital-observer.example/news/2024/03/23/crocus-toll-rises",
        title="Death toll in Crocus City Hall attack rises above 60",
        published="2024-03-23T10:15:00+00:00", author="Anna Petrova",
        body="""More than 60 people were killed and 145 were taken to hospital after gunmen attacked Crocus City Hall in Krasnogorsk, outside Moscow, on Friday night, according to figures reported on Saturday by CNN and Reuters.

Russia's Investigative Committee said it had opened a criminal case under Article 205 of the Criminal Code, which covers terrorist acts. The committee also denied reports that explosives had been found inside the building, saying such accounts were untrue.

The Islamic State group claimed responsibility for the attack, but the claim was published with no evidence to support it, and Russian officials had not confirmed it by Saturday morning.

The state news agency RIA Novosti reported that at least three attackers, dressed in camouflage, took part in the shooting. Officials did not give their names or say whether anyone had been detained.

The figures have risen sharply since the first official statements on Friday night, which put the number of dead at about 40. Investigators said the search of the burned hall was continuing and that the toll could rise further.

The Observer will update this report as new figures are published.""",
    ),
    dict(
        # the syndicated near-rewrite of the wire.example feed's second item
        file="html/evening-ledger.rival-claims.html",
        site="Evening Ledger", domain="evening-ledger.example",
        url="https://evening-ledger.example/2024/03/24/moscow-attack-suspects-tajik",
        title="Four Tajik suspects held as Kremlin points to Ukraine",
        published="2024-03-24T18:30:00+01:00", author="Wire Example, with Evening Ledger staff",
        body="""At least 133 people were killed in Friday's attack on Crocus City Hall in Krasnogorsk, Russian officials said on Sunday, as the search through the burned concert venue went on.

Four suspected gunmen, all Tajik nationals, were detained in Bryansk Oblast, in western Russia, the FSB said. President Vladimir Putin, in a televised address, said the attackers had been trying to escape towards Ukraine, suggesting a Ukrainian link to the attack.

Kyiv denied any involvement. US officials said the attack had been carried out by IS-K, the Islamic State Khorasan Province, an affiliate of the Islamic State active in Afghanistan and Central Asia. The Islamic State claimed responsibility on Friday evening through its Amaq news agency.

Russian officials did not address the claim directly and did not say what evidence linked the detained men to Ukraine. More than 100 people remained in hospital, according to officials.

The toll has risen with each official update since Friday night, when the FSB first spoke of 40 dead.""",
    ),
]

# --- (b) a Russian page in windows-1251 --------------------------------------

RU_PAGE = dict(
    file="html/podmoskovye-vesti.bastrykin.html",
    site="Подмосковные вести (пример)", domain="podmoskovye-vesti.example",
    url="https://podmoskovye-vesti.example/proisshestviya/2024/03/26/bastrykin-krokus",
    title="Бастрыкин: число погибших в «Крокус Сити Холле» выросло до 139",
    published="2024-03-26T09:00:00+03:00", author="Ирина Соколова",
    lang="ru", charset="windows-1251",
    body="""Число погибших в результате теракта в концертном зале «Крокус Сити Холл» в Красногорске выросло до 139 человек. Об этом заявил председатель Следственного комитета России Александр Бастрыкин, приведя данные по состоянию на 25 марта. Ранее сообщалось о 137 погибших.

По словам Бастрыкина, всего в результате нападения пострадали 182 человека. В больницах по-прежнему остаются 97 из них, остальные получают помощь амбулаторно.

Нападение произошло вечером в пятницу, 22 марта. Вооружённые люди открыли огонь по зрителям, после чего в здании начался пожар. Следственный комитет возбудил уголовное дело по статье 205 Уголовного кодекса («Террористический акт»).

Четверо подозреваемых, граждане Таджикистана, были задержаны в Брянской области. Следователи продолжают работу на месте происшествия и устанавливают личности погибших.

Ответственность за нападение взяло на себя «Исламское государство» через своё агентство «Амак». Российские официальные лица, в том числе президент Владимир Путин, говорили о возможной украинской связи; Украина свою причастность отрицает.

Число жертв может измениться по мере поступления новых данных.""",
)

# --- (c) an RSS 2.0 feed from the wire ---------------------------------------

FEED_ITEMS = [
    dict(
        title="Dozens dead after concert hall attack near Moscow",
        link="https://wire.example/world/2024/03/23/moscow-concert-attack-dozens-dead",
        date="Sat, 23 Mar 2024 08:05:00 +0100",
        guid="wire-example-2024-03-23-crocus",
        html="""<p>Dozens of people were killed and about 100 injured when armed men attacked the Crocus City Hall concert venue in Krasnogorsk, outside Moscow, on Friday night, according to officials and local reports.</p>
<p>The attackers opened fire on the audience and then set the building alight. Officials said it was too early to give a final number of victims.</p>
<p>The Islamic State group claimed responsibility for the attack in a statement issued through its Amaq news agency. Russian authorities had not commented on the claim by Saturday morning, and it could not be independently verified.</p>
<p>Russia's Investigative Committee said it was treating the shooting as a terrorist act. Officials did not say how many attackers were involved or whether any had been caught.</p>
<p>Earlier figures from the FSB put the number of dead at 40 and the number of injured at more than 100. Those figures were described as preliminary.</p>""",
    ),
    dict(
        # the original of the Evening Ledger's syndicated copy
        title="Four Tajik suspects detained as Kremlin points at Ukraine",
        link="https://wire.example/world/2024/03/24/crocus-suspects-detained",
        date="Sun, 24 Mar 2024 14:20:00 +0100",
        guid="wire-example-2024-03-24-crocus",
        html="""<p>At least 133 people were killed in Friday's attack on Crocus City Hall in Krasnogorsk, Russian officials said on Sunday, as the search through the burned-out concert venue continued.</p>
<p>Four suspected gunmen, all Tajik nationals, were detained in Bryansk Oblast, in western Russia, the FSB said. President Vladimir Putin said in a televised address that the attackers had been trying to flee towards Ukraine, suggesting a Ukrainian link to the attack.</p>
<p>Kyiv denied any involvement. US officials said the attack was carried out by IS-K, the Islamic State Khorasan Province, an affiliate of the Islamic State active in Afghanistan and Central Asia. The Islamic State claimed responsibility on Friday evening through its Amaq news agency.</p>
<p>Russian officials did not address the claim directly and did not say what evidence linked the detained men to Ukraine. More than 100 people were still in hospital, officials said.</p>
<p>The toll has risen with each official update since Friday night, when the FSB first reported 40 dead.</p>""",
    ),
]

# --- (d) a WARC crawl ----------------------------------------------------------

WARC_PAGES = [
    dict(
        site="Adriatic Daily", domain="adriatic-daily.example",
        url="https://adriatic-daily.example/esteri/2024/03/23/mosca-attacco",
        title="Toll in Moscow concert attack passes 115; eleven arrested",
        published="2024-03-23T21:10:00+01:00", author="Foreign desk",
        date="2024-03-24T06:00:00Z", record_id="urn:uuid:8d0e3c6a-0001-4a55-9c1e-000000000001",
        body="""At least 115 people were killed and more than 100 taken to hospital after gunmen attacked Crocus City Hall in Krasnogorsk, near Moscow, on Friday evening, according to figures published on Saturday.

Witness accounts cited in the first reports spoke of up to five gunmen. The FSB said on Saturday that 11 people had been arrested, including all four attackers directly involved in the shooting.

The attackers opened fire on concertgoers and then started a fire that spread through the building, officials said.

The Islamic State group has claimed responsibility through its Amaq news agency. Russian officials have not commented on the claim, and have not given the names or nationalities of those arrested.

The number of dead has risen several times since Friday night. The first official figure, from the FSB, was 40; by Saturday morning the Investigative Committee was reporting more than 60. Officials warned the toll could rise further as the search of the building continued.

A photo caption distributed with this report gave the same figure of at least 115 dead.""",
    ),
    dict(
        site="Headline Hub", domain="headline-hub.example",
        url="https://headline-hub.example/2024/03/26/moscow-attack-150-dead",
        title="150 dead in Moscow attack, reports say",
        published="2024-03-26T12:00:00+00:00", author="Headline Hub",
        date="2024-03-26T13:00:00Z", record_id="urn:uuid:8d0e3c6a-0002-4a55-9c1e-000000000002",
        body="""An aggregated round-up of reports on the attack on Crocus City Hall near Moscow on 22 March.

The headline figure of 150 dead is not attributed to any official source. The most recent official figure, given by the head of the Investigative Committee, Alexander Bastrykin, was 139 killed as of 25 March, up from 137 reported earlier.

A list published by the emergencies ministry names 99 injured people. It is a partial list of people being treated in hospital, not a total: the Investigative Committee put the total number injured at 182, of whom 97 were still in hospital.

Four suspects, Tajik nationals, were detained in Bryansk Oblast after the attack. The Islamic State group claimed responsibility through its Amaq news agency, and US officials have said IS-K was behind the attack. President Vladimir Putin has suggested a Ukrainian link, which Ukraine has denied.

Figures in this round-up are collected from other outlets and have not been checked by Headline Hub. Readers should rely on the original sources for the latest numbers.""",
    ),
]

# --- (e) JSON Lines ------------------------------------------------------------

JSONL_TEXT = """More than 60 people were killed and 145 injured in the attack on Crocus City Hall in Krasnogorsk, near Moscow, according to Russia's Investigative Committee, Delhi Desk reported on Saturday.

The committee said the gunmen opened fire on people gathered for a concert on Friday evening and then set the hall alight.

The Investigative Committee has opened a criminal case on charges of committing a terrorist act. It did not say how many attackers took part or whether any had been detained by Saturday morning.

The Islamic State group claimed responsibility for the attack through its Amaq news agency. Russian authorities have not confirmed the claim.

Earlier on Friday night the FSB had given a preliminary figure of 40 dead. The committee's figure of more than 60 was the highest official number published by Saturday morning, and officials said it was likely to rise.

The figures could not be independently verified. Delhi Desk will update this report as officials publish new numbers.

""" + MARK

JSONL_RECORDS = [
    dict(url="https://delhi-desk.example/world/moscow-attack-60-killed", outlet="delhi-desk.example",
         title="Over 60 killed in Moscow concert hall attack", published="2024-03-23",
         text=JSONL_TEXT),
    # the same text again under another URL: an exact duplicate, stored once
    dict(url="https://mirror-news.example/2024/03/23/moscow-attack", outlet="mirror-news.example",
         title="Over 60 killed in Moscow concert hall attack", published="2024-03-23",
         text=JSONL_TEXT),
    dict(url="https://volga-regional.example/news/2024/03/26/krokus-suspects-custody",
         html="<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
              f"<!-- {MARK} -->"
              "<title>Crocus suspects remanded in custody until May | Volga Regional</title>"
              "<meta property=\"og:site_name\" content=\"Volga Regional\">"
              "<meta property=\"article:published_time\" content=\"2024-03-26T11:00:00+03:00\">"
              "<link rel=\"canonical\" href=\"https://volga-regional.example/news/2024/03/26/krokus-suspects-custody\">"
              "</head><body>"
              "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/region\">Region</a></nav><article>"
              "<h1>Crocus suspects remanded in custody until May</h1>"
              "<div class=\"byline\">By Pavel Orlov</div>"
              "<p>The four men accused of carrying out the attack on Crocus City Hall will be held in custody until at least 22 May, Volga Regional reports. The four suspects, named by investigators, are Tajik nationals who were detained in Bryansk Oblast after the attack.</p>"
              "<p>Investigators said 68 of the dead had been identified so far. The total number of people injured in the attack stands at 182, according to the Investigative Committee.</p>"
              "<p>The men face charges of committing a terrorist act under Article 205 of the Criminal Code. Officials have not said whether others are suspected of helping to plan the attack.</p>"
              "<p>The Islamic State group claimed the attack through its Amaq news agency, and US officials have named IS-K as responsible. Russian officials, including President Vladimir Putin, have suggested a link to Ukraine, which Kyiv has denied.</p>"
              "<p>The overall number of dead has been revised upwards several times since the attack; the identification of victims is continuing, investigators said.</p>"
              f"<p><em>{MARK}</em></p></article>"
              "<footer>&copy; 2024 Volga Regional (example). All rights reserved.</footer></body></html>"),
]


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def rss():
    items = []
    for item in FEED_ITEMS:
        desc = item["html"] + f"\n<p><em>{MARK}</em></p>"
        items.append(f"""  <item>
    <title>{esc(item['title'])}</title>
    <link>{item['link']}</link>
    <guid isPermaLink="false">{item['guid']}</guid>
    <pubDate>{item['date']}</pubDate>
    <description><![CDATA[{desc}]]></description>
  </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- {MARK} -->
<rss version="2.0">
<channel>
  <title>Wire Example — World (example feed)</title>
  <link>https://wire.example/world</link>
  <description>{MARK}</description>
  <language>en</language>
{chr(10).join(items)}
</channel>
</rss>
""".encode("utf-8")


def warc():
    """WARC/1.0 response records, one gzip member per record."""
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
    spec = {k: v for k, v in RU_PAGE.items() if k != "file"}
    html = page(mark=MARK_RU, extra_mark=MARK, **spec)
    write(RU_PAGE["file"], html.encode("cp1251"))
    write("feeds/wire.rss", rss())
    write("archive/crawl.warc.gz", warc())
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in JSONL_RECORDS)
    write("jsonl/reports.jsonl", lines.encode("utf-8"))


if __name__ == "__main__":
    main()
