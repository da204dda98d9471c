/*
 * http-check: a connector written in plain C against connector_abi.h alone.
 *
 * It checks that an HTTP endpoint answers: `probe` and `validate` send
 * GET {target}/ through the host (the operator points the "target" endpoint at
 * the service to watch), `ping` echoes its request. It shows the whole ABI
 * from C: registration, asynchronous calls, host HTTP, logging, cancellation.
 *
 * Build:  cc -shared -fPIC -O2 -fvisibility=hidden -Wl,-Bsymbolic \
 *            -I <dir with connector_abi.h> http_check.c -o http-check.so
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connector_abi.h"

static const char MANIFEST[] =
    "{\"id\":\"http-check\",\"displayName\":\"HTTP Health Check (C example)\","
    "\"version\":\"1.0.0\","
    "\"description\":\"Checks that an HTTP endpoint answers. Set the 'target' endpoint to the URL to watch.\","
    "\"authMethods\":[],"
    "\"endpoints\":{\"target\":\"http://127.0.0.1:8000\"},"
    "\"configSchema\":{\"type\":\"object\",\"properties\":{}},"
    "\"operations\":[\"ping\",\"probe\",\"validate\"]}";

/* The host table; valid from registration until shutdown returns. */
static const ucp_type_host_api *host_api;

/* Counts calls waiting for an HTTP answer, so shutdown can say if any leaked. */
static atomic_int pending_checks;

/* What a probe or validate call needs once its HTTP answer arrives. */
typedef struct check_call {
    ucp_type_call_handle *handle;
    int is_validate;
} check_call;

static void complete_json(ucp_type_call_handle *handle, int32_t status, const char *json) {
    ucp_type_bytes bytes = {(const uint8_t *)json, strlen(json)};
    host_api->complete(host_api->host, handle, status, bytes);
}

static void log_text(ucp_type_call_handle *handle, int32_t level, const char *text) {
    ucp_type_bytes message = {(const uint8_t *)text, strlen(text)};
    ucp_type_bytes no_fields = {NULL, 0};
    host_api->log(host_api->host, handle, level, message, no_fields);
}

static void on_check_response(void *user_data, const ucp_type_http_response *response) {
    check_call *call = user_data;
    char json[512];
    if (response->result == UCP_HTTP_CANCELLED) {
        complete_json(call->handle, UCP_CALL_CANCELLED, "{}");
    } else if (response->result != UCP_HTTP_OK) {
        const char *why = response->error_message ? response->error_message : "no response";
        /* Error messages from the host never contain credentials; keep ours short and quote-free. */
        char reason[200];
        size_t length = 0;
        for (const char *c = why; *c && length < sizeof reason - 1; c++) {
            reason[length++] = (*c == '"' || *c == '\\') ? '\'' : *c;
        }
        reason[length] = '\0';
        if (call->is_validate) {
            snprintf(json, sizeof json, "{\"valid\":false,\"message\":\"The target did not answer: %s\"}", reason);
            complete_json(call->handle, UCP_CALL_OK, json);
        } else {
            snprintf(json, sizeof json,
                     "{\"code\":\"upstream_unavailable\",\"message\":\"The target did not answer: %s\"}", reason);
            complete_json(call->handle, UCP_CALL_FAILED, json);
        }
    } else {
        int healthy = response->status >= 200 && response->status < 400;
        if (call->is_validate) {
            snprintf(json, sizeof json, "{\"valid\":%s,\"message\":\"The target answered HTTP %d.\"}",
                     healthy ? "true" : "false", response->status);
        } else {
            snprintf(json, sizeof json,
                     "{\"status\":\"%s\",\"message\":\"The target answered HTTP %d.\","
                     "\"details\":{\"httpStatus\":%d,\"bodyBytes\":%zu}}",
                     healthy ? "ready" : "unreachable", response->status, response->status, response->body.length);
        }
        complete_json(call->handle, UCP_CALL_OK, json);
    }
    atomic_fetch_sub(&pending_checks, 1);
    free(call);
}

