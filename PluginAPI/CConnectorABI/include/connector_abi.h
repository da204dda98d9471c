/*
 * connector_abi.h: the Unified Connector Host plugin ABI, version 1.0.
 *
 * This header is the whole contract between the host and a connector plugin.
 * A plugin is a shared object (.so) that exports exactly one symbol,
 * `ucp_plugin_register` (see "Entry point"). Everything else is exchanged
 * through two tables of function pointers: the host hands the plugin a
 * `ucp_type_host_api` (what the host offers), and the plugin answers with a
 * `ucp_type_registration` (who it is and what it implements). Plugins never
 * link host symbols, and only C types and byte buffers cross the boundary, so
 * a plugin may be written in C, Rust, Swift or anything that speaks the C ABI.
 *
 * ---------------------------------------------------------------------------
 * Naming
 *   ucp_type_*      data types and opaque handles
 *   ucp_on_*        hooks the PLUGIN implements and the host calls
 *   ucp_callback_*  functions the HOST implements and the plugin calls
 *   UCP_*           constants
 *
 * Ownership and lifetime
 *   Every pointer documents OWNERSHIP (who frees it) and LIFETIME (how long it
 *   stays valid). The default, when a parameter says nothing else, is:
 *   OWNERSHIP: the caller. LIFETIME: borrowed until the function returns; copy
 *   what you need to keep. Strings are UTF-8 and NUL-terminated unless they
 *   are a `ucp_type_bytes`, which carries its own length and no terminator.
 *
 * Compatibility (semantic versioning of this ABI)
 *   - A minor version only adds: new fields at the END of a struct, new
 *     operations, new JSON members. Every struct that may grow starts with
 *     `struct_size`; a reader must never touch a field that lies beyond the
 *     writer's `struct_size`. Fields added after 1.0 are marked `ABI 1.N+`.
 *   - The host passes the range of versions it speaks; the plugin answers with
 *     the version it will speak, which must have the host's major version and
 *     a minor version no newer than the host's. A plugin built against a newer
 *     minor version should answer with the host's minor version and avoid the
 *     newer fields (the Swift SDK does this for you).
 *   - A major version change means the host refuses the plugin; the refusal
 *     names the field that differs ("abi.major: host speaks 1, plugin 2").
 *   - Swift has no stable ABI on Linux between compiler versions: a plugin
 *     that uses the Swift runtime shared with the host must have been built by
 *     the same compiler (`toolchain` below). A Swift plugin linked with
 *     `-static-stdlib` carries its own runtime and sets UCP_BUILD_STATIC_RUNTIME.
 *
 * Threading
 *   - `invoke` and `cancel` may be called concurrently from any host thread.
 *     They must not block: start the work and return; report the result later
 *     (or before returning) with `complete`.
 *   - Host callbacks may be called from any thread, at any time between a
 *     successful `ucp_plugin_register` and the return of `shutdown`.
 *   - Completion hooks given to the host (`ucp_on_http_response`,
 *     `ucp_on_credentials_saved`) run on a host I/O thread: return quickly,
 *     never block and never wait for another host callback there.
 *   - `shutdown` is called once, after every call has been completed. It runs
 *     on a thread of the host's own, so it may block briefly (to drain work).
 *     After it returns the plugin must not call the host again.
 *
 * Loading
 *   The host copies each file to a private path and opens the copy with
 *   dlopen(RTLD_NOW | RTLD_LOCAL); images that use a shared Swift runtime are
 *   never unmapped. Link plugins with -Bsymbolic (or hidden visibility) so that
 *   their own C symbols never bind to same-named symbols of the host. Deploy a
 *   new version by writing a temporary file and rename()-ing it into the
 *   plugins directory: in-flight calls finish on the old version, new calls go
 *   to the new one.
 */
#ifndef UCP_CONNECTOR_ABI_H
#define UCP_CONNECTOR_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ========================================================================== */
/* Constants                                                                  */
/* ========================================================================== */

/** The ABI version this header describes. */
#define UCP_ABI_VERSION_MAJOR 1
#define UCP_ABI_VERSION_MINOR 0

