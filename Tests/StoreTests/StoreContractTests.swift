// The store contract tests are being written; they run against SQLite and MongoDB.
