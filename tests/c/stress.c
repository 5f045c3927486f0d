/*
 * Concurrency stress of the C ABI: THREADS threads share one client and each makes CALLS calls
 * (a mix of invoke, get_logs, build_url and deliberate errors), freeing everything. Built with
 * AddressSanitizer/LeakSanitizer by tests/stress.rs: any memory error or leak fails the run.
 * Prints "ok <calls> <failures>".
 */
#include "cippapi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cipp_client *client;
static int calls_per_thread;
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *what, cipp_error *err) {
    pthread_mutex_lock(&lock);
    if (failures++ < 5) fprintf(stderr, "%s: %s\n", what, cipp_error_message(err));
    pthread_mutex_unlock(&lock);
    cipp_error_free(err);
}

/* A request with `n` query pairs and an optional body (NULL: the default `{}`). */
static cipp_request *new_request(const char *method, const char *endpoint, const char *const *keys,
                                 const char *const *values, size_t n, const char *body) {
    cipp_request *req = cipp_request_new();
    cipp_request_set_method(req, method, NULL);
    cipp_request_set_endpoint(req, endpoint, NULL);
    for (size_t i = 0; i < n; i++) cipp_request_add_query(req, keys[i], values[i], NULL);
    if (body) cipp_request_set_body(req, (const uint8_t *)body, strlen(body), NULL);
    return req;
}

/* Sends `req` on the shared client and frees it. */
static cipp_status send_request(cipp_request *req, cipp_response **resp, cipp_error **err) {
    cipp_status st = cipp_client_send(client, req, resp, err);
    cipp_request_free(req);
    return st;
}

static void *worker(void *arg) {
    int id = (int)(size_t)arg;
    char tenant[64];
    for (int i = 0; i < calls_per_thread; i++) {
        cipp_response *resp = NULL;
        cipp_error *err = NULL;
        snprintf(tenant, sizeof tenant, "tenant%d-%d.onmicrosoft.com", id, i);
        const char *keys[] = {"tenantFilter", "$top"};
        const char *values[] = {tenant, NULL};
        cipp_status st;
        switch (i % 8) {
        case 0:
            {
                cipp_request *logs = NULL;
                st = cipp_request_new_logs("Error,Alert", NULL, NULL, NULL, &logs, &err);
                if (st == CIPP_STATUS_OK) st = send_request(logs, &resp, &err);
            }
            break;
        case 1: {
            char *url = NULL;
            cipp_request *req = new_request("GET", "ListUsers", keys, values, 2, NULL);
            st = cipp_client_build_url(client, req, &url, &err);
            cipp_request_free(req);
            cipp_string_free(url);
            if (st != CIPP_STATUS_OK) fail("build_url", err);
            continue;
        }
        case 2:
            /* A library-level refusal: must report, allocate an error, and leak nothing. */
            st = send_request(new_request("GET", "../x", NULL, NULL, 0, NULL), &resp, &err);
            if (st != CIPP_STATUS_INVALID_ARGUMENT) fail("bad endpoint accepted", err);
            else cipp_error_free(err);
            continue;
        case 3:
            st = send_request(new_request("POST", "ExecResetPass", keys, values, 2, "{\"ID\":\"a@b.c\"}"), &resp,
                              &err);
            break;
        default:
            st = send_request(new_request("GET", "/api/ListTenants", keys, values, 2, NULL), &resp, &err);
            break;
        }
        if (st != CIPP_STATUS_OK) {
            fail("call", err);
        } else {
            size_t len = 0;
            const uint8_t *body = cipp_response_body(resp, &len);
            if (cipp_response_status(resp) != 200 || body == NULL || len == 0) fail("bad answer", NULL);
            (void)cipp_response_trace(resp);
            (void)cipp_response_warnings(resp);
            cipp_response_free(resp);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 32;
    calls_per_thread = argc > 2 ? atoi(argv[2]) : 2000;
    cipp_settings *s = cipp_settings_new();
    const char *names[] = {"client_id", "client_secret", "api_url", "tenant_id"};
    const char *envs[] = {"CIPP_CLIENT_ID", "CIPP_CLIENT_SECRET", "CIPP_API_URL", "CIPP_TENANT_ID"};
    for (int i = 0; i < 4; i++) {
        const char *v = getenv(envs[i]);
        if (v == NULL || cipp_settings_set(s, names[i], v, NULL) != CIPP_STATUS_OK) return 2;
    }
    cipp_error *err = NULL;
    if (cipp_client_new(s, &client, &err) != CIPP_STATUS_OK) {
        fprintf(stderr, "%s\n", cipp_error_message(err));
        cipp_error_free(err);
        cipp_settings_free(s);
        return 1;
    }
    cipp_settings_free(s);
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, worker, (void *)(size_t)i);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    free(ids);
    cipp_client_free(client);
    printf("ok %d %d\n", threads * calls_per_thread, failures);
    return failures ? 1 : 0;
}