/** The one symbol a plugin exports; its type is `ucp_on_register`. */
#define UCP_ENTRY_SYMBOL "ucp_plugin_register"

/** Marks the entry point as exported when the rest of the plugin is hidden. */
#define UCP_EXPORT __attribute__((visibility("default")))

/** Results of `ucp_plugin_register`. */
#define UCP_REGISTER_OK 0
/** The plugin refuses to load; it wrote the reason into the error buffer. */
#define UCP_REGISTER_FAILED 1

/** Outcome of a call, passed to `complete`. */
#define UCP_CALL_OK 0
/** The response is an error document (see "Error document"). */
#define UCP_CALL_FAILED 1
/** The call was cancelled; the response may be empty. */
#define UCP_CALL_CANCELLED 2

/** Log levels for `ucp_callback_log`. */
#define UCP_LOG_TRACE 0
#define UCP_LOG_DEBUG 1
#define UCP_LOG_INFO 2
#define UCP_LOG_NOTICE 3
#define UCP_LOG_WARNING 4
#define UCP_LOG_ERROR 5

/** Languages for `ucp_type_registration.language`. */
#define UCP_LANGUAGE_OTHER 0
#define UCP_LANGUAGE_C 1
#define UCP_LANGUAGE_SWIFT 2
#define UCP_LANGUAGE_RUST 3

/** Bits of `ucp_type_registration.build_flags`. */
/** The plugin carries its own language runtime (Swift: -static-stdlib). */
#define UCP_BUILD_STATIC_RUNTIME 0x1u

/** Transport outcome in `ucp_type_http_response.result`. */
/** A response arrived; `status` holds its HTTP status, whatever it is. */
#define UCP_HTTP_OK 0
/** No response within the timeout. */
#define UCP_HTTP_TIMEOUT 1
/** DNS, TCP or TLS failure before a response. */
#define UCP_HTTP_CONNECT_FAILED 2
/** The call this request belongs to was cancelled. */
#define UCP_HTTP_CANCELLED 3
/** The host refused to send it (malformed request, unknown endpoint). */
#define UCP_HTTP_REFUSED 4
/** Any other transport failure; see `error_message`. */
#define UCP_HTTP_FAILED 5

/** Results of `ucp_on_credentials_saved`. */
#define UCP_CREDENTIALS_SAVED 0
#define UCP_CREDENTIALS_NOT_SAVED 1

/* ========================================================================== */
/* Types                                                                      */
/* ========================================================================== */

/** A version of this ABI. */
typedef struct ucp_type_version {
    uint16_t major;
    uint16_t minor;
} ucp_type_version;

/**
 * A span of bytes with an explicit length (no terminator). `data` may be NULL
 * when `length` is 0. OWNERSHIP and LIFETIME are stated wherever it is used.
 */
typedef struct ucp_type_bytes {
    const uint8_t *data;
    size_t length;
} ucp_type_bytes;

/** Opaque host state. OWNERSHIP: the host. Pass it back to host callbacks. */
typedef struct ucp_type_host ucp_type_host;

/** Opaque plugin state. OWNERSHIP: the plugin. The host passes it back to hooks. */
typedef struct ucp_type_plugin ucp_type_plugin;

/**
 * One in-flight call. OWNERSHIP: the host. LIFETIME: from `invoke` until the
 * plugin calls `complete` for it (exactly once); using it afterwards is
 * undefined behaviour. The address identifies the call in `cancel`.
 */
typedef struct ucp_type_call_handle ucp_type_call_handle;

/**
 * The arguments of one call.
 * OWNERSHIP: the host. LIFETIME: until `invoke` returns; copy what outlives it.
 */
typedef struct ucp_type_call {
    uint32_t struct_size;
    /** Pass to `complete`, `log`, `http_send` and `credentials_updated`. */
    ucp_type_call_handle *handle;
    /** Operation name, e.g. "probe" (see "Operations"). */
    const char *operation;
    /** The request document, JSON (see "Request document"). */
    ucp_type_bytes request;
} ucp_type_call;

/** One HTTP header. Strings are NUL-terminated; LIFETIME: as the enclosing struct. */
typedef struct ucp_type_http_header {
    const char *name;
    const char *value;
} ucp_type_http_header;

