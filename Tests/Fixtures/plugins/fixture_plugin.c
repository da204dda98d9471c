/*
 * A configurable C plugin for loader and runtime tests. Built with -D switches
 * (see README.md); by default it is a well-behaved plugin "fixture" 1.0.0.
 *
 * Operations:
 *   ping     completes at once with the request bytes
 *   version  completes at once with {"version":"<FIXTURE_VERSION>"}
 *   hang     never completes until cancelled (then UCP_CALL_CANCELLED)
 *   fail     completes with an error document {"code":"fixture_failure",...}
 *   garbage  completes UCP_CALL_FAILED with bytes that are not an error document
 *   probe, validate
 *            answer as a healthy connector; the connector setting "behavior"
 *            (in the request document) makes them fail, hang, answer garbage,
 *            rate-limit, or echo the request document (to inspect what the host sent)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connector_abi.h"

#ifndef FIXTURE_ID
#define FIXTURE_ID "fixture"
#endif
#ifndef FIXTURE_MANIFEST_ID
#define FIXTURE_MANIFEST_ID FIXTURE_ID
#endif
#ifndef FIXTURE_VERSION
#define FIXTURE_VERSION "1.0.0"
#endif
#ifndef FIXTURE_ABI_MAJOR
#define FIXTURE_ABI_MAJOR UCP_ABI_VERSION_MAJOR
#endif
#ifndef FIXTURE_ABI_MINOR
#define FIXTURE_ABI_MINOR UCP_ABI_VERSION_MINOR
#endif
#ifndef FIXTURE_LANGUAGE
#define FIXTURE_LANGUAGE UCP_LANGUAGE_C
#endif
#ifndef FIXTURE_TOOLCHAIN
#define FIXTURE_TOOLCHAIN "cc"
#endif
#ifndef FIXTURE_FLAGS
#define FIXTURE_FLAGS 0
#endif
#ifndef FIXTURE_STRUCT_SIZE
#define FIXTURE_STRUCT_SIZE sizeof(ucp_type_registration)
#endif
#ifndef FIXTURE_MANIFEST
#define FIXTURE_MANIFEST                                                                                    \
    "{\"id\":\"" FIXTURE_MANIFEST_ID "\",\"displayName\":\"Fixture\",\"version\":\"" FIXTURE_VERSION "\"," \
    "\"description\":\"Loader test fixture.\",\"endpoints\":{},"                                              \
    "\"authMethods\":[{\"type\":\"api_key\",\"hint\":\"Send siteUrl and apiKey.\",\"fields\":["               \
    "{\"name\":\"siteUrl\",\"label\":\"Site\",\"secret\":false,\"required\":true},"                       \
    "{\"name\":\"apiKey\",\"label\":\"Key\",\"secret\":true,\"required\":true}]}],"                       \
    "\"configSchema\":{\"type\":\"object\",\"properties\":{\"behavior\":{\"type\":\"string\","            \
    "\"enum\":[\"ok\",\"fail\",\"hang\",\"garbage\",\"rate_limited\",\"echo\"]},"                    \
    "\"apiSecret\":{\"type\":\"string\",\"secret\":true}}},"                                                 \
    "\"operations\":[\"ping\",\"version\",\"hang\",\"fail\",\"garbage\",\"probe\",\"validate\"]}"
#endif

static const ucp_type_host_api *host_api;
static const char manifest[] = FIXTURE_MANIFEST;

/* Calls parked by "hang", completed by cancel. */
#define MAX_PARKED 256
static ucp_type_call_handle *parked[MAX_PARKED];
static pthread_mutex_t parked_lock = PTHREAD_MUTEX_INITIALIZER;

static void complete_text(ucp_type_call_handle *handle, int32_t status, const char *text) {
    ucp_type_bytes bytes = {(const uint8_t *)text, strlen(text)};
    host_api->complete(host_api->host, handle, status, bytes);
}

__attribute__((unused)) /* True when the request document contains "behavior":"<name>". */
static int behaves(const ucp_type_call *call, const char *name) {
    char needle[64];
    snprintf(needle, sizeof needle, "\"behavior\":\"%s\"", name);
    size_t needle_length = strlen(needle);
    for (size_t i = 0; i + needle_length <= call->request.length; i++) {
        if (memcmp(call->request.data + i, needle, needle_length) == 0) return 1;
    }
    return 0;
}

static void park(ucp_type_call_handle *handle);

/* True when the request carries the credential "apiKey":"<key>". */
static int behaves_key(const ucp_type_call *call, const char *key) {
    char needle[96];
    snprintf(needle, sizeof needle, "\"apiKey\":\"%s\"", key);
    size_t needle_length = strlen(needle);
    for (size_t i = 0; i + needle_length <= call->request.length; i++) {
        if (memcmp(call->request.data + i, needle, needle_length) == 0) return 1;
    }
    return 0;
}

