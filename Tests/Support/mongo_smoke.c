/*
 * mongo_smoke.c: libmongoc against the MongoDB test server, one line per check.
 *
 * Proves that Tests/Support/mongo_test_server.py answers what the store's
 * MongoDB code path uses, through the real driver (Debian libmongoc 1.23):
 * CRUD, cursors (getMore, killCursors), upserts, find-and-modify, unique and
 * TTL indexes, aggregation, counts, w:0 writes, sessions, a 4-thread client
 * pool, explicit refusals (unknown command, transactions, collation, capped)
 * and the simulated outage ({testFailAll: true|false}).
 *
 * Build and run (the services script prints the URL):
 *   cc -std=c11 -Wall -Wextra -o mongo_smoke Tests/Support/mongo_smoke.c \
 *      $(pkg-config --cflags --libs libmongoc-1.0) -pthread
 *   ./mongo_smoke "$MONGODB_TEST_URL"        (or with MONGODB_TEST_URL set)
 *
 * Output: "PASS <check>" or "FAIL <check>: <why>" per check, then a summary.
 * Exit status: 0 when every check passed, 1 when one failed, 2 on bad usage.
 * It drops and recreates the database "mongo_smoke" only.
 */

#define _POSIX_C_SOURCE 200809L /* clock_gettime, struct addrinfo in mongoc-socket.h */

#include <mongoc/mongoc.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SMOKE_DB "mongo_smoke"
#define POOL_THREADS 4
#define POOL_OPS_PER_THREAD 250
#define PERF_DOCS 2000

static int passed;
static int failed;

/* Records one check; `detail` is printed only on failure. */
static bool
check (bool ok, const char *name, const char *detail_format, ...)
{
   if (ok) {
      passed++;
      printf ("PASS %s\n", name);
   } else {
      char detail[512] = "";
      va_list args;
      if (detail_format) {
         va_start (args, detail_format);
         vsnprintf (detail, sizeof detail, detail_format, args);
         va_end (args);
      }
      failed++;
      printf ("FAIL %s: %s\n", name, detail);
   }
   fflush (stdout);
   return ok;
}