/**
 * An outbound HTTP request that the host performs for the plugin.
 * OWNERSHIP: the plugin. LIFETIME: until `http_send` returns (the host copies it).
 */
typedef struct ucp_type_http_request {
    uint32_t struct_size;
    /** "GET", "POST", "PUT", "PATCH", "DELETE" or "HEAD". */
    const char *method;
    /**
     * An absolute http(s) URL, or an endpoint template "{name}/path?query"
     * whose `{name}` the host replaces with the base URL configured for this
     * connector under that endpoint name (manifest `endpoints`, overridable by
     * the operator). Templates let operators point a connector at a proxy or a
     * stand-in without the plugin knowing.
     */
    const char *url;
    const ucp_type_http_header *headers;
    size_t header_count;
    /** Request body; may be empty. */
    ucp_type_bytes body;
    /** Total time allowed, in milliseconds; 0 means the host default. */
    uint32_t timeout_ms;
} ucp_type_http_request;

/**
 * The answer to an outbound HTTP request.
 * OWNERSHIP: the host. LIFETIME: until `ucp_on_http_response` returns.
 * The host already honoured `Retry-After` on 429/503 up to its cap, so a 429
 * seen here means the wait would have been too long; report it as rate limited.
 */
typedef struct ucp_type_http_response {
    uint32_t struct_size;
    /** UCP_HTTP_*; `status`, `headers` and `body` are meaningful only for UCP_HTTP_OK. */
    int32_t result;
    int32_t status;
    /** Response headers, names in lower case, in the order received. */
    const ucp_type_http_header *headers;
    size_t header_count;
    ucp_type_bytes body;
    /** Why the transport failed, or NULL. Never contains credentials. */
    const char *error_message;
} ucp_type_http_response;

/* ========================================================================== */
/* Hooks the plugin implements                                                */
/* ========================================================================== */

/**
 * Start a call and return without blocking. The plugin must eventually call
 * `host->complete(host->host, call->handle, ...)` exactly once, from any
 * thread, possibly before `invoke` returns. Required.
 */
typedef void (*ucp_on_invoke)(ucp_type_plugin *plugin, const ucp_type_call *call);

/**
 * Ask the plugin to stop a call early (client gone, deadline passed). The
 * plugin still calls `complete` exactly once for it, preferably with
 * UCP_CALL_CANCELLED. `handle` may already be completed; ignore it then (the
 * host keeps the address reserved until `complete` has returned, so it is
 * never a different call). Optional: NULL means calls cannot be cancelled.
 */
typedef void (*ucp_on_cancel)(ucp_type_plugin *plugin, ucp_type_call_handle *handle);

/**
 * Release everything. Called once, after the last completion (see
 * "Threading"). The plugin must not call the host after returning. Required.
 */
typedef void (*ucp_on_shutdown)(ucp_type_plugin *plugin);

/**
 * Receives the answer to `http_send`, exactly once per request, on a host I/O
 * thread. `response` is borrowed until this returns.
 */
typedef void (*ucp_on_http_response)(void *user_data, const ucp_type_http_response *response);

/**
 * Receives the outcome of `credentials_updated`, exactly once, on a host
 * thread. `error_message` is NULL on success; borrowed until this returns.
 */
typedef void (*ucp_on_credentials_saved)(void *user_data, int32_t result, const char *error_message);

/* ========================================================================== */
/* Callbacks the host implements                                              */
/* ========================================================================== */

/**
 * Report the outcome of a call. `status` is UCP_CALL_*; `response` is the
 * response document (UCP_CALL_OK) or an error document (UCP_CALL_FAILED),
 * copied by the host before this returns. Ends the lifetime of `handle`.
 */
typedef void (*ucp_callback_complete)(ucp_type_host *host, ucp_type_call_handle *handle,
                                      int32_t status, ucp_type_bytes response);

/**
 * Write a structured log line through the host. `handle` (nullable) ties the
 * line to a call so the host adds its request id and tenant. `message` is
 * plain text; `fields_json` is empty or a JSON object of extra fields. The
 * host masks secrets by key name and by value before anything is written; the
 * plugin never sees the log sink.
 */
