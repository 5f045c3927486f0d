/*
 * cipp_example: the cippapi C ABI end to end.
 *
 * Reads the API details from the environment (never from the command line, where other users
 * could see the secret): CIPP_CLIENT_ID, CIPP_CLIENT_SECRET, CIPP_API_URL, CIPP_TENANT_ID.
 * The library itself honours CIPPAPI_AUTHORITY_HOST and CIPPAPI_CA_FILE (extra trusted CA).
 *
 * Build (from the repository root, after `cargo build`):
 *   cc -std=c99 -Wall -Wextra -Werror -Iinclude examples/c/cipp_example.c \
 *      -Ltarget/debug -lcippapi -Wl,-rpath,"$PWD/target/debug" -o target/cipp_example
 *
 * A panic inside the library (step 8 provokes one) prints nothing on stderr: it becomes an error.
 */
#include "cippapi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints a failed call's status and message, then frees the error. */
static void report(const char *what, cipp_status status, cipp_error *err) {
    fprintf(stdout, "%s failed: %s (%d): %s\n", what, cipp_status_name((int32_t)status), (int)status,
            cipp_error_message(err));
    cipp_error_free(err);
}

/* Prints a response's status and the start of its body, then frees it. */
static void show(const char *what, cipp_response *resp) {
    size_t len = 0;
    const uint8_t *body = cipp_response_body(resp, &len);
    int shown = len > 160 ? 160 : (int)len;
    printf("%s: HTTP %u, %s, %zu bytes: %.*s\n", what, (unsigned)cipp_response_status(resp),
           cipp_response_content_type(resp), len, shown, (const char *)body);
    cipp_response_free(resp);
}

/* What the asynchronous call's callback saw (written on a library thread, read after cipp_call_wait). */
struct outcome {
    cipp_status status;
    unsigned http;
};

/* Runs on a library thread, once per cipp_client_send_async; owns the response and the error. */
static void on_done(void *user_data, cipp_status status, cipp_response *response, cipp_error *error) {
    struct outcome *out = (struct outcome *)user_data;
    out->status = status;
    out->http = cipp_response_status(response); /* 0 for NULL */
    cipp_response_free(response);
    cipp_error_free(error);
}

/* A request (method, endpoint, `n` query pairs, optional JSON body); NULL with *err set on failure.
 * The library checks the endpoint and method when the request is sent. */
static cipp_request *new_request(const char *method, const char *endpoint, const char *const *keys,
                                 const char *const *values, size_t n, const char *body, cipp_error **err) {
    cipp_request *req = cipp_request_new();
    int ok = req != NULL && cipp_request_set_method(req, method, err) == CIPP_STATUS_OK &&
             cipp_request_set_endpoint(req, endpoint, err) == CIPP_STATUS_OK;
    for (size_t i = 0; ok && i < n; i++) ok = cipp_request_add_query(req, keys[i], values[i], err) == CIPP_STATUS_OK;
    if (ok && body) ok = cipp_request_set_body(req, (const uint8_t *)body, strlen(body), err) == CIPP_STATUS_OK;
    if (!ok) {
        cipp_request_free(req);
        return NULL;
    }
    return req;
}

/* cipp_invoke (the process-default client) of a new request, which is freed afterwards. */
static cipp_status invoke(cipp_request *req, cipp_response **resp, cipp_error **err) {
    cipp_status st = req ? cipp_invoke(req, resp, err) : cipp_error_status(*err);
    cipp_request_free(req);
    return st;
}

static const char *need_env(const char *name) {
    const char *v = getenv(name);
    if (v == NULL || *v == '\0') {
        fprintf(stderr, "set %s\n", name);
        exit(2);
    }
    return v;
}