static double
now_seconds (void)
{
   struct timespec ts;
   clock_gettime (CLOCK_MONOTONIC, &ts);
   return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Runs `command` on `db`; true when the server said ok. Fills `error`. */
static bool
run_command (mongoc_client_t *client, const char *db, bson_t *command, bson_t *reply, bson_error_t *error)
{
   bson_t local_reply;
   bool ok = mongoc_client_command_simple (client, db, command, NULL, reply ? reply : &local_reply, error);
   if (!reply) {
      bson_destroy (&local_reply);
   }
   bson_destroy (command);
   return ok;
}

/* Number of documents a cursor yields; -1 on a cursor error. */
static int64_t
drain (mongoc_cursor_t *cursor, bson_error_t *error)
{
   const bson_t *doc;
   int64_t n = 0;
   while (mongoc_cursor_next (cursor, &doc)) {
      n++;
   }
   if (mongoc_cursor_error (cursor, error)) {
      n = -1;
   }
   mongoc_cursor_destroy (cursor);
   return n;
}

/* The int value at a dotted path in `doc`, or `fallback`. */
static int64_t
int_at (const bson_t *doc, const char *path, int64_t fallback)
{
   bson_iter_t iter, found;
   if (bson_iter_init (&iter, doc) && bson_iter_find_descendant (&iter, path, &found) &&
       BSON_ITER_HOLDS_NUMBER (&found)) {
      return bson_iter_as_int64 (&found);
   }
   return fallback;
}

static bool
has_path (const bson_t *doc, const char *path)
{
   bson_iter_t iter, found;
   return bson_iter_init (&iter, doc) && bson_iter_find_descendant (&iter, path, &found);
}

static const char *
utf8_at (const bson_t *doc, const char *path)
{
   bson_iter_t iter, found;
   if (bson_iter_init (&iter, doc) && bson_iter_find_descendant (&iter, path, &found) &&
       BSON_ITER_HOLDS_UTF8 (&found)) {
      return bson_iter_utf8 (&found, NULL);
   }
   return NULL;
}

/* ------------------------------------------------------------------------ */

static void
check_admin (mongoc_client_t *client)
{
   bson_error_t error;
   bson_t reply;

   check (run_command (client, "admin", BCON_NEW ("ping", BCON_INT32 (1)), NULL, &error), "ping", "%s",
          error.message);

   bool ok = run_command (client, "admin", BCON_NEW ("buildInfo", BCON_INT32 (1)), &reply, &error);
   check (ok && utf8_at (&reply, "version") != NULL, "buildInfo", "%s", ok ? "no version" : error.message);
   bson_destroy (&reply);

   ok = run_command (client, "admin", BCON_NEW ("noSuchCommand", BCON_INT32 (1)), NULL, &error);
   check (!ok && error.code == 59, "unknown command -> error 59 (never ok:1)", "ok=%d code=%u %s", ok, error.code,
          error.message);
}

static void
check_crud (mongoc_client_t *client)
{
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "crud");
   bson_error_t error;
   bson_t reply;
   bool ok;

   /* insert one / many */
   bson_t *doc = BCON_NEW ("name", "alpha", "n", BCON_INT32 (1), "tag", "a");
   ok = mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   bson_destroy (doc);
   check (ok, "insert one", "%s", error.message);

   bson_t *docs[200];
   for (int i = 0; i < 200; i++) {
      docs[i] = BCON_NEW ("i", BCON_INT32 (i), "tag", i % 2 ? "odd" : "even", "n", BCON_INT32 (i));
   }
   ok = mongoc_collection_insert_many (coll, (const bson_t **) docs, 200, NULL, &reply, &error);
   check (ok && int_at (&reply, "insertedCount", -1) == 200, "insert many (document sequence)", "%s",
          ok ? "insertedCount != 200" : error.message);
   bson_destroy (&reply);
   for (int i = 0; i < 200; i++) {
      bson_destroy (docs[i]);
   }

   /* find with filter, sort, projection, skip, limit */
   bson_t *filter = BCON_NEW ("tag", "odd");
   bson_t *opts = BCON_NEW ("sort", "{", "i", BCON_INT32 (-1), "}", "projection", "{", "i", BCON_INT32 (1), "_id",
                            BCON_INT32 (0), "}", "skip", BCON_INT64 (1), "limit", BCON_INT64 (3));
   mongoc_cursor_t *cursor = mongoc_collection_find_with_opts (coll, filter, opts, NULL);
   const bson_t *found;
   int64_t expected[] = {197, 195, 193};
   int n = 0;
   bool shape_ok = true;
   while (mongoc_cursor_next (cursor, &found)) {
      if (n >= 3 || int_at (found, "i", -1) != expected[n] || has_path (found, "_id") || has_path (found, "tag")) {
         shape_ok = false;
      }
      n++;
   }
   ok = !mongoc_cursor_error (cursor, &error);
   mongoc_cursor_destroy (cursor);
   bson_destroy (filter);
   bson_destroy (opts);
   check (ok && shape_ok && n == 3, "find filter+sort+projection+skip+limit", "n=%d shape=%d %s", n, shape_ok,
          ok ? "" : error.message);

   /* getMore: 201 documents in batches of 7 */
   opts = BCON_NEW ("batchSize", BCON_INT32 (7));
   filter = bson_new ();
   int64_t total = drain (mongoc_collection_find_with_opts (coll, filter, opts, NULL), &error);
   check (total == 201, "find + getMore (batchSize 7, 201 docs)", "got %lld %s", (long long) total,
          total < 0 ? error.message : "");
   bson_destroy (opts);

   /* killCursors: destroy a live cursor, then its id must be gone */
   opts = BCON_NEW ("batchSize", BCON_INT32 (2));
   cursor = mongoc_collection_find_with_opts (coll, filter, opts, NULL);
   for (int i = 0; i < 3 && mongoc_cursor_next (cursor, &found); i++) {
   }
   int64_t cursor_id = mongoc_cursor_get_id (cursor);
   mongoc_cursor_destroy (cursor); /* sends killCursors */
   bson_destroy (opts);
   ok = run_command (client, SMOKE_DB,
                     BCON_NEW ("getMore", BCON_INT64 (cursor_id), "collection", "crud"), NULL, &error);
   check (cursor_id != 0 && !ok && error.code == 43, "killCursors (getMore afterwards -> 43)", "id=%lld ok=%d code=%u",
          (long long) cursor_id, ok, error.code);
   bson_destroy (filter);

   /* updates */
   filter = BCON_NEW ("name", "alpha");
   bson_t *update = BCON_NEW ("$set", "{", "state", "on", "}", "$inc", "{", "n", BCON_INT32 (41), "}");
   ok = mongoc_collection_update_one (coll, filter, update, NULL, &reply, &error);
   check (ok && int_at (&reply, "modifiedCount", -1) == 1, "update one $set/$inc", "%s",
          ok ? "modifiedCount != 1" : error.message);
   bson_destroy (&reply);
   bson_destroy (update);
   found = NULL;
   cursor = mongoc_collection_find_with_opts (coll, filter, NULL, NULL);
   ok = mongoc_cursor_next (cursor, &found) && int_at (found, "n", -1) == 42 &&
        strcmp (utf8_at (found, "state") ? utf8_at (found, "state") : "", "on") == 0;
   mongoc_cursor_destroy (cursor);
   check (ok, "update one result visible", NULL);

   update = BCON_NEW ("$unset", "{", "state", BCON_UTF8 (""), "}");
   ok = mongoc_collection_update_one (coll, filter, update, NULL, NULL, &error);
   bson_destroy (update);
   bson_t *state_filter = BCON_NEW ("state", "{", "$exists", BCON_BOOL (true), "}");
   int64_t with_state = mongoc_collection_count_documents (coll, state_filter, NULL, NULL, NULL, &error);
   bson_destroy (state_filter);
   check (ok && with_state == 0, "update $unset", "ok=%d remaining=%lld", ok, (long long) with_state);
   bson_destroy (filter);

   filter = BCON_NEW ("tag", "even");
   update = BCON_NEW ("$set", "{", "parity", BCON_INT32 (0), "}");
   ok = mongoc_collection_update_many (coll, filter, update, NULL, &reply, &error);
   check (ok && int_at (&reply, "matchedCount", -1) == 100 && int_at (&reply, "modifiedCount", -1) == 100,
          "update many", "%s", ok ? "counts != 100" : error.message);
   bson_destroy (&reply);
   bson_destroy (update);
   bson_destroy (filter);

   /* upsert with $setOnInsert, twice: insert then update */
   filter = BCON_NEW ("_id", "tenant-1:conn-1");
   update = BCON_NEW ("$set", "{", "token", "t1", "}", "$setOnInsert", "{", "created", BCON_INT32 (1), "}");
   opts = BCON_NEW ("upsert", BCON_BOOL (true));
   ok = mongoc_collection_update_one (coll, filter, update, opts, &reply, &error);
   check (ok && int_at (&reply, "upsertedCount", -1) == 1 && has_path (&reply, "upsertedId"),
          "upsert inserts ($setOnInsert)", "%s", ok ? "no upsertedId" : error.message);
   bson_destroy (&reply);
   bson_destroy (update);
   update = BCON_NEW ("$set", "{", "token", "t2", "}", "$setOnInsert", "{", "created", BCON_INT32 (2), "}");
   ok = mongoc_collection_update_one (coll, filter, update, opts, &reply, &error);
   check (ok && int_at (&reply, "upsertedCount", -1) == 0 && int_at (&reply, "matchedCount", -1) == 1,
          "upsert updates existing", "%s", ok ? "wrong counts" : error.message);
   bson_destroy (&reply);
   bson_destroy (update);
   cursor = mongoc_collection_find_with_opts (coll, filter, NULL, NULL);
   ok = mongoc_cursor_next (cursor, &found) && int_at (found, "created", -1) == 1 &&
        strcmp (utf8_at (found, "token") ? utf8_at (found, "token") : "", "t2") == 0;
   mongoc_cursor_destroy (cursor);
   check (ok, "upsert result ($setOnInsert kept, $set applied, _id lookup)", NULL);

   /* replace */
   bson_t *replacement = BCON_NEW ("token", "t3", "replaced", BCON_BOOL (true));
   ok = mongoc_collection_replace_one (coll, filter, replacement, NULL, &reply, &error);
   check (ok && int_at (&reply, "modifiedCount", -1) == 1, "replace one", "%s",
          ok ? "modifiedCount != 1" : error.message);
   bson_destroy (&reply);
   bson_destroy (replacement);
   bson_destroy (opts);
   bson_destroy (filter);

   /* delete */
   filter = BCON_NEW ("tag", "odd", "i", "{", "$gte", BCON_INT32 (190), "}");
   ok = mongoc_collection_delete_many (coll, filter, NULL, &reply, &error);
   check (ok && int_at (&reply, "deletedCount", -1) == 5, "delete many", "%s",
          ok ? "deletedCount != 5" : error.message);
   bson_destroy (&reply);
   bson_destroy (filter);
   filter = BCON_NEW ("_id", "tenant-1:conn-1");
   ok = mongoc_collection_delete_one (coll, filter, NULL, &reply, &error);
   check (ok && int_at (&reply, "deletedCount", -1) == 1, "delete one by _id", "%s",
          ok ? "deletedCount != 1" : error.message);
   bson_destroy (&reply);
   bson_destroy (filter);

   /* counts */
   filter = BCON_NEW ("tag", "even");
   int64_t count = mongoc_collection_count_documents (coll, filter, NULL, NULL, NULL, &error);
   check (count == 100, "count_documents (aggregate $group)", "got %lld %s", (long long) count,
          count < 0 ? error.message : "");
   bson_destroy (filter);
   count = mongoc_collection_estimated_document_count (coll, NULL, NULL, NULL, &error);
   check (count == 196, "estimated_document_count (count command)", "got %lld %s", (long long) count,
          count < 0 ? error.message : "");

   /* distinct */
   bson_t *distinct = BCON_NEW ("distinct", "crud", "key", "tag");
   ok = mongoc_collection_read_command_with_opts (coll, distinct, NULL, NULL, &reply, &error);
   bson_iter_t iter, values;
   uint32_t distinct_n = 0;
   if (ok && bson_iter_init_find (&iter, &reply, "values") && bson_iter_recurse (&iter, &values)) {
      while (bson_iter_next (&values)) {
         distinct_n++;
      }
   }
   check (ok && distinct_n == 3, "distinct", "ok=%d values=%u %s", ok, distinct_n, ok ? "" : error.message);
   bson_destroy (&reply);
   bson_destroy (distinct);

   mongoc_collection_destroy (coll);
}

