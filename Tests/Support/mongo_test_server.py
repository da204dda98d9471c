#!/usr/bin/python3
"""MongoDB wire-protocol test server: mockupdb framing + mongomock semantics.

MongoDB's server is not packaged for Debian, so tests talk to this stand-in
instead. It is made of two Debian packages (see
/work/shared/notes/mongodb-for-tests.md):

  python3-mockupdb   MongoDB Inc.'s wire-protocol server library (OP_MSG and
                     OP_QUERY framing, document sequences)
  python3-mongomock  in-memory MongoDB semantics (filters, updates, indexes)

Every command arrives as one document; a handler runs it against one shared
mongomock client and answers it. It is a test peer for the MongoDB code path
(BSON, wire protocol, driver use, queries), not a database.

USAGE
  python3 mongo_test_server.py --port 0 --port-file PATH [--verbose]

  Binds 127.0.0.1 only. Writes the chosen port to PATH (atomically) once it
  listens, logs to stderr, exits 0 on SIGTERM or SIGINT and removes PATH.
  If the interpreter lacks the Debian packages (e.g. a pyenv python3), the
  script re-executes itself with /usr/bin/python3.
  scripts/services/mongo-test-server.sh installs the packages and runs it.

WHAT IT ANSWERS
  Handshake     legacy isMaster (OP_QUERY) and hello/isMaster (OP_MSG) as a
                Standalone: maxWireVersion 13, helloOk, logicalSessionTimeout-
                Minutes 30. No topologyVersion, so drivers poll (no streaming).
  CRUD          insert, find (filter, sort, projection, skip, limit,
                batchSize, singleBatch), getMore, killCursors, update ($set,
                $inc, $unset, $setOnInsert, $push, ..., replacement, upsert,
                multi), delete, findAndModify (query, sort, update, remove,
                new, upsert, fields), count, distinct, aggregate ($match,
                $sort, $limit, $skip, $group, $count, $project, ...).
  Indexes       createIndexes (unique -> E11000 with a writeErrors entry;
                TTL expireAfterSeconds: expired documents vanish on the next
                read), listIndexes, dropIndexes.
  Catalog       create, listCollections, drop, dropDatabase, listDatabases.
  Misc          ping, buildInfo, endSessions.
  w:0           OP_MSG with the moreToCome flag: executed, no reply sent.

WHAT IT REFUSES (always an explicit error, never a silent ok:1)
  unknown command                               code 59  CommandNotFound
  txnNumber / startTransaction / commit/abort   code 20  IllegalOperation
      "Transaction numbers are only allowed on a replica set member or mongos"
  collation, capped, validator, views, time series, arrayFilters, let,
  pipeline-style updates, $mul/$bit, explain, text/geo/hashed indexes,
  tailable cursors, anything mongomock raises NotImplementedError for
                                                code 115 CommandNotSupported
  No authentication (saslStart is an unknown command) and no TLS: test URLs
  carry no credentials.

SIMULATED OUTAGE (custom admin command)
  {testFailAll: true}   from now on every command except testFailAll and the
                        handshake (hello/isMaster) is answered by closing the
                        connection, as if the server died mid-request. The
                        handshake keeps working so that a driver can still
                        connect to send {testFailAll: false}.
  {testFailAll: false}  back to normal. The reply is {ok: 1, failAll: <new>,
                        was: <old>}. Accepted on any database.
  Example (libmongoc): mongoc_client_command_simple(client, "admin",
      BCON_NEW("testFailAll", BCON_BOOL(true)), NULL, &reply, &error);
  Drivers then report a network error ("socket error or timeout") for every
  operation; the store under test should map that to 503 and recover once the
  mode is switched off.

PERFORMANCE NOTE
  A filter on `_id` alone (a plain value) is a direct dictionary lookup;
  mongomock would otherwise scan the collection on every find/update/delete.
  A TTL index makes every read scan its collection (mongomock expires on
  read), so keep TTL collections small.

LIMITATIONS (mongomock 4.1.2 / mockupdb 1.8.0, Debian 12)
  Single node, no replication, no change streams, no transactions, no
  Decimal128 arithmetic, no `aggregate: 1`. $expr works only partly
  (mongomock fails with code 1 InternalError on documents missing a field);
  $where, $text, $jsonSchema and geo operators are refused (115).
  Duplicate-key errors raised by an update name no index. An update that
  fails halfway through its operators may leave that document half-updated
  (mongomock applies operators in place); a real server would not.
"""

import os
import sys

_DEBIAN_PYTHON = "/usr/bin/python3"

try:
    import bson
    import mockupdb
    import pymongo
    import mongomock
    from mongomock import aggregate as mongomock_aggregate
    from mongomock import collection as mongomock_collection
    from mongomock import filtering as mongomock_filtering
    from mongomock import helpers as mongomock_helpers