typedef void (*ucp_callback_log)(ucp_type_host *host, ucp_type_call_handle *handle, int32_t level,
                                 ucp_type_bytes message, ucp_type_bytes fields_json);

/**
 * Send an HTTP request through the host (libcurl: connection reuse, TLS,
 * timeouts, Retry-After with a cap, Authorization redacted from logs).
 * Returns at once; `on_response` runs exactly once with the answer, even when
 * the request is refused up front (then possibly before `http_send` returns). `handle` (nullable) ties the request to a
 * call: cancelling the call cancels the request. `user_data` is the plugin's,
 * passed back untouched.
 */
typedef void (*ucp_callback_http_send)(ucp_type_host *host, ucp_type_call_handle *handle,
                                       const ucp_type_http_request *request,
                                       ucp_on_http_response on_response, void *user_data);

/**
 * Hand refreshed or rotated credentials back to the host, which encrypts and
 * stores them for the call's connection before acknowledging through
 * `on_saved`. Use the new credentials only after UCP_CREDENTIALS_SAVED, so a
 * rotated refresh token is never lost. `credentials_json` is a credentials
 * document (see "Request document"), copied before this returns.
 */
typedef void (*ucp_callback_credentials_updated)(ucp_type_host *host, ucp_type_call_handle *handle,
                                                 ucp_type_bytes credentials_json,
                                                 ucp_on_credentials_saved on_saved, void *user_data);

/** The host's clock: nanoseconds since the Unix epoch (tests may drive it). */
typedef int64_t (*ucp_callback_clock_now)(ucp_type_host *host);

/**
 * What the host offers. OWNERSHIP: the host. LIFETIME: from
 * `ucp_plugin_register` until `shutdown` returns.
 */
typedef struct ucp_type_host_api {
    uint32_t struct_size;
    /** The oldest and newest ABI versions the host speaks. */
    ucp_type_version abi_min;
    ucp_type_version abi_max;
    /** The compiler that built the host, e.g. "swift-6.3.1". */
    const char *host_toolchain;
    /** Pass as the first argument of every callback below. */
    ucp_type_host *host;
    ucp_callback_complete complete;
    ucp_callback_log log;
    ucp_callback_http_send http_send;
    ucp_callback_credentials_updated credentials_updated;
    ucp_callback_clock_now clock_now;
} ucp_type_host_api;

/* ========================================================================== */
/* Entry point                                                                */
/* ========================================================================== */

/**
 * Who the plugin is and what it implements.
 * OWNERSHIP: the plugin. LIFETIME: until `shutdown` returns (a static or a
 * block allocated at registration both work). The host reads it once, right
 * after `ucp_plugin_register` returns, and keeps copies of the strings.
 */
typedef struct ucp_type_registration {
    uint32_t struct_size;
    /** The ABI version the plugin speaks: within the host's range. */
    ucp_type_version abi;
    /** UCP_LANGUAGE_*. */
    int32_t language;
    /** The compiler that built the plugin, e.g. "swift-6.3.1" or "gcc-12.2". */
    const char *toolchain;
    /** UCP_BUILD_* bits. */
    uint32_t build_flags;
    /** Connector id, [a-z0-9_-]{1,64}; must equal the manifest's `id`. */
    const char *plugin_id;
    /** Semantic version of the plugin; must equal the manifest's `version`. */
    const char *plugin_version;
    /** The manifest, JSON (see "Manifest"). */
    ucp_type_bytes manifest_json;
    /** Passed back to every hook. */
    ucp_type_plugin *plugin;
    ucp_on_invoke invoke;     /* required */
    ucp_on_cancel cancel;     /* optional: NULL */
    ucp_on_shutdown shutdown; /* required */
} ucp_type_registration;