static void
check_find_and_modify (mongoc_client_t *client)
{
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "fam");
   bson_error_t error;
   bson_t reply;
   bool ok;

   for (int i = 0; i < 3; i++) {
      bson_t *doc = BCON_NEW ("queue", "q", "prio", BCON_INT32 (i), "state", "ready");
      mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
      bson_destroy (doc);
   }

   /* claim the highest priority item, return the new version */
   mongoc_find_and_modify_opts_t *fam = mongoc_find_and_modify_opts_new ();
   bson_t *query = BCON_NEW ("queue", "q", "state", "ready");
   bson_t *sort = BCON_NEW ("prio", BCON_INT32 (-1));
   bson_t *update = BCON_NEW ("$set", "{", "state", "taken", "}");
   mongoc_find_and_modify_opts_set_sort (fam, sort);
   mongoc_find_and_modify_opts_set_update (fam, update);
   mongoc_find_and_modify_opts_set_flags (fam, MONGOC_FIND_AND_MODIFY_RETURN_NEW);
   ok = mongoc_collection_find_and_modify_with_opts (coll, query, fam, &reply, &error);
   const char *state = utf8_at (&reply, "value.state");
   check (ok && int_at (&reply, "value.prio", -1) == 2 && state && strcmp (state, "taken") == 0,
          "findAndModify sort + update + new", "%s", ok ? "wrong value" : error.message);
   bson_destroy (&reply);
   mongoc_find_and_modify_opts_destroy (fam);
   bson_destroy (sort);
   bson_destroy (update);
   bson_destroy (query);

   /* upsert + new */
   fam = mongoc_find_and_modify_opts_new ();
   query = BCON_NEW ("_id", "counter");
   update = BCON_NEW ("$inc", "{", "seq", BCON_INT64 (1), "}");
   mongoc_find_and_modify_opts_set_update (fam, update);
   mongoc_find_and_modify_opts_set_flags (fam, MONGOC_FIND_AND_MODIFY_UPSERT | MONGOC_FIND_AND_MODIFY_RETURN_NEW);
   ok = mongoc_collection_find_and_modify_with_opts (coll, query, fam, &reply, &error);
   bool first = ok && int_at (&reply, "value.seq", -1) == 1 && has_path (&reply, "lastErrorObject.upserted");
   bson_destroy (&reply);
   ok = mongoc_collection_find_and_modify_with_opts (coll, query, fam, &reply, &error);
   bson_iter_t iter;
   bool int64_kept = bson_iter_init (&iter, &reply) && bson_iter_find_descendant (&iter, "value.seq", &iter) &&
                     BSON_ITER_HOLDS_INT64 (&iter);
   check (first && ok && int_at (&reply, "value.seq", -1) == 2, "findAndModify upsert + new (counter)", "%s",
          ok ? "wrong seq" : error.message);
   check (int64_kept, "$inc keeps int64", NULL);
   bson_destroy (&reply);
   mongoc_find_and_modify_opts_destroy (fam);
   bson_destroy (update);
   bson_destroy (query);

   /* remove, returns the removed document */
   fam = mongoc_find_and_modify_opts_new ();
   query = BCON_NEW ("prio", BCON_INT32 (0));
   mongoc_find_and_modify_opts_set_flags (fam, MONGOC_FIND_AND_MODIFY_REMOVE);
   ok = mongoc_collection_find_and_modify_with_opts (coll, query, fam, &reply, &error);
   int64_t left = mongoc_collection_count_documents (coll, query, NULL, NULL, NULL, &error);
   check (ok && int_at (&reply, "value.prio", -1) == 0 && left == 0, "findAndModify remove", "%s",
          ok ? "not removed" : error.message);
   bson_destroy (&reply);
   mongoc_find_and_modify_opts_destroy (fam);
   bson_destroy (query);

   /* no match, no upsert -> value null */
   fam = mongoc_find_and_modify_opts_new ();
   query = BCON_NEW ("prio", BCON_INT32 (99));
   update = BCON_NEW ("$set", "{", "x", BCON_INT32 (1), "}");
   mongoc_find_and_modify_opts_set_update (fam, update);
   ok = mongoc_collection_find_and_modify_with_opts (coll, query, fam, &reply, &error);
   bool is_null = bson_iter_init_find (&iter, &reply, "value") && BSON_ITER_HOLDS_NULL (&iter);
   check (ok && is_null, "findAndModify no match -> value null", "%s", ok ? "value not null" : error.message);
   bson_destroy (&reply);
   mongoc_find_and_modify_opts_destroy (fam);
   bson_destroy (update);
   bson_destroy (query);

   mongoc_collection_destroy (coll);
}