except ImportError as import_error:  # e.g. a pyenv python3 without dist-packages
    if (os.path.exists(_DEBIAN_PYTHON)
            and os.path.realpath(sys.executable) != os.path.realpath(_DEBIAN_PYTHON)
            and not os.environ.get("MONGO_TEST_SERVER_REEXEC")):
        os.environ["MONGO_TEST_SERVER_REEXEC"] = "1"
        os.execv(_DEBIAN_PYTHON, [_DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    sys.stderr.write(
        "mongo_test_server: cannot import %s.\n"
        "  Install: apt-get install -y python3-mockupdb python3-mongomock python3-pymongo\n"
        "  and run it with %s.\n" % (import_error, _DEBIAN_PYTHON))
    sys.exit(2)

import argparse
import collections
import datetime
import itertools
import random
import signal
import threading
import time
import traceback

from bson.codec_options import CodecOptions
from bson.int64 import Int64
from bson.son import SON

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

MAX_WIRE_VERSION = 13          # MongoDB 5.0
SERVER_VERSION = "5.0.5"       # what mongomock emulates by default
MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024
MAX_MESSAGE_SIZE = 48000000
MAX_WRITE_BATCH_SIZE = 100000
SESSION_TIMEOUT_MINUTES = 30
DEFAULT_BATCH_SIZE = 101
BATCH_BYTE_BUDGET = MAX_BSON_OBJECT_SIZE - 64 * 1024
CURSOR_IDLE_SECONDS = 600

CODE_NAMES = {
    1: "InternalError", 2: "BadValue", 9: "FailedToParse", 14: "TypeMismatch",
    20: "IllegalOperation", 26: "NamespaceNotFound", 27: "IndexNotFound",
    43: "CursorNotFound", 48: "NamespaceExists", 59: "CommandNotFound",
    73: "InvalidNamespace", 85: "IndexOptionsConflict", 115: "CommandNotSupported",
    11000: "DuplicateKey",
}

TRANSACTION_MESSAGE = "Transaction numbers are only allowed on a replica set member or mongos"

# Update operators mongomock implements; $mul and $bit are valid MongoDB but not here.
SUPPORTED_UPDATE_OPERATORS = {
    "$set", "$unset", "$inc", "$max", "$min", "$pop", "$rename", "$setOnInsert",
    "$currentDate", "$addToSet", "$pull", "$pullAll", "$push",
}
UNSUPPORTED_UPDATE_OPERATORS = {"$mul", "$bit"}

class CommandError(Exception):
    """A command failure answered as {ok: 0, code, codeName, errmsg}."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def not_supported(what):
    return CommandError(115, "mongo_test_server (mongomock) does not support %s" % what)


# ---------------------------------------------------------------------------
# mongomock adjustments (documented, narrow)
# ---------------------------------------------------------------------------

_NO_DIRECT_KEY = object()


def _direct_id_key(filter_doc):
    """The store key for a filter that is exactly {_id: <plain value>}, else a sentinel."""
    if not isinstance(filter_doc, dict) or len(filter_doc) != 1 or "_id" not in filter_doc:
        return _NO_DIRECT_KEY
    value = filter_doc["_id"]
    if isinstance(value, bool):
        return _NO_DIRECT_KEY   # True == 1 in Python, not in MongoDB
    if isinstance(value, (str, int, bson.ObjectId, bson.Binary)):
        return value
    return _NO_DIRECT_KEY


_original_iter_documents = mongomock_collection.Collection._iter_documents


def _iter_documents_with_id_lookup(self, filter_doc):
    key = _direct_id_key(filter_doc)
    if key is _NO_DIRECT_KEY:
        return _original_iter_documents(self, filter_doc)
    try:
        document = self._store[key]   # expires TTL documents first
    except KeyError:
        return iter(())
    return iter([document])


def _inc_updater_typed(doc, field_name, value):
    """$inc with MongoDB's typing: numeric only, int64 stays int64."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise CommandError(14, "Cannot increment with non-numeric argument: {%s: %r}"
                           % (field_name, value))
    if isinstance(doc, dict):
        current = doc.get(field_name, 0)
    else:
        try:
            current = doc[int(field_name)]
        except (IndexError, ValueError):
            current = 0
    if current is None or isinstance(current, bool) or not isinstance(current, (int, float)):
        raise CommandError(14, "Cannot apply $inc to a value of non-numeric type. "
                               "{%s: %r} has the field of non-numeric type" % (field_name, current))
    result = current + value
    if isinstance(result, int) and (isinstance(current, Int64) or isinstance(value, Int64)):
        result = Int64(result)
    if isinstance(doc, dict):
        doc[field_name] = result
    else:
        mongomock_collection._inc_updater(doc, field_name, 0)  # pads the list as before
        doc[int(field_name)] = result


mongomock_collection.Collection._iter_documents = _iter_documents_with_id_lookup
mongomock_collection._updaters["$inc"] = _inc_updater_typed

# Decode BSON binary UUIDs as Binary so that subtype 3 and 4 round-trip unchanged.
try:
    from bson.binary import UuidRepresentation
    mockupdb.CODEC_OPTIONS = CodecOptions(document_class=collections.OrderedDict,
                                          uuid_representation=UuidRepresentation.UNSPECIFIED)
except (ImportError, AttributeError):  # pymongo < 3.11 has no UNSPECIFIED
    pass


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def log(message):
    sys.stderr.write("%s mongo_test_server: %s\n" % (
        datetime.datetime.now().strftime("%H:%M:%S.%f")[:-3], message))
    sys.stderr.flush()


def id_first(document):
    """MongoDB always stores and returns `_id` as the first field."""
    if not isinstance(document, dict) or "_id" not in document:
        return document
    if next(iter(document)) == "_id":
        return document
    ordered = collections.OrderedDict([("_id", document["_id"])])
    for key, value in document.items():
        if key != "_id":
            ordered[key] = value
    return ordered


def as_int(value, field, default=0):
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CommandError(14, "'%s' must be a number" % field)
    return int(value)


def sort_list(sort_spec, field="sort"):
    if not sort_spec:
        return None
    if not isinstance(sort_spec, dict):
        raise CommandError(14, "'%s' must be a document" % field)
    result = []
    for key, direction in sort_spec.items():
        if isinstance(direction, dict):
            raise not_supported("sort by %r" % (direction,))
        result.append((key, -1 if direction in (-1, -1.0) else 1))
    return result


def projection_or_none(projection):
    # pymongo 3 semantics in mongomock turn {} into "_id only"; MongoDB means "everything".
    if not projection:
        return None
    if not isinstance(projection, dict):
        raise CommandError(14, "'projection' must be a document")
    return dict(projection)


def mark_created(coll):
    """Keep a collection after its last document is deleted, as MongoDB does.

    mongomock forgets a collection that has no documents and no indexes.
    """
    coll._store.create()


def refuse_collation(doc, where):
    if doc.get("collation"):
        raise not_supported("collation (%s)" % where)


def key_pattern_text(key_values):
    return "{ " + ", ".join("%s: %s" % (k, _shell_repr(v)) for k, v in key_values.items()) + " }"


def _shell_repr(value):
    if isinstance(value, str):
        return '"%s"' % value
    if isinstance(value, bson.ObjectId):
        return 'ObjectId(\'%s\')' % value
    return repr(value)


# ---------------------------------------------------------------------------
# Cursors
# ---------------------------------------------------------------------------

class Cursor(object):
    def __init__(self, namespace, documents):
        self.namespace = namespace
        self.documents = documents
        self.position = 0
        self.last_used = time.monotonic()


def take_batch(documents, start, limit):
    """Documents [start, ...): at most `limit` (None: no count limit), within the byte budget."""
    batch = []
    used = 0
    index = start
    while index < len(documents):
        if limit is not None and len(batch) >= limit:
            break
        size = len(bson.BSON.encode(documents[index]))
        if batch and used + size > BATCH_BYTE_BUDGET:
            break
        batch.append(documents[index])
        used += size
        index += 1
    return batch, index


def batch_size_option(value, default):
    """A batchSize option: None -> default; 0 stays 0 (empty first batch)."""
    if value is None:
        return default
    size = as_int(value, "batchSize")
    if size < 0:
        raise CommandError(2, "batchSize must be non-negative")
    return size


# ---------------------------------------------------------------------------
# The command handler
# ---------------------------------------------------------------------------

class CommandHandler(object):
    """Runs one command document against mongomock. Thread-safe (one lock)."""

    def __init__(self):
        self.client = mongomock.MongoClient()
        self.lock = threading.RLock()
        self.cursors = {}
        self.fail_all = False
        self.connection_ids = itertools.count(1)
        self.commands = {
            "hello": self.cmd_hello, "isMaster": self.cmd_hello, "ismaster": self.cmd_hello,
            "ping": self.cmd_ping, "buildInfo": self.cmd_build_info,
            "buildinfo": self.cmd_build_info, "endSessions": self.cmd_ping,
            "insert": self.cmd_insert, "find": self.cmd_find, "getMore": self.cmd_get_more,
            "killCursors": self.cmd_kill_cursors, "update": self.cmd_update,
            "delete": self.cmd_delete, "findAndModify": self.cmd_find_and_modify,
            "findandmodify": self.cmd_find_and_modify, "count": self.cmd_count,
            "distinct": self.cmd_distinct, "aggregate": self.cmd_aggregate,
            "createIndexes": self.cmd_create_indexes, "listIndexes": self.cmd_list_indexes,
            "dropIndexes": self.cmd_drop_indexes, "deleteIndexes": self.cmd_drop_indexes,
            "create": self.cmd_create, "listCollections": self.cmd_list_collections,
            "drop": self.cmd_drop, "dropDatabase": self.cmd_drop_database,
            "listDatabases": self.cmd_list_databases,
            "startTransaction": self.cmd_transaction, "commitTransaction": self.cmd_transaction,
            "abortTransaction": self.cmd_transaction,
        }

    # -- dispatch ---------------------------------------------------------

    def run(self, db_name, command):
        """Return the reply document for one command (never raises)."""
        try:
            name = next(iter(command), None)
            if name is None:
                raise CommandError(59, "no such command: ''")
            if "txnNumber" in command or "startTransaction" in command or "autocommit" in command:
                raise CommandError(20, TRANSACTION_MESSAGE)
            handler = self.commands.get(name)
            if handler is None:
                raise CommandError(59, "no such command: '%s'" % name)
            with self.lock:
                self._expire_idle_cursors()
                reply = handler(db_name, command)
            reply.setdefault("ok", 1.0)
            return reply
        except CommandError as error:
            return self.error_reply(error.code, error.message)
        except Exception as error:  # mongomock / bson failures
            code, message = self.translate(error)
            if code == 1:
                log("internal error on %r:\n%s" % (command, traceback.format_exc()))
            return self.error_reply(code, message)

    @staticmethod
    def error_reply(code, message):
        return collections.OrderedDict([
            ("ok", 0.0), ("errmsg", message), ("code", code),
            ("codeName", CODE_NAMES.get(code, "Error"))])

    @staticmethod
    def translate(error):
        """(code, message) for an exception raised by mongomock or bson."""
        if isinstance(error, mongomock.DuplicateKeyError):
            return 11000, "E11000 duplicate key error: %s" % error
        if isinstance(error, mongomock.OperationFailure):
            return (error.code or 2), str(error)
        if isinstance(error, NotImplementedError):
            return 115, "mongo_test_server (mongomock) does not support this: %s" % error
        if isinstance(error, mongomock.InvalidName):
            return 73, str(error)
        if isinstance(error, (bson.errors.InvalidDocument, ValueError)):
            return 2, "%s: %s" % (type(error).__name__, error)
        return 1, "mongo_test_server (mongomock) failed on this command: %s: %s" % (
            type(error).__name__, error)

    def hello_reply(self, command_name):
        reply = collections.OrderedDict()
        if command_name == "hello":
            reply["isWritablePrimary"] = True
        else:
            reply["ismaster"] = True
        reply.update([
            ("helloOk", True),
            ("maxBsonObjectSize", MAX_BSON_OBJECT_SIZE),
            ("maxMessageSizeBytes", MAX_MESSAGE_SIZE),
            ("maxWriteBatchSize", MAX_WRITE_BATCH_SIZE),
            ("localTime", datetime.datetime.utcnow()),
            ("logicalSessionTimeoutMinutes", SESSION_TIMEOUT_MINUTES),
            ("connectionId", next(self.connection_ids)),
            ("minWireVersion", 0),
            ("maxWireVersion", MAX_WIRE_VERSION),
            ("readOnly", False),
            ("ok", 1.0),
        ])
        return reply

    def _collection(self, db_name, command, name_field=None):
        name = command[name_field or next(iter(command))]
        if not isinstance(name, str) or not name:
            raise CommandError(73, "collection name has invalid type %s" % type(name).__name__)
        return self.client[db_name][name]

    def _collection_exists(self, db_name, name):
        return name in self.client[db_name].list_collection_names()

    def _open_cursor(self, namespace, documents, batch_size, single_batch=False):
        """A {cursor: {firstBatch, id, ns}} reply; keeps the rest for getMore."""
        batch, next_index = take_batch(documents, 0, batch_size)
        cursor_id = 0
        if next_index < len(documents) and not single_batch:
            cursor_id = random.getrandbits(62) + 1
            cursor = Cursor(namespace, documents)
            cursor.position = next_index
            self.cursors[cursor_id] = cursor
        return collections.OrderedDict([("cursor", collections.OrderedDict([
            ("firstBatch", batch), ("id", Int64(cursor_id)), ("ns", namespace)])), ("ok", 1.0)])

    def _expire_idle_cursors(self):
        now = time.monotonic()
        for cursor_id in [c for c, cur in self.cursors.items()
                          if now - cur.last_used > CURSOR_IDLE_SECONDS]:
            del self.cursors[cursor_id]

    # -- handshake and admin ---------------------------------------------

    def cmd_hello(self, db_name, command):
        return self.hello_reply(next(iter(command)))

    def cmd_ping(self, db_name, command):
        return collections.OrderedDict(ok=1.0)

    def cmd_build_info(self, db_name, command):
        return collections.OrderedDict([
            ("version", SERVER_VERSION),
            ("versionArray", [int(p) for p in SERVER_VERSION.split(".")] + [0]),
            ("gitVersion", "mongo_test_server"), ("modules", []), ("bits", 64),
            ("debug", False), ("maxBsonObjectSize", MAX_BSON_OBJECT_SIZE),
            ("storageEngines", ["mongomock"]), ("javascriptEngine", "none"), ("ok", 1.0)])

    def cmd_transaction(self, db_name, command):
        raise CommandError(20, TRANSACTION_MESSAGE)

    # -- writes -----------------------------------------------------------

    def cmd_insert(self, db_name, command):
        coll = self._collection(db_name, command)
        documents = command.get("documents") or []
        ordered = command.get("ordered", True)
        inserted = 0
        write_errors = []
        for index, document in enumerate(documents):
            try:
                coll.insert_one(id_first(collections.OrderedDict(document)))
                mark_created(coll)
                inserted += 1
            except Exception as error:  # per-document failure
                write_errors.append(self._write_error(coll, index, error, document))
                if ordered:
                    break
        reply = collections.OrderedDict([("n", inserted)])
        if write_errors:
            reply["writeErrors"] = write_errors
        return reply

    def _write_error(self, coll, index, error, document=None):
        if isinstance(error, CommandError):
            code, message = error.code, error.message
        else:
            code, message = self.translate(error)
        entry = collections.OrderedDict([("index", index), ("code", code)])
        if code == 11000:
            pattern, values, index_name = self._duplicate_key(coll, document)
            namespace = "%s.%s" % (coll.database.name, coll.name)
            if index_name:
                message = ("E11000 duplicate key error collection: %s index: %s dup key: %s"
                           % (namespace, index_name, key_pattern_text(values)))
                entry["keyPattern"] = pattern
                entry["keyValue"] = values
            else:
                message = "E11000 duplicate key error collection: %s" % namespace
        entry["errmsg"] = message
        return entry

    def _duplicate_key(self, coll, document):
        """(keyPattern, keyValue, index name) of the unique index `document` violates."""
        if not isinstance(document, dict):
            return None, None, None
        if "_id" in document and coll.find_one({"_id": document["_id"]}, {"_id": 1}):
            return {"_id": 1}, {"_id": document["_id"]}, "_id_"
        for info in coll.list_indexes():
            if not info.get("unique") or info["name"] == "_id_":
                continue
            values = collections.OrderedDict()
            for field in info["key"]:
                try:
                    values[field] = mongomock_helpers.get_value_by_dot(document, field)
                except KeyError:
                    values[field] = None
            if coll.find_one(dict(values)) is not None:
                return collections.OrderedDict(info["key"]), values, info["name"]
        return None, None, None

    @staticmethod
    def _check_update_spec(update, multi):
        if isinstance(update, list):
            raise not_supported("pipeline-style updates")
        if not isinstance(update, dict):
            raise CommandError(9, "Update argument must be either an object or an array")
        operators = [k for k in update if k.startswith("$")]
        if operators and len(operators) != len(update):
            raise CommandError(9, "Unknown modifier / mixed update and replacement fields: %s"
                               % list(update))
        for operator in operators:
            if operator in UNSUPPORTED_UPDATE_OPERATORS:
                raise not_supported("the %s update operator" % operator)
            if operator not in SUPPORTED_UPDATE_OPERATORS:
                raise CommandError(9, "Unknown modifier: %s. Expected a valid update modifier "
                                      "or pipeline-style update specified as an array" % operator)
        if multi and not operators:
            raise CommandError(9, "multi update is not supported for replacement-style update")

    def cmd_update(self, db_name, command):
        coll = self._collection(db_name, command)
        statements = command.get("updates") or []
        for statement in statements:
            refuse_collation(statement, "update")
            if statement.get("arrayFilters"):
                raise not_supported("arrayFilters")
            if statement.get("c") or command.get("let"):
                raise not_supported("let variables")
            self._check_update_spec(statement.get("u"), statement.get("multi", False))
        ordered = command.get("ordered", True)
        matched = modified = 0
        upserted = []
        write_errors = []
        for index, statement in enumerate(statements):
            update = statement["u"]
            if update and not next(iter(update)).startswith("$"):
                update = id_first(collections.OrderedDict(update))
            try:
                result = coll._update(statement.get("q") or {}, update,
                                      upsert=bool(statement.get("upsert", False)),
                                      multi=bool(statement.get("multi", False)))
            except Exception as error:
                write_errors.append(self._write_error(coll, index, error))
                if ordered:
                    break
                continue
            if result.get("upserted") is not None:
                mark_created(coll)
                upserted.append(collections.OrderedDict([("index", index),
                                                         ("_id", result["upserted"])]))
                matched += 1
            else:
                matched += result["n"]
                modified += result["nModified"]
        reply = collections.OrderedDict([("n", matched), ("nModified", modified)])
        if upserted:
            reply["upserted"] = upserted
        if write_errors:
            reply["writeErrors"] = write_errors
        return reply

    def cmd_delete(self, db_name, command):
        coll = self._collection(db_name, command)
        statements = command.get("deletes") or []
        for statement in statements:
            refuse_collation(statement, "delete")
        ordered = command.get("ordered", True)
        deleted = 0
        write_errors = []
        for index, statement in enumerate(statements):
            try:
                query = statement.get("q") or {}
                if statement.get("limit", 0):
                    deleted += coll.delete_one(query).deleted_count
                else:
                    deleted += coll.delete_many(query).deleted_count
            except Exception as error:
                write_errors.append(self._write_error(coll, index, error))
                if ordered:
                    break
        reply = collections.OrderedDict([("n", deleted)])
        if write_errors:
            reply["writeErrors"] = write_errors
        return reply

    def cmd_find_and_modify(self, db_name, command):
        coll = self._collection(db_name, command)
        refuse_collation(command, "findAndModify")
        if command.get("arrayFilters"):
            raise not_supported("arrayFilters")
        if command.get("let"):
            raise not_supported("let variables")
        query = command.get("query") or {}
        sort = sort_list(command.get("sort"))
        fields = projection_or_none(command.get("fields"))
        remove = bool(command.get("remove", False))
        update = command.get("update")
        return_new = bool(command.get("new", False))
        upsert = bool(command.get("upsert", False))
        if remove and (update is not None or return_new or upsert):
            raise CommandError(9, "Cannot specify remove together with update, new or upsert")
        if not remove and update is None:
            raise CommandError(9, "Either an update or remove=true must be specified")
        if update is not None:
            self._check_update_spec(update, False)
            if update and not next(iter(update)).startswith("$"):
                update = id_first(collections.OrderedDict(update))

        old = coll.find_one(query, projection=fields, sort=sort)
        if old is not None and "_id" not in old:   # fields excluded _id: look it up again
            old_id = coll.find_one(query, projection={"_id": 1}, sort=sort)["_id"]
        else:
            old_id = old["_id"] if old is not None else None
        last_error = collections.OrderedDict([("n", 0)])
        value = None
        if remove:
            if old is not None:
                coll.delete_one({"_id": old_id})
                last_error["n"] = 1
                value = old
        elif old is not None:
            coll._update({"_id": old_id}, update)
            last_error["n"] = 1
            last_error["updatedExisting"] = True
            value = coll.find_one({"_id": old_id}, projection=fields) if return_new else old
        elif upsert:
            result = coll._update(query, update, upsert=True)
            mark_created(coll)
            new_id = result["upserted"]
            last_error["n"] = 1
            last_error["updatedExisting"] = False
            last_error["upserted"] = new_id
            if return_new:
                value = coll.find_one({"_id": new_id}, projection=fields)
        else:
            last_error["updatedExisting"] = False
        return collections.OrderedDict([
            ("lastErrorObject", last_error),
            ("value", id_first(value) if value is not None else None), ("ok", 1.0)])

    # -- reads ------------------------------------------------------------

    def cmd_find(self, db_name, command):
        coll = self._collection(db_name, command)
        refuse_collation(command, "find")
        for option in ("tailable", "awaitData", "min", "max", "returnKey", "showRecordId"):
            if command.get(option):
                raise not_supported("the find option '%s'" % option)
        if command.get("let"):
            raise not_supported("let variables")
        limit = as_int(command.get("limit"), "limit")
        skip = as_int(command.get("skip"), "skip")
        batch_size = command.get("batchSize")
        single_batch = bool(command.get("singleBatch", False))
        if limit < 0:
            limit, single_batch = -limit, True
        documents = [id_first(doc) for doc in coll.find(
            command.get("filter") or {},
            projection=projection_or_none(command.get("projection")),
            sort=sort_list(command.get("sort")), skip=skip, limit=limit)]
        batch_size = batch_size_option(batch_size, DEFAULT_BATCH_SIZE)
        if single_batch:
            batch_size = None if batch_size == 0 else batch_size
        return self._open_cursor("%s.%s" % (db_name, coll.name), documents, batch_size,
                                 single_batch)

    def cmd_get_more(self, db_name, command):
        cursor_id = command.get("getMore")
        cursor = self.cursors.get(cursor_id)
        if cursor is None:
            raise CommandError(43, "cursor id %s not found" % cursor_id)
        batch_size = batch_size_option(command.get("batchSize"), 0) or None
        batch, cursor.position = take_batch(cursor.documents, cursor.position, batch_size)
        cursor.last_used = time.monotonic()
        next_id = cursor_id
        if cursor.position >= len(cursor.documents):
            del self.cursors[cursor_id]
            next_id = 0
        return collections.OrderedDict([("cursor", collections.OrderedDict([
            ("nextBatch", batch), ("id", Int64(next_id)), ("ns", cursor.namespace)])),
            ("ok", 1.0)])

    def cmd_kill_cursors(self, db_name, command):
        killed, not_found = [], []
        for cursor_id in command.get("cursors") or []:
            if self.cursors.pop(cursor_id, None) is not None:
                killed.append(Int64(cursor_id))
            else:
                not_found.append(Int64(cursor_id))
        return collections.OrderedDict([
            ("cursorsKilled", killed), ("cursorsNotFound", not_found),
            ("cursorsAlive", []), ("cursorsUnknown", []), ("ok", 1.0)])

    def cmd_count(self, db_name, command):
        coll = self._collection(db_name, command)
        refuse_collation(command, "count")
        options = {}
        skip = as_int(command.get("skip"), "skip")
        limit = abs(as_int(command.get("limit"), "limit"))
        if skip:
            options["skip"] = skip
        if limit:
            options["limit"] = limit
        n = coll.count_documents(command.get("query") or {}, **options)
        return collections.OrderedDict([("n", n), ("ok", 1.0)])

    def cmd_distinct(self, db_name, command):
        coll = self._collection(db_name, command)
        refuse_collation(command, "distinct")
        key = command.get("key")
        if not isinstance(key, str):
            raise CommandError(14, "'key' must be a string")
        values = coll.distinct(key, command.get("query") or {})
        return collections.OrderedDict([("values", values), ("ok", 1.0)])

    def cmd_aggregate(self, db_name, command):
        target = command["aggregate"]
        if not isinstance(target, str):
            raise not_supported("database-level aggregate (aggregate: 1)")
        refuse_collation(command, "aggregate")
        if command.get("explain"):
            raise not_supported("explain")
        if command.get("let"):
            raise not_supported("let variables")
        pipeline = command.get("pipeline")
        if not isinstance(pipeline, list):
            raise CommandError(14, "'pipeline' must be an array")
        for stage in pipeline:
            if not isinstance(stage, dict) or len(stage) != 1:
                raise CommandError(40323, "A pipeline stage specification object must "
                                          "contain exactly one field.")
        coll = self._collection(db_name, command)
        documents = [id_first(doc) for doc in self._aggregate(coll, pipeline)]
        cursor_options = command.get("cursor")
        if not isinstance(cursor_options, dict):
            raise CommandError(9, "The 'cursor' option is required, except for aggregate "
                                  "with the explain argument")
        batch_size = batch_size_option(cursor_options.get("batchSize"), DEFAULT_BATCH_SIZE)
        return self._open_cursor("%s.%s" % (db_name, target), documents, batch_size)

    @staticmethod
    def _aggregate(coll, pipeline):
        """mongomock's aggregate, but a leading $match runs as a find.

        mongomock copies the whole collection before the first stage; a find
        uses the `_id` lookup and copies only what matches (count_documents
        sends [{$match}, {$group}] for every count).
        """
        if pipeline and "$match" in pipeline[0]:
            documents = list(coll.find(pipeline[0]["$match"]))
            return mongomock_aggregate.process_pipeline(documents, coll.database,
                                                        pipeline[1:], None)
        return coll.aggregate(pipeline)

    # -- indexes ----------------------------------------------------------

    def cmd_create_indexes(self, db_name, command):
        coll = self._collection(db_name, command)
        specs = command.get("indexes")
        if not isinstance(specs, list) or not specs:
            raise CommandError(2, "Must specify at least one index to create")
        existed = self._collection_exists(db_name, coll.name)
        before = len(list(coll.list_indexes())) if existed else 1
        existing = {info["name"]: info for info in coll.list_indexes()} if existed else {}
        plans = []
        for spec in specs:
            key = spec.get("key")
            name = spec.get("name")
            if not isinstance(key, dict) or not key:
                raise CommandError(2, "index spec needs a non-empty 'key' document")
            if not isinstance(name, str) or not name:
                raise CommandError(9, "index spec needs a 'name' string")
            refuse_collation(spec, "index option")
            for field, kind in key.items():
                if isinstance(kind, str) or isinstance(kind, bool):
                    raise not_supported("%r indexes (field %s)" % (kind, field))
            for option in ("weights", "2dsphereIndexVersion", "wildcardProjection", "hidden"):
                if option in spec:
                    raise not_supported("the index option '%s'" % option)
            key_list = [(field, int(kind)) for field, kind in key.items()]
            for other_name, info in existing.items():
                if list(info["key"].items()) == key_list and other_name != name:
                    raise CommandError(85, "Index already exists with a different name: %s"
                                       % other_name)
            plans.append((key_list, name, spec))
        mark_created(coll)
        for key_list, name, spec in plans:
            if name == "_id_":
                continue
            options = {"name": name}
            for option in ("unique", "sparse", "expireAfterSeconds", "partialFilterExpression"):
                if spec.get(option) is not None:
                    options[option] = spec[option]
            try:
                coll.create_index(key_list, **options)
            except mongomock.DuplicateKeyError as error:
                raise CommandError(11000, "Index build failed: E11000 duplicate key error "
                                          "collection: %s.%s index: %s (%s)"
                                   % (db_name, coll.name, name, error))
            except mongomock.OperationFailure as error:
                raise CommandError(85, str(error))
        after = len(list(coll.list_indexes()))
        reply = collections.OrderedDict([
            ("createdCollectionAutomatically", not existed),
            ("numIndexesBefore", before), ("numIndexesAfter", after)])
        if after == before:
            reply["note"] = "all indexes already exist"
        return reply

    def cmd_list_indexes(self, db_name, command):
        coll = self._collection(db_name, command)
        if not self._collection_exists(db_name, coll.name):
            raise CommandError(26, "ns does not exist: %s.%s" % (db_name, coll.name))
        documents = []
        for info in coll.list_indexes():
            entry = collections.OrderedDict([("v", 2), ("key", SON(info["key"])),
                                             ("name", info["name"])])
            for option in ("unique", "sparse", "expireAfterSeconds", "partialFilterExpression"):
                if option in info:
                    entry[option] = info[option]
            documents.append(entry)
        batch = (command.get("cursor") or {}).get("batchSize")
        return self._open_cursor("%s.%s" % (db_name, coll.name), documents,
                                 batch_size_option(batch, DEFAULT_BATCH_SIZE))

    def cmd_drop_indexes(self, db_name, command):
        coll = self._collection(db_name, command)
        if not self._collection_exists(db_name, coll.name):
            raise CommandError(26, "ns not found %s.%s" % (db_name, coll.name))
        infos = list(coll.list_indexes())
        target = command.get("index")
        names = []
        if target == "*":
            names = [info["name"] for info in infos if info["name"] != "_id_"]
        elif isinstance(target, str):
            names = [target]
        elif isinstance(target, list):
            names = list(target)
        elif isinstance(target, dict):
            wanted = [(k, int(v)) for k, v in target.items()]
            names = [info["name"] for info in infos if list(info["key"].items()) == wanted]
            if not names:
                raise CommandError(27, "can't find index with key: %s" % dict(target))
        else:
            raise CommandError(14, "'index' must be a string, a document or an array")
        known = {info["name"] for info in infos}
        for name in names:
            if name == "_id_":
                raise CommandError(72, "cannot drop _id index")
            if name not in known:
                raise CommandError(27, "index not found with name [%s]" % name)
        for name in names:
            coll.drop_index(name)
        return collections.OrderedDict([("nIndexesWas", len(infos)), ("ok", 1.0)])

    # -- catalog ----------------------------------------------------------

    def cmd_create(self, db_name, command):
        name = command["create"]
        refuse_collation(command, "create")
        for option in ("capped", "validator", "viewOn", "pipeline", "timeseries",
                       "clusteredIndex", "expireAfterSeconds", "changeStreamPreAndPostImages",
                       "validationLevel", "validationAction"):
            if command.get(option):
                raise not_supported("collection option '%s'" % option)
        if self._collection_exists(db_name, name):
            raise CommandError(48, "Collection %s.%s already exists." % (db_name, name))
        self.client[db_name].create_collection(name)
        return collections.OrderedDict(ok=1.0)

    def cmd_list_collections(self, db_name, command):
        database = self.client[db_name]
        entries = []
        for name in sorted(database.list_collection_names()):
            entries.append(collections.OrderedDict([
                ("name", name), ("type", "collection"), ("options", {}),
                ("info", collections.OrderedDict([("readOnly", False)])),
                ("idIndex", collections.OrderedDict([
                    ("v", 2), ("key", {"_id": 1}), ("name", "_id_")]))]))
        query = command.get("filter") or {}
        if query:
            entries = [e for e in entries if mongomock_filtering.filter_applies(query, e)]
        if command.get("nameOnly"):
            entries = [collections.OrderedDict([("name", e["name"]), ("type", e["type"])])
                       for e in entries]
        batch = (command.get("cursor") or {}).get("batchSize")
        return self._open_cursor("%s.$cmd.listCollections" % db_name, entries,
                                 batch_size_option(batch, DEFAULT_BATCH_SIZE))

    def cmd_drop(self, db_name, command):
        coll = self._collection(db_name, command)
        if not self._collection_exists(db_name, coll.name):
            raise CommandError(26, "ns not found")
        indexes = len(list(coll.list_indexes()))
        coll.drop()
        return collections.OrderedDict([("nIndexesWas", indexes),
                                        ("ns", "%s.%s" % (db_name, coll.name)), ("ok", 1.0)])

    def cmd_drop_database(self, db_name, command):
        self.client.drop_database(db_name)
        return collections.OrderedDict([("dropped", db_name), ("ok", 1.0)])

    def cmd_list_databases(self, db_name, command):
        names = sorted(self.client.list_database_names())
        databases = [collections.OrderedDict([("name", n), ("sizeOnDisk", 0), ("empty", False)])
                     for n in names]
        query = command.get("filter") or {}
        if query:
            databases = [d for d in databases if mongomock_filtering.filter_applies(query, d)]
        if command.get("nameOnly"):
            databases = [collections.OrderedDict([("name", d["name"])]) for d in databases]
        return collections.OrderedDict([("databases", databases), ("totalSize", 0),
                                        ("totalSizeMb", 0), ("ok", 1.0)])


# ---------------------------------------------------------------------------
# The wire server: mockupdb's listener and parsers, our connection loop
# ---------------------------------------------------------------------------

HANDSHAKE_COMMANDS = {"hello", "isMaster", "ismaster"}


class TestServer(mockupdb.MockupDB):
    """mockupdb server whose connection loop hands every request to CommandHandler.

    mockupdb's own loop holds one global lock while it formats a repr of every
    request and reply (slow) and lets decode errors kill the connection thread
    without closing the socket; this loop does neither.
    """

    def __init__(self, port, verbose):
        super().__init__(port=port, request_timeout=int(1e6))
        self._address = ("127.0.0.1", port)   # mockupdb binds "localhost" otherwise
        self.handler = CommandHandler()
        self.trace = verbose

    def _server_loop(self, client, client_addr):
        peer = "%s:%d" % client_addr
        try:
            while not self._stopped:
                try:
                    request = mockupdb.mock_server_receive_request(client, self)
                except (OSError, EOFError):
                    break
                except Exception as error:  # undecodable message: drop the connection
                    log("%s: cannot decode a message (%s: %s); closing"
                        % (peer, type(error).__name__, error))
                    break
                if not self._serve(request, peer):
                    break
        finally:
            try:
                client.close()
            except OSError:
                pass

    def _serve(self, request, peer):
        """Answer one request; False when the connection must be closed."""
        if not isinstance(request, (mockupdb.OpMsg, mockupdb.Command)):
            log("%s: legacy opcode %s is not supported; closing" % (peer, request.opcode))
            return False
        command = request.doc
        if isinstance(request, mockupdb.Command) and "$query" in command:
            command = command["$query"]
        name = next(iter(command), "")
        db_name = request.namespace
        more_to_come = bool(isinstance(request, mockupdb.OpMsg)
                            and request.flags & mockupdb.OP_MSG_FLAGS["moreToCome"])

        if name == "testFailAll":
            with self.handler.lock:
                was = self.handler.fail_all
                self.handler.fail_all = bool(command[name])
            log("testFailAll: %s -> %s" % (was, self.handler.fail_all))
            reply = collections.OrderedDict([("ok", 1.0), ("failAll", self.handler.fail_all),
                                             ("was", was)])
        elif self.handler.fail_all and name not in HANDSHAKE_COMMANDS:
            if self.trace:
                log("%s: %s -> (failAll) closing connection" % (peer, name))
            return False
        else:
            reply = self.handler.run(db_name, command)

        if self.trace or reply.get("ok") != 1.0:
            log("%s: %s.%s -> %s%s" % (
                peer, db_name, name,
                "ok" if reply.get("ok") == 1.0 else "error %s %s" % (reply.get("code"),
                                                                      reply.get("errmsg")),
                " (w:0, no reply)" if more_to_come else ""))
        if more_to_come:
            return True
        if isinstance(request, mockupdb.OpMsg):
            data = mockupdb.OpMsgReply(reply).reply_bytes(request)
        else:
            data = mockupdb.OpReply(reply).reply_bytes(request)
        try:
            request._client.sendall(data)
        except OSError:
            return False
        return True


def write_port_file(path, port):
    temporary = "%s.%d.tmp" % (path, os.getpid())
    with open(temporary, "w") as handle:
        handle.write("%d\n" % port)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: any)")
    parser.add_argument("--port-file", help="write the bound port here once listening")
    parser.add_argument("--verbose", action="store_true", help="log every command")
    args = parser.parse_args()

    stop = threading.Event()
    # The parent's signal mask is inherited: a server started from a Swift test
    # (Foundation's Process) arrives with SIGTERM and SIGINT blocked, and would
    # never see them. Unblock them before any thread starts.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    server = TestServer(args.port, args.verbose)
    port = server.run()
    if args.port_file:
        write_port_file(args.port_file, port)
    log("listening on 127.0.0.1:%d (pid %d, mockupdb %s, mongomock %s, pymongo %s)" % (
        port, os.getpid(), mockupdb.__version__, mongomock.__version__, pymongo.version))
    while not stop.wait(3600):
        pass
    log("stopping")
    server.stop()
    if args.port_file:
        try:
            with open(args.port_file) as handle:
                if handle.read().strip() == str(port):
                    os.remove(args.port_file)
        except OSError:
            pass
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
