//! Schema migrations, applied in order; `PRAGMA user_version` holds how many
//! have run. Never edit a released migration: add a new one.

/// Migration `i` takes the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles, sightings, failures, full-text index
    "CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        chars INTEGER NOT NULL,
        text TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE sightings (
        article_id TEXT NOT NULL REFERENCES articles(id),
        input TEXT NOT NULL,
        locator TEXT NOT NULL,
        format TEXT NOT NULL,
        url TEXT,
        PRIMARY KEY (article_id, input, locator)
    ) WITHOUT ROWID;
    CREATE TABLE failures (
        input TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (input, code)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );",
    // 2: linked mentions and learned aliases, indexed by entity
    "CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        entity TEXT NOT NULL,
        kind TEXT NOT NULL,
        rule TEXT NOT NULL,
        confidence REAL NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        PRIMARY KEY (article_id, start, end, entity)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_entity ON mentions(entity, article_id);
    CREATE TABLE learned_aliases (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        alias TEXT NOT NULL,
        entity TEXT,
        conflict TEXT NOT NULL,
        pattern TEXT NOT NULL,
        confidence REAL NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, start, end)
    ) WITHOUT ROWID;
    CREATE INDEX learned_aliases_entity ON learned_aliases(entity);",
    // 3: event mentions, with the columns the event filters use, and the
    // entities filling their roles
    "CREATE TABLE event_mentions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        ordinal INTEGER NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        date TEXT,
        date_precision TEXT,
        place TEXT,
        place_name TEXT,
        country TEXT,
        killed INTEGER,
        wounded INTEGER,
        record TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX event_mentions_article ON event_mentions(article_id);
    CREATE INDEX event_mentions_date ON event_mentions(date);
    CREATE INDEX event_mentions_country ON event_mentions(country);
    CREATE TABLE event_roles (
        event_id TEXT NOT NULL REFERENCES event_mentions(id),
        role TEXT NOT NULL,
        entity TEXT NOT NULL,
        PRIMARY KEY (event_id, role, entity)
    ) WITHOUT ROWID;
    CREATE INDEX event_roles_entity ON event_roles(entity, event_id);",
    // 4: claims, one row per claim with the columns the claim filters use;
    // lists and nested parts as JSON. `event_id` is the event mention's id,
    // so claims join to `event_mentions` without knowing how ids are made.
    "CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles(id),
        ordinal INTEGER NOT NULL,
        kind TEXT NOT NULL,
        stance TEXT NOT NULL,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker TEXT,
        speaker_folded TEXT,
        speaker_entity TEXT,
        about_start INTEGER,
        about_end INTEGER,
        about TEXT,
        about_entity TEXT,
        event_index INTEGER,
        event_id TEXT,
        hedges TEXT NOT NULL,
        channel TEXT,
        framing TEXT,
        cue TEXT NOT NULL,
        source_start INTEGER,
        source_end INTEGER,
        content TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        confidence REAL NOT NULL,
        extractor TEXT NOT NULL,
        extractor_version INTEGER NOT NULL,
        PRIMARY KEY (article_id, ordinal)
    ) WITHOUT ROWID;
    CREATE INDEX claims_event ON claims(event_id);
    CREATE INDEX claims_kind ON claims(kind);
    CREATE INDEX claims_speaker_entity ON claims(speaker_entity);
    CREATE INDEX claims_about_entity ON claims(about_entity);",
    // 5: cross-article linking. `linked` marks articles the linker has
    // seen; fingerprints and their LSH band keys and distinctive-sentence
    // hashes find copies; `copy_links` are the pairs found; `events` are
    // events across articles (the sketch is the linker's JSON summary) and
    // `event_members` which event mention belongs to which event.
    "CREATE TABLE linked (
        article_id TEXT PRIMARY KEY REFERENCES articles(id)
    ) WITHOUT ROWID;
    CREATE TABLE fingerprints (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        published TEXT,
        signature BLOB NOT NULL,
        sentences BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE lsh_bands (
        band_key INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (band_key, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE sentence_hashes (
        hash INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (hash, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE copy_links (
        article_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        similarity REAL NOT NULL,
        shared INTEGER NOT NULL,
        PRIMARY KEY (article_id, other_id)
    ) WITHOUT ROWID;
    CREATE INDEX copy_links_other ON copy_links(other_id);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        date TEXT,
        country TEXT,
        place TEXT,
        first_day INTEGER,
        last_day INTEGER,
        members INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        sketch TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX events_window ON events(first_day, last_day);
    CREATE TABLE event_members (
        mention_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        score REAL NOT NULL,
        opened INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX event_members_event ON event_members(event_id);",
    // 6: each event's resolved record in brief (consensus tolls, contested
    // fields, perpetrator status), for listings and filters; the linker
    // drops a digest when its event changes and writes it anew
    "CREATE TABLE event_digests (
        event_id TEXT PRIMARY KEY,
        contested INTEGER NOT NULL,
        digest TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX event_digests_contested ON event_digests(contested);
    CREATE INDEX events_listing ON events(first_day IS NULL, first_day DESC, articles DESC, id);
    CREATE INDEX articles_newest ON articles(published IS NULL, published DESC, id);
    CREATE INDEX events_country ON events(country, first_day IS NULL, first_day DESC, articles DESC, id);
    CREATE INDEX event_mentions_kind ON event_mentions(kind);
    CREATE INDEX event_mentions_place ON event_mentions(place_name);",
];