static void
check_indexes (mongoc_client_t *client)
{
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "idx");
   mongoc_database_t *db = mongoc_client_get_database (client, SMOKE_DB);
   bson_error_t error;
   bson_t reply;
   bool ok;

   bson_t *create = BCON_NEW ("createIndexes", "idx", "indexes", "[",
                              "{", "key", "{", "tenant", BCON_INT32 (1), "email", BCON_INT32 (1), "}", "name",
                              "tenant_email", "unique", BCON_BOOL (true), "}",
                              "{", "key", "{", "expiresAt", BCON_INT32 (1), "}", "name", "ttl",
                              "expireAfterSeconds", BCON_INT32 (0), "}", "]");
   ok = mongoc_database_write_command_with_opts (db, create, NULL, &reply, &error);
   check (ok && int_at (&reply, "numIndexesAfter", -1) == 3, "createIndexes (unique compound + TTL)", "%s",
          ok ? "numIndexesAfter != 3" : error.message);
   bson_destroy (&reply);
   bson_destroy (create);

   bson_t *doc = BCON_NEW ("tenant", "t1", "email", "a@example.com");
   ok = mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   bson_destroy (doc);
   doc = BCON_NEW ("tenant", "t1", "email", "a@example.com");
   bool dup_ok = mongoc_collection_insert_one (coll, doc, NULL, &reply, &error);
   bson_destroy (doc);
   check (ok && !dup_ok && error.code == 11000 && int_at (&reply, "writeErrors.0.code", -1) == 11000,
          "unique index duplicate -> 11000 + writeErrors", "code=%u %s", error.code, error.message);
   const char *errmsg = utf8_at (&reply, "writeErrors.0.errmsg");
   check (errmsg && strstr (errmsg, "tenant_email") != NULL, "duplicate error names the index", "%s",
          errmsg ? errmsg : "(no errmsg)");
   bson_destroy (&reply);

   doc = BCON_NEW ("tenant", "t2", "email", "a@example.com");
   ok = mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   bson_destroy (doc);
   check (ok, "unique compound allows other tenant", "%s", error.message);

   /* TTL: one document already expired, one in the future */
   int64_t now_ms = (int64_t) time (NULL) * 1000;
   doc = BCON_NEW ("tenant", "ttl", "email", "old", "expiresAt", BCON_DATE_TIME (now_ms - 60000));
   mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   bson_destroy (doc);
   doc = BCON_NEW ("tenant", "ttl", "email", "new", "expiresAt", BCON_DATE_TIME (now_ms + 3600000));
   mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   bson_destroy (doc);
   bson_t *filter = BCON_NEW ("tenant", "ttl");
   int64_t alive = drain (mongoc_collection_find_with_opts (coll, filter, NULL, NULL), &error);
   check (alive == 1, "TTL index: expired document vanishes on read", "found %lld", (long long) alive);
   bson_destroy (filter);

   int64_t n = drain (mongoc_collection_find_indexes_with_opts (coll, NULL), &error);
   check (n == 3, "listIndexes", "found %lld", (long long) n);

   ok = mongoc_collection_drop_index_with_opts (coll, "ttl", NULL, &error);
   n = drain (mongoc_collection_find_indexes_with_opts (coll, NULL), &error);
   check (ok && n == 2, "dropIndexes", "ok=%d left=%lld %s", ok, (long long) n, ok ? "" : error.message);

   ok = mongoc_collection_drop_index_with_opts (coll, "no_such_index", NULL, &error);
   check (!ok && error.code == 27, "dropIndexes unknown -> 27", "ok=%d code=%u", ok, error.code);

   mongoc_database_destroy (db);
   mongoc_collection_destroy (coll);
}