static void start_check(ucp_type_call_handle *handle, int is_validate) {
    check_call *call = malloc(sizeof *call);
    if (call == NULL) {
        complete_json(handle, UCP_CALL_FAILED, "{\"code\":\"plugin_internal_error\",\"message\":\"out of memory\"}");
        return;
    }
    call->handle = handle;
    call->is_validate = is_validate;
    atomic_fetch_add(&pending_checks, 1);
    ucp_type_http_header accept = {"Accept", "*/*"};
    ucp_type_http_request request = {
        .struct_size = sizeof request,
        .method = "GET",
        .url = "{target}/",
        .headers = &accept,
        .header_count = 1,
        .body = {NULL, 0},
        .timeout_ms = 5000,
    };
    log_text(handle, UCP_LOG_DEBUG, "checking the target endpoint");
    /* The host answers through on_check_response, possibly before this returns. */
    host_api->http_send(host_api->host, handle, &request, on_check_response, call);
}

static void on_invoke(ucp_type_plugin *plugin, const ucp_type_call *call) {
    (void)plugin;
    if (strcmp(call->operation, "ping") == 0) {
        host_api->complete(host_api->host, call->handle, UCP_CALL_OK, call->request);
    } else if (strcmp(call->operation, "probe") == 0) {
        start_check(call->handle, 0);
    } else if (strcmp(call->operation, "validate") == 0) {
        start_check(call->handle, 1);
    } else {
        complete_json(call->handle, UCP_CALL_FAILED,
                      "{\"code\":\"unsupported_operation\",\"message\":\"http-check implements ping, probe and validate.\"}");
    }
}

/* Nothing to do: the host cancels the call's HTTP request, and on_check_response completes the call. */
static void on_cancel(ucp_type_plugin *plugin, ucp_type_call_handle *handle) {
    (void)plugin;
    (void)handle;
}

static void on_shutdown(ucp_type_plugin *plugin) {
    (void)plugin;
    if (atomic_load(&pending_checks) != 0) {
        log_text(NULL, UCP_LOG_WARNING, "shut down with checks still pending");
    }
}

static const ucp_type_registration REGISTRATION = {
    .struct_size = sizeof(ucp_type_registration),
    .abi = {UCP_ABI_VERSION_MAJOR, UCP_ABI_VERSION_MINOR},
    .language = UCP_LANGUAGE_C,
#if defined(__clang__)
    .toolchain = "clang-" __clang_version__,
#elif defined(__GNUC__)
    .toolchain = "gcc-" __VERSION__,
#else
    .toolchain = "cc",
#endif
    .build_flags = 0,
    .plugin_id = "http-check",
    .plugin_version = "1.0.0",
    .manifest_json = {(const uint8_t *)MANIFEST, sizeof MANIFEST - 1},
    .plugin = NULL,
    .invoke = on_invoke,
    .cancel = on_cancel,
    .shutdown = on_shutdown,
};

UCP_EXPORT int32_t ucp_plugin_register(const ucp_type_host_api *host, const ucp_type_registration **out_registration,
                                       char *error_message, size_t error_capacity) {
    if (host == NULL || host->abi_min.major > UCP_ABI_VERSION_MAJOR || host->abi_max.major < UCP_ABI_VERSION_MAJOR) {
        snprintf(error_message, error_capacity, "abi.major: http-check speaks %d.%d", UCP_ABI_VERSION_MAJOR,
                 UCP_ABI_VERSION_MINOR);
        return UCP_REGISTER_FAILED;
    }
    if (host->struct_size < sizeof(ucp_type_host_api)) {
        snprintf(error_message, error_capacity, "host_api.struct_size: %u bytes, http-check needs %zu",
                 host->struct_size, sizeof(ucp_type_host_api));
        return UCP_REGISTER_FAILED;
    }
    host_api = host;
    *out_registration = &REGISTRATION;
    return UCP_REGISTER_OK;
}