static void answer_check(const ucp_type_call *call, const char *healthy) {
    if (behaves(call, "fail")) {
        complete_text(call->handle, UCP_CALL_FAILED,
                      "{\"code\":\"upstream_unavailable\",\"message\":\"The fixture's provider is down.\"}");
    } else if (behaves(call, "rate_limited")) {
        complete_text(call->handle, UCP_CALL_FAILED,
                      "{\"code\":\"rate_limited\",\"message\":\"Slow down.\",\"retryAfter\":7}");
    } else if (behaves(call, "garbage")) {
        complete_text(call->handle, UCP_CALL_OK, "<html>not json</html>");
    } else if (behaves(call, "hang")) {
        park(call->handle);
    } else if (behaves(call, "echo")) {
        /* A probe answer whose details are the request document, to show what the host sent. */
        static const char prefix[] = "{\"status\":\"ready\",\"message\":\"echo\",\"details\":";
        size_t length = sizeof prefix - 1 + call->request.length + 1;
        uint8_t *answer = malloc(length);
        if (answer == NULL) {
            complete_text(call->handle, UCP_CALL_FAILED, "{\"code\":\"plugin_internal_error\",\"message\":\"out of memory\"}");
            return;
        }
        memcpy(answer, prefix, sizeof prefix - 1);
        memcpy(answer + sizeof prefix - 1, call->request.data, call->request.length);
        answer[length - 1] = '}';
        ucp_type_bytes bytes = {answer, length};
        host_api->complete(host_api->host, call->handle, UCP_CALL_OK, bytes);
        free(answer);
    } else {
        complete_text(call->handle, UCP_CALL_OK, healthy);
    }
}

__attribute__((unused)) static void on_invoke(ucp_type_plugin *plugin, const ucp_type_call *call) {
    (void)plugin;
    if (strcmp(call->operation, "probe") == 0) {
        answer_check(call, "{\"status\":\"ready\",\"message\":\"The fixture is fine.\"}");
    } else if (strcmp(call->operation, "validate") == 0 && behaves_key(call, "wrong-key")) {
        complete_text(call->handle, UCP_CALL_OK, "{\"valid\":false,\"message\":\"Key rejected.\"}");
    } else if (strcmp(call->operation, "validate") == 0) {
        answer_check(call, "{\"valid\":true,\"message\":\"Accepted.\",\"account\":{\"name\":\"fixture-user\"}}");
    } else if (strcmp(call->operation, "ping") == 0) {
        host_api->complete(host_api->host, call->handle, UCP_CALL_OK, call->request);
    } else if (strcmp(call->operation, "version") == 0) {
        complete_text(call->handle, UCP_CALL_OK, "{\"version\":\"" FIXTURE_VERSION "\"}");
    } else if (strcmp(call->operation, "hang") == 0) {
        park(call->handle);
    } else if (strcmp(call->operation, "fail") == 0) {
        complete_text(call->handle, UCP_CALL_FAILED,
                      "{\"code\":\"fixture_failure\",\"message\":\"The fixture failed on purpose.\",\"details\":{\"why\":\"test\"}}");
    } else if (strcmp(call->operation, "garbage") == 0) {
        complete_text(call->handle, UCP_CALL_FAILED, "this is not json");
    } else {
        complete_text(call->handle, UCP_CALL_FAILED, "{\"code\":\"unsupported_operation\",\"message\":\"unknown\"}");
    }
}

/* Keeps the call open until the host cancels it. */
static void park(ucp_type_call_handle *handle) {
    pthread_mutex_lock(&parked_lock);
    for (int i = 0; i < MAX_PARKED; i++) {
        if (parked[i] == NULL) {
            parked[i] = handle;
            pthread_mutex_unlock(&parked_lock);
            return;
        }
    }
    pthread_mutex_unlock(&parked_lock);
    complete_text(handle, UCP_CALL_FAILED, "{\"code\":\"busy\",\"message\":\"too many parked calls\"}");
}

static void on_cancel(ucp_type_plugin *plugin, ucp_type_call_handle *handle) {
    (void)plugin;
    int found = 0;
    pthread_mutex_lock(&parked_lock);
    for (int i = 0; i < MAX_PARKED; i++) {
        if (parked[i] == handle) {
            parked[i] = NULL;
            found = 1;
            break;
        }
    }
    pthread_mutex_unlock(&parked_lock);
    /* Completing from inside cancel is allowed; the host must cope. */
    if (found) complete_text(handle, UCP_CALL_CANCELLED, "");
}

static void on_shutdown(ucp_type_plugin *plugin) { (void)plugin; }

__attribute__((unused)) static ucp_type_registration registration = {
    .struct_size = FIXTURE_STRUCT_SIZE,
    .abi = {FIXTURE_ABI_MAJOR, FIXTURE_ABI_MINOR},
    .language = FIXTURE_LANGUAGE,
    .toolchain = FIXTURE_TOOLCHAIN,
    .build_flags = FIXTURE_FLAGS,
    .plugin_id = FIXTURE_ID,
    .plugin_version = FIXTURE_VERSION,
    .manifest_json = {(const uint8_t *)manifest, sizeof manifest - 1},
    .plugin = NULL,
#ifdef FIXTURE_NO_INVOKE
    .invoke = NULL,
#else
    .invoke = on_invoke,
#endif
    .cancel = on_cancel,
    .shutdown = on_shutdown,
};

UCP_EXPORT int32_t ucp_plugin_register(const ucp_type_host_api *host, const ucp_type_registration **out,
                                       char *error_message, size_t error_capacity) {
#ifdef FIXTURE_REGISTER_FAILS
    (void)host;
    (void)out;
    snprintf(error_message, error_capacity, "%s", FIXTURE_REGISTER_FAILS);
    return UCP_REGISTER_FAILED;
#else
    (void)error_message;
    (void)error_capacity;
    host_api = host;
    *out = &registration;
    return UCP_REGISTER_OK;
#endif
}