static void
check_aggregate (mongoc_client_t *client)
{
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "agg");
   bson_error_t error;
   const bson_t *doc;

   for (int i = 0; i < 30; i++) {
      bson_t *d = BCON_NEW ("tenant", i % 3 == 0 ? "a" : "b", "v", BCON_INT32 (i));
      mongoc_collection_insert_one (coll, d, NULL, NULL, &error);
      bson_destroy (d);
   }
   bson_t *pipeline = BCON_NEW ("pipeline", "[",
                                "{", "$match", "{", "v", "{", "$gte", BCON_INT32 (3), "}", "}", "}",
                                "{", "$group", "{", "_id", "$tenant", "total", "{", "$sum", "$v", "}", "n", "{",
                                "$sum", BCON_INT32 (1), "}", "}", "}",
                                "{", "$sort", "{", "_id", BCON_INT32 (1), "}", "}",
                                "{", "$project", "{", "total", BCON_INT32 (1), "n", BCON_INT32 (1), "}", "}", "]");
   mongoc_cursor_t *cursor = mongoc_collection_aggregate (coll, MONGOC_QUERY_NONE, pipeline, NULL, NULL);
   int64_t a_total = -1, b_total = -1, rows = 0;
   while (mongoc_cursor_next (cursor, &doc)) {
      const char *id = utf8_at (doc, "_id");
      if (id && strcmp (id, "a") == 0 && rows == 0) {
         a_total = int_at (doc, "total", -1);
      } else if (id && strcmp (id, "b") == 0 && rows == 1) {
         b_total = int_at (doc, "total", -1);
      }
      rows++;
   }
   bool ok = !mongoc_cursor_error (cursor, &error);
   mongoc_cursor_destroy (cursor);
   bson_destroy (pipeline);
   /* a: 3+6+...+27 = 135; b: (3+...+29) - 135 = 432 - 135 = 297 */
   check (ok && rows == 2 && a_total == 135 && b_total == 297, "aggregate $match/$group/$sort/$project",
          "rows=%lld a=%lld b=%lld %s", (long long) rows, (long long) a_total, (long long) b_total,
          ok ? "" : error.message);

   pipeline = BCON_NEW ("pipeline", "[", "{", "$sort", "{", "v", BCON_INT32 (1), "}", "}",
                        "{", "$skip", BCON_INT32 (5), "}", "{", "$limit", BCON_INT32 (10), "}",
                        "{", "$count", "howMany", "}", "]");
   cursor = mongoc_collection_aggregate (coll, MONGOC_QUERY_NONE, pipeline, NULL, NULL);
   int64_t how_many = -1;
   if (mongoc_cursor_next (cursor, &doc)) {
      how_many = int_at (doc, "howMany", -1);
   }
   ok = !mongoc_cursor_error (cursor, &error);
   mongoc_cursor_destroy (cursor);
   bson_destroy (pipeline);
   check (ok && how_many == 10, "aggregate $sort/$skip/$limit/$count", "howMany=%lld %s", (long long) how_many,
          ok ? "" : error.message);

   /* aggregate result larger than one batch */
   pipeline = BCON_NEW ("pipeline", "[", "{", "$match", "{", "}", "}", "]");
   bson_t *opts = BCON_NEW ("batchSize", BCON_INT32 (4));
   int64_t n = drain (mongoc_collection_aggregate (coll, MONGOC_QUERY_NONE, pipeline, opts, NULL), &error);
   check (n == 30, "aggregate cursor + getMore", "got %lld", (long long) n);
   bson_destroy (opts);
   bson_destroy (pipeline);

   mongoc_collection_destroy (coll);
}