/**
 * The entry point, exported as UCP_ENTRY_SYMBOL with C linkage.
 *
 * `host` (OWNERSHIP: the host; LIFETIME: until `shutdown` returns) tells the
 * plugin what the host offers. On success the plugin stores a pointer to its
 * registration in `*out_registration` and returns UCP_REGISTER_OK. On failure
 * it writes a NUL-terminated reason of at most `error_capacity` bytes into
 * `error_message` (OWNERSHIP: the host) and returns UCP_REGISTER_FAILED; the
 * host then never calls it again and never calls `shutdown`. When the entry
 * point succeeds but the host refuses the registration (an older toolchain, a
 * bad manifest), the host still calls `shutdown` if `abi.major` matched.
 * Called once per loaded copy, never concurrently with anything else.
 *
 * A C plugin defines it as:
 *   UCP_EXPORT int32_t ucp_plugin_register(const ucp_type_host_api *host,
 *       const ucp_type_registration **out_registration,
 *       char *error_message, size_t error_capacity);
 */
typedef int32_t (*ucp_on_register)(const ucp_type_host_api *host,
                                   const ucp_type_registration **out_registration,
                                   char *error_message, size_t error_capacity);

/* ========================================================================== */
/* JSON documents                                                             */
/* ========================================================================== */
/*
 * Manifest (ucp_type_registration.manifest_json), an object:
 *   id, displayName, version, description   strings
 *   authMethods    array of objects with `type` one of "oauth2", "api_key",
 *                  "basic", "connection_string", and per type:
 *                    oauth2: authorizationUrl, tokenUrl, revocationUrl?
 *                            (absolute or "{endpoint}/path" templates),
 *                            defaultScopes [string], scopeSeparator?,
 *                            authorizationParams? {string: string}, pkce (bool)
 *                    others: fields [{name, label, secret, required, description?}]
 *                            and hint (what the client must supply)
 *   endpoints      {name: default base URL}; operators may override each one
 *   configSchema   JSON Schema (object) of the connector-wide settings an
 *                  operator sets; a property with "secret": true is never
 *                  logged or returned
 *   operations     the operation names the plugin implements (below)
 *   capabilities?  hints for clients and the host, e.g. {webhooks: {supported,
 *                  reason?, alternative?, authMethods?}}: the host refuses a
 *                  webhook subscription with 501 when `webhooks.subscribe` is
 *                  not implemented and with 409 when the connection's auth
 *                  method is not in `authMethods`, quoting reason/alternative
 *
 * Operations (ucp_type_call.operation); requests and responses are JSON:
 *   validate          check credentials/config against the provider
 *   probe             describe the reachable system (versions, scopes, limits)
 *   containers.list   list top-level containers (projects, spaces, schemas)
 *   items.list        list items of a container
 *   comments.list     list comments of an item
 *   webhooks.subscribe / webhooks.unsubscribe / webhooks.verify
 *   webhooks.renew    extend registrations that expire (the host calls it before they do)
 *   sync.page         fetch one page of changes after a checkpoint
 *   oauth.exchange    trade an authorization code for credentials
 *   oauth.refresh     trade a refresh token for fresh credentials
 *   revoke            revoke credentials at the provider
 * Unknown operations must complete with UCP_CALL_FAILED and the error code
 * "unsupported_operation".
 *
 * Request document, an object:
 *   operation      the operation name again
 *   requestId      the client's correlation id (for logs)
 *   tenantId       the tenant the call acts for
 *   connectionId   string or null
 *   connector      {config: {...}, endpoints: {name: base URL}}: operator
 *                  settings, secrets included, already decrypted
 *   connection     null or {config: {...}, credentials: {...}}: the
 *                  connection's settings and decrypted credentials
 *   input          operation-specific arguments (paging: limit, cursor)
 *
 * Credentials document: {type, accessToken?, refreshToken?, expiresAt?
 *   (RFC 3339), scopes? [string], apiKey?, apiSecret?, username?, password?,
 *   extra? {...}}.
 *
 * Error document (UCP_CALL_FAILED), an object:
 *   code        stable snake_case code, e.g. "not_configured", "auth_expired",
 *               "forbidden", "not_found", "rate_limited",
 *               "upstream_unavailable", "upstream_bad_response",
 *               "invalid_input", "unsupported_operation"
 *   message     for humans; never contains a secret
 *   details?    object with machine-readable extras
 *   retryAfter? seconds, for "rate_limited"
 */

#ifdef __cplusplus
}
#endif

#endif /* UCP_CONNECTOR_ABI_H */