int main(void) {
    const char *client_id = need_env("CIPP_CLIENT_ID");
    const char *secret = need_env("CIPP_CLIENT_SECRET");
    const char *api_url = need_env("CIPP_API_URL");
    const char *tenant = need_env("CIPP_TENANT_ID");
    cipp_error *err = NULL;
    cipp_response *resp = NULL;
    cipp_status st;

    /* 1. Refuse to run against a library with another ABI than this header describes. */
    if (cipp_abi_version() != CIPP_ABI_VERSION) {
        fprintf(stderr, "library ABI %u, header ABI %u\n", cipp_abi_version(), CIPP_ABI_VERSION);
        return 1;
    }
    printf("cippapi %s (ABI %u)\n", cipp_version(), cipp_abi_version());

    /* 2. Set the process-default details (the C face of Set-CIPPAPIDetails). */
    st = cipp_set_details(client_id, secret, api_url, tenant, &err);
    if (st != CIPP_STATUS_OK) {
        report("cipp_set_details", st, err);
        return 1;
    }

    /* 3. A call with query parameters (the C face of Invoke-CIPPRestMethod): a request object,
     *    sent on the process-default client. */
    const char *keys[] = {"tenantFilter", "$select"};
    const char *values[] = {"AllTenants", "displayName,defaultDomainName"};
    st = invoke(new_request("GET", "/api/ListTenants", keys, values, 2, NULL, &err), &resp, &err);
    if (st != CIPP_STATUS_OK) {
        report("ListTenants", st, err);
        return 1;
    }
    show("ListTenants", resp);

    /* 4. Logs (the C face of Get-CIPPLogs): today's, default severities. */
    st = cipp_get_logs(NULL, NULL, NULL, NULL, &resp, &err);
    if (st != CIPP_STATUS_OK) {
        report("cipp_get_logs", st, err);
        return 1;
    }
    show("ListLogs", resp);

    /* 5. Errors: a library-level refusal (nothing sent) and an HTTP-level 404 (a response). */
    st = invoke(new_request("GET", "../../etc/passwd", NULL, NULL, 0, NULL, &err), &resp, &err);
    if (st != CIPP_STATUS_OK) {
        report("bad endpoint", st, err);
    }
    st = invoke(new_request("GET", "NoSuchEndpoint", NULL, NULL, 0, NULL, &err), &resp, &err);
    if (st == CIPP_STATUS_OK) {
        show("NoSuchEndpoint", resp);
    } else {
        report("NoSuchEndpoint", st, err);
    }

    /* 6. An explicit client handle from settings, and a POST with a JSON body. */
    cipp_settings *settings = cipp_settings_new();
    cipp_client *client = NULL;
    if (settings == NULL) {
        return 1;
    }
    const char *names[] = {"client_id", "client_secret", "api_url", "tenant_id", "timeout_secs"};
    const char *vals[] = {client_id, secret, api_url, tenant, "60"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        st = cipp_settings_set(settings, names[i], vals[i], &err);
        if (st != CIPP_STATUS_OK) {
            report("cipp_settings_set", st, err);
            cipp_settings_free(settings);
            return 1;
        }
    }
    st = cipp_settings_set(settings, "no_such_setting", "1", &err);
    if (st != CIPP_STATUS_OK) {
        report("unknown setting", st, err);
    }
    st = cipp_client_new(settings, &client, &err);
    cipp_settings_free(settings);
    if (st != CIPP_STATUS_OK) {
        report("cipp_client_new", st, err);
        return 1;
    }
    const char *qk[] = {"tenantFilter"};
    const char *qv[] = {"contoso.onmicrosoft.com"};
    char *url = NULL;
    cipp_request *reset = new_request("POST", "/api/ExecResetPass", qk, qv, 1,
                                      "{\"ID\":\"jdoe@contoso.onmicrosoft.com\",\"MustChange\":true}", &err);
    if (reset == NULL) {
        report("cipp_request", cipp_error_status(err), err);
        cipp_client_free(client);
        return 1;
    }
    if (cipp_client_build_url(client, reset, &url, NULL) == CIPP_STATUS_OK) {
        printf("would send to %s\n", url);
        cipp_string_free(url);
    }
    st = cipp_client_send(client, reset, &resp, &err);
    cipp_request_free(reset);
    if (st != CIPP_STATUS_OK) {
        report("ExecResetPass", st, err);
        cipp_client_free(client);
        return 1;
    }
    show("ExecResetPass", resp);

    /* 7. A request built step by step (body as bytes + length: sent exactly as given), sent synchronously and
     *    then asynchronously: the callback runs on a library thread, no thread of ours waits. */
    static const char body[] = "{\"ID\":\"jdoe@contoso.onmicrosoft.com\"}";
    cipp_request *req = cipp_request_new();
    if (req == NULL || cipp_request_set_method(req, "POST", &err) != CIPP_STATUS_OK ||
        cipp_request_set_endpoint(req, "ExecResetPass", &err) != CIPP_STATUS_OK ||
        cipp_request_add_query(req, "tenantFilter", "contoso.onmicrosoft.com", &err) != CIPP_STATUS_OK ||
        cipp_request_set_body(req, (const uint8_t *)body, sizeof body - 1, &err) != CIPP_STATUS_OK) {
        report("cipp_request", CIPP_STATUS_INVALID_ARGUMENT, err);
        return 1;
    }
    st = cipp_client_send(client, req, &resp, &err);
    if (st != CIPP_STATUS_OK) {
        report("cipp_client_send", st, err);
        return 1;
    }
    show("request object", resp);
    struct outcome out = {CIPP_STATUS_PENDING, 0};
    cipp_call *call = NULL;
    st = cipp_client_send_async(client, req, on_done, &out, &call, &err);
    cipp_request_free(req); /* the call has its own copy */
    if (st != CIPP_STATUS_OK) {
        report("cipp_client_send_async", st, err);
        return 1;
    }
    while (cipp_call_wait(call, 100) == CIPP_STATUS_PENDING) {
        /* a real program does other work here */
    }
    cipp_call_free(call);
    printf("async: %s, HTTP %u\n", cipp_status_name((int32_t)out.status), out.http);
    cipp_client_free(client);

    /* 8. NULL is an error, never a crash; nor is a panic inside the library. */
    st = cipp_invoke(NULL, &resp, &err);
    report("NULL arguments", st, err);
    st = cipp_selftest_panic(&err);
    report("panic boundary", st, err);
    cipp_response_free(NULL);
    cipp_error_free(NULL);
    printf("done\n");
    return 0;
}