static void
check_unacknowledged_and_bulk (mongoc_client_t *client)
{
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "w0");
   bson_error_t error;
   bson_t reply;

   mongoc_write_concern_t *wc = mongoc_write_concern_new ();
   mongoc_write_concern_set_w (wc, MONGOC_WRITE_CONCERN_W_UNACKNOWLEDGED);
   bson_t *opts = bson_new ();
   mongoc_write_concern_append (wc, opts);
   bson_t *doc = BCON_NEW ("_id", "fire-and-forget");
   bool ok = mongoc_collection_insert_one (coll, doc, opts, NULL, &error);
   bson_destroy (doc);
   bson_destroy (opts);
   mongoc_write_concern_destroy (wc);
   /* the next acknowledged command on the same connection orders after it */
   bson_t *filter = BCON_NEW ("_id", "fire-and-forget");
   int64_t n = mongoc_collection_count_documents (coll, filter, NULL, NULL, NULL, &error);
   bson_destroy (filter);
   check (ok && n == 1, "w:0 insert executed, no reply awaited", "ok=%d n=%lld", ok, (long long) n);

   mongoc_bulk_operation_t *bulk = mongoc_collection_create_bulk_operation_with_opts (coll, NULL);
   for (int i = 0; i < 10; i++) {
      doc = BCON_NEW ("b", BCON_INT32 (i));
      mongoc_bulk_operation_insert_with_opts (bulk, doc, NULL, &error);
      bson_destroy (doc);
   }
   filter = BCON_NEW ("b", BCON_INT32 (3));
   bson_t *update = BCON_NEW ("$set", "{", "hit", BCON_BOOL (true), "}");
   mongoc_bulk_operation_update_one_with_opts (bulk, filter, update, NULL, &error);
   bson_destroy (update);
   bson_destroy (filter);
   filter = BCON_NEW ("b", BCON_INT32 (4));
   mongoc_bulk_operation_remove_one_with_opts (bulk, filter, NULL, &error);
   bson_destroy (filter);
   uint32_t server_id = mongoc_bulk_operation_execute (bulk, &reply, &error);
   check (server_id != 0 && int_at (&reply, "nInserted", -1) == 10 && int_at (&reply, "nModified", -1) == 1 &&
             int_at (&reply, "nRemoved", -1) == 1,
          "bulk write (insert/update/remove)", "%s", server_id ? "wrong counts" : error.message);
   bson_destroy (&reply);
   mongoc_bulk_operation_destroy (bulk);
   mongoc_collection_destroy (coll);
}

static void
check_catalog_sessions_refusals (mongoc_client_t *client)
{
   mongoc_database_t *db = mongoc_client_get_database (client, SMOKE_DB);
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "crud");
   bson_error_t error;
   bool ok;

   char **names = mongoc_database_get_collection_names_with_opts (db, NULL, &error);
   int count = 0;
   bool has_crud = false;
   for (int i = 0; names && names[i]; i++) {
      count++;
      has_crud = has_crud || strcmp (names[i], "crud") == 0;
   }
   bson_strfreev (names);
   check (has_crud && count >= 4, "listCollections", "count=%d has_crud=%d", count, has_crud);

   /* sessions (implicit lsid on every command; explicit one here) */
   mongoc_client_session_t *session = mongoc_client_start_session (client, NULL, &error);
   ok = session != NULL;
   if (ok) {
      bson_t *opts = bson_new ();
      ok = mongoc_client_session_append (session, opts, &error);
      bson_t *doc = BCON_NEW ("in", "session");
      ok = ok && mongoc_collection_insert_one (coll, doc, opts, NULL, &error);
      bson_destroy (doc);
      bson_destroy (opts);
   }
   check (ok, "explicit session", "%s", error.message);

   /* transactions are refused with code 20 (standalone) */
   if (session) {
      bool started = mongoc_client_session_start_transaction (session, NULL, &error);
      bool refused = !started;
      uint32_t code = error.code;
      if (started) {
         bson_t *opts = bson_new ();
         mongoc_client_session_append (session, opts, &error);
         bson_t *doc = BCON_NEW ("in", "txn");
         refused = !mongoc_collection_insert_one (coll, doc, opts, NULL, &error);
         code = error.code;
         bson_destroy (doc);
         bson_destroy (opts);
         mongoc_client_session_abort_transaction (session, NULL);
      }
      check (refused, "transaction refused", "started=%d code=%u %s", started, code, error.message);
      mongoc_client_session_destroy (session);
   }
   ok = run_command (client, SMOKE_DB,
                     BCON_NEW ("insert", "crud", "documents", "[", "{", "x", BCON_INT32 (1), "}", "]", "txnNumber",
                               BCON_INT64 (1)),
                     NULL, &error);
   check (!ok && error.code == 20, "txnNumber -> code 20", "ok=%d code=%u %s", ok, error.code, error.message);

   bson_t *filter = BCON_NEW ("tag", "odd");
   bson_t *opts = BCON_NEW ("collation", "{", "locale", "en", "}");
   int64_t n = drain (mongoc_collection_find_with_opts (coll, filter, opts, NULL), &error);
   check (n < 0 && error.code == 115, "collation refused (115)", "n=%lld code=%u", (long long) n, error.code);
   bson_destroy (opts);
   bson_destroy (filter);

   opts = BCON_NEW ("capped", BCON_BOOL (true), "size", BCON_INT32 (4096));
   mongoc_collection_t *capped = mongoc_database_create_collection (db, "capped", opts, &error);
   check (capped == NULL && error.code == 115, "capped collection refused (115)", "code=%u", error.code);
   if (capped) {
      mongoc_collection_destroy (capped);
   }
   bson_destroy (opts);

   mongoc_collection_t *scratch = mongoc_client_get_collection (client, SMOKE_DB, "scratch");
   bson_t *doc = BCON_NEW ("x", BCON_INT32 (1));
   mongoc_collection_insert_one (scratch, doc, NULL, NULL, &error);
   bson_destroy (doc);
   ok = mongoc_collection_drop_with_opts (scratch, NULL, &error);
   names = mongoc_database_get_collection_names_with_opts (db, NULL, &error);
   bool still_there = false;
   for (int i = 0; names && names[i]; i++) {
      still_there = still_there || strcmp (names[i], "scratch") == 0;
   }
   bson_strfreev (names);
   check (ok && !still_there, "drop collection", "ok=%d still_there=%d", ok, still_there);
   mongoc_collection_destroy (scratch);

   mongoc_collection_destroy (coll);
   mongoc_database_destroy (db);
}

