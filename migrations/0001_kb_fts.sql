-- Full-text index of the knowledge base (FTS5, external content = kb_articles),
-- kept in sync by triggers. drizzle-kit cannot express virtual tables or triggers,
-- so this migration is hand-written (drizzle-kit generate --custom).
CREATE VIRTUAL TABLE `kb_articles_fts` USING fts5(
	title, body, tags,
	content='kb_articles', content_rowid='id',
	tokenize='porter unicode61'
);
--> statement-breakpoint
CREATE TRIGGER `kb_articles_ai` AFTER INSERT ON `kb_articles` BEGIN
	INSERT INTO kb_articles_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_articles_ad` AFTER DELETE ON `kb_articles` BEGIN
	INSERT INTO kb_articles_fts(kb_articles_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_articles_au` AFTER UPDATE ON `kb_articles` BEGIN
	INSERT INTO kb_articles_fts(kb_articles_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
	INSERT INTO kb_articles_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