/* ------------------------------------------------------------------------ */

typedef struct {
   mongoc_client_pool_t *pool;
   int thread_index;
   int failures;
} pool_job_t;

static void *
pool_worker (void *arg)
{
   pool_job_t *job = arg;
   mongoc_client_t *client = mongoc_client_pool_pop (job->pool);
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "pool");
   bson_error_t error;
   char id[64];
   for (int i = 0; i < POOL_OPS_PER_THREAD; i++) {
      snprintf (id, sizeof id, "t%d-%d", job->thread_index, i);
      bson_t *doc = BCON_NEW ("_id", BCON_UTF8 (id), "t", BCON_INT32 (job->thread_index));
      if (!mongoc_collection_insert_one (coll, doc, NULL, NULL, &error)) {
         job->failures++;
      }
      bson_destroy (doc);
      bson_t *filter = BCON_NEW ("_id", BCON_UTF8 (id));
      if (mongoc_collection_count_documents (coll, filter, NULL, NULL, NULL, &error) != 1) {
         job->failures++;
      }
      bson_destroy (filter);
   }
   mongoc_collection_destroy (coll);
   mongoc_client_pool_push (job->pool, client);
   return NULL;
}

static void
check_pool (const mongoc_uri_t *uri)
{
   mongoc_client_pool_t *pool = mongoc_client_pool_new (uri);
   mongoc_client_pool_max_size (pool, POOL_THREADS);
   pthread_t threads[POOL_THREADS];
   pool_job_t jobs[POOL_THREADS];
   double start = now_seconds ();
   for (int i = 0; i < POOL_THREADS; i++) {
      jobs[i] = (pool_job_t){pool, i, 0};
      pthread_create (&threads[i], NULL, pool_worker, &jobs[i]);
   }
   int failures = 0;
   for (int i = 0; i < POOL_THREADS; i++) {
      pthread_join (threads[i], NULL);
      failures += jobs[i].failures;
   }
   double elapsed = now_seconds () - start;

   mongoc_client_t *client = mongoc_client_pool_pop (pool);
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "pool");
   bson_error_t error;
   int64_t n = mongoc_collection_estimated_document_count (coll, NULL, NULL, NULL, &error);
   mongoc_collection_destroy (coll);
   mongoc_client_pool_push (pool, client);
   mongoc_client_pool_destroy (pool);
   check (failures == 0 && n == POOL_THREADS * POOL_OPS_PER_THREAD, "client pool, 4 threads", "failures=%d n=%lld",
          failures, (long long) n);
   printf ("INFO pool: %d ops in %.2fs (%.0f ops/s)\n", POOL_THREADS * POOL_OPS_PER_THREAD * 2, elapsed,
           POOL_THREADS * POOL_OPS_PER_THREAD * 2 / elapsed);
}

static void
check_outage (mongoc_client_t *client)
{
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "outage");
   bson_error_t error;
   bson_t reply;

   bool ok = run_command (client, "admin", BCON_NEW ("testFailAll", BCON_BOOL (true)), &reply, &error);
   bson_destroy (&reply);
   check (ok, "testFailAll true accepted", "%s", error.message);

   bson_t *doc = BCON_NEW ("x", BCON_INT32 (1));
   bool inserted = mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   check (!inserted && (error.domain == MONGOC_ERROR_STREAM || error.domain == MONGOC_ERROR_SERVER_SELECTION),
          "outage: operation fails with a network error", "inserted=%d domain=%u code=%u %s", inserted, error.domain,
          error.code, error.message);
   printf ("INFO outage error: domain=%u code=%u \"%s\"\n", error.domain, error.code, error.message);

   ok = run_command (client, "admin", BCON_NEW ("testFailAll", BCON_BOOL (false)), NULL, &error);
   check (ok, "testFailAll false accepted", "%s", error.message);

   inserted = mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   check (inserted, "recovers after outage", "%s", error.message);
   bson_destroy (doc);
   mongoc_collection_destroy (coll);
}

/* The same outage through a pooled client, as the store uses it in production. */
static void
check_outage_pool (const mongoc_uri_t *uri)
{
   mongoc_client_pool_t *pool = mongoc_client_pool_new (uri);
   mongoc_client_t *client = mongoc_client_pool_pop (pool);
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "outage");
   bson_error_t error;
   bson_t *doc = BCON_NEW ("pooled", BCON_BOOL (true));

   bool warm = mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   bool ok = warm && run_command (client, "admin", BCON_NEW ("testFailAll", BCON_BOOL (true)), NULL, &error);
   bool inserted = mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   check (ok && !inserted, "outage (pool): operation fails", "warm=%d ok=%d inserted=%d %s", warm, ok, inserted,
          error.message);

   double start = now_seconds ();
   ok = run_command (client, "admin", BCON_NEW ("testFailAll", BCON_BOOL (false)), NULL, &error);
   inserted = ok && mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
   check (inserted, "recovers after outage (pool)", "ok=%d %s", ok, error.message);
   printf ("INFO pool recovery took %.2fs\n", now_seconds () - start);

   bson_destroy (doc);
   mongoc_collection_destroy (coll);
   mongoc_client_pool_push (pool, client);
   mongoc_client_pool_destroy (pool);
}

static void
check_perf (mongoc_client_t *client)
{
   mongoc_collection_t *coll = mongoc_client_get_collection (client, SMOKE_DB, "perf");
   bson_error_t error;
   const bson_t *found;
   int failures = 0;
   double start = now_seconds ();
   for (int i = 0; i < PERF_DOCS; i++) {
      bson_t *doc = BCON_NEW ("_id", BCON_INT32 (i), "payload", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
      failures += !mongoc_collection_insert_one (coll, doc, NULL, NULL, &error);
      bson_destroy (doc);
      bson_t *filter = BCON_NEW ("_id", BCON_INT32 (i));
      mongoc_cursor_t *cursor = mongoc_collection_find_with_opts (coll, filter, NULL, NULL);
      failures += !mongoc_cursor_next (cursor, &found);
      mongoc_cursor_destroy (cursor);
      bson_destroy (filter);
   }
   double elapsed = now_seconds () - start;
   check (failures == 0, "2,000 inserts + finds by _id", "failures=%d", failures);
   printf ("INFO single client: %d ops in %.2fs (%.0f ops/s)\n", PERF_DOCS * 2, elapsed, PERF_DOCS * 2 / elapsed);
   mongoc_collection_destroy (coll);
}

/* Driver warnings (e.g. the abortTransaction the refused transaction causes) as INFO lines. */
static void
log_handler (mongoc_log_level_t level, const char *domain, const char *message, void *user_data)
{
   (void) user_data;
   if (level <= MONGOC_LOG_LEVEL_WARNING) {
      printf ("INFO %s %s: %s\n", mongoc_log_level_str (level), domain, message);
   }
}

int
main (int argc, char **argv)
{
   const char *url = argc > 1 ? argv[1] : getenv ("MONGODB_TEST_URL");
   if (!url || !*url) {
      fprintf (stderr, "usage: %s mongodb://127.0.0.1:PORT   (or set MONGODB_TEST_URL)\n", argv[0]);
      return 2;
   }
   mongoc_init ();
   mongoc_log_set_handler (log_handler, NULL);
   bson_error_t error;
   mongoc_uri_t *uri = mongoc_uri_new_with_error (url, &error);
   if (!uri) {
      fprintf (stderr, "bad URL %s: %s\n", url, error.message);
      return 2;
   }
   if (!mongoc_uri_has_option (uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS)) {
      mongoc_uri_set_option_as_int32 (uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, 3000);
   }
   mongoc_uri_set_appname (uri, "mongo_smoke");
   printf ("INFO libmongoc %s, server %s\n", mongoc_get_version (), url);

   mongoc_client_t *client = mongoc_client_new_from_uri (uri);
   mongoc_database_t *db = mongoc_client_get_database (client, SMOKE_DB);
   bool ok = mongoc_database_drop_with_opts (db, NULL, &error);
   check (ok, "dropDatabase", "%s", error.message);
   mongoc_database_destroy (db);

   check_admin (client);
   check_crud (client);
   check_find_and_modify (client);
   check_indexes (client);
   check_aggregate (client);
   check_unacknowledged_and_bulk (client);
   check_catalog_sessions_refusals (client);
   check_perf (client);
   check_pool (uri);
   check_outage (client);
   check_outage_pool (uri);

   mongoc_client_destroy (client);
   mongoc_uri_destroy (uri);
   mongoc_cleanup ();

   printf ("mongo_smoke: %d passed, %d failed\n", passed, failed);
   return failed ? 1 : 0;
}
