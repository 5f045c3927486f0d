/*
 * fork() after use: the parent makes a call (runtime, pool and token cache now exist), forks,
 * then the child and the parent each call concurrently; the parent waits for the child with a
 * deadline. Repeated ROUNDS times. A child that hangs is killed and counted as a failure.
 * Also checks that a batch started before fork() is refused cleanly in the child, and that async
 * calls work in the child after the parent used them (the callback thread is per process too).
 * Prints "ok <rounds> <failures>". Env: CIPP_CLIENT_ID, CIPP_CLIENT_SECRET, CIPP_API_URL,
 * CIPP_TENANT_ID (CIPPAPI_AUTHORITY_HOST points the token request at the mock).
 */
#define _POSIX_C_SOURCE 200809L
#include "cippapi.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int call(const char *who) {
    cipp_response *resp = NULL;
    cipp_error *err = NULL;
    cipp_request *req = cipp_request_new();
    cipp_status st = cipp_request_set_endpoint(req, "ListTenants", &err);
    if (st == CIPP_STATUS_OK) st = cipp_invoke(req, &resp, &err);
    cipp_request_free(req);
    if (st != CIPP_STATUS_OK) {
        fprintf(stderr, "%s: %s: %s\n", who, cipp_status_name(st), cipp_error_message(err));
        cipp_error_free(err);
        return 1;
    }
    int bad = cipp_response_status(resp) != 200;
    if (bad) fprintf(stderr, "%s: HTTP %u\n", who, cipp_response_status(resp));
    cipp_response_free(resp);
    return bad;
}

static void on_done(void *user_data, cipp_status status, cipp_response *resp, cipp_error *err) {
    int *result = user_data;
    *result = status == CIPP_STATUS_OK && cipp_response_status(resp) == 200 ? 0 : 1;
    if (*result) fprintf(stderr, "async: %s: %s\n", cipp_status_name(status), cipp_error_message(err));
    cipp_response_free(resp);
    cipp_error_free(err);
}

/* An async call on the default client; its callback must run within 10 s. */
static int async_call(const char *who) {
    cipp_client *client = NULL;
    cipp_request *req = cipp_request_new();
    cipp_call *handle = NULL;
    cipp_error *err = NULL;
    int result = -1;
    if (cipp_default_client(&client, &err) != CIPP_STATUS_OK ||
        cipp_request_set_endpoint(req, "ListTenants", &err) != CIPP_STATUS_OK ||
        cipp_client_send_async(client, req, on_done, &result, &handle, &err) != CIPP_STATUS_OK) {
        fprintf(stderr, "%s: async start: %s\n", who, cipp_error_message(err));
        cipp_error_free(err);
        result = 1;
    } else if (cipp_call_wait(handle, 10000) != CIPP_STATUS_OK) {
        fprintf(stderr, "%s: async callback never ran\n", who);
        result = 1;
    }
    cipp_call_free(handle);
    cipp_request_free(req);
    cipp_client_free(client);
    return result != 0;
}

/* In the child: a batch inherited from the parent must be refused, not hang. */
static int inherited_batch(cipp_batch *batch) {
    cipp_batch_item *item = NULL;
    cipp_error *err = NULL;
    cipp_status st = cipp_batch_next(batch, 2000, &item, &err);
    int bad = st != CIPP_STATUS_INVALID_ARGUMENT || strstr(cipp_error_message(err), "fork()") == NULL;
    if (bad) fprintf(stderr, "child: inherited batch gave %s\n", cipp_status_name(st));
    cipp_error_free(err);
    cipp_batch_free(batch);
    return bad;
}

static int wait_child(pid_t pid, int seconds) {
    struct timespec step = {0, 20 * 1000 * 1000};
    for (int i = 0; i < seconds * 50; i++) {
        int status = 0;
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid) {
            if (WIFEXITED(status)) return WEXITSTATUS(status);
            fprintf(stderr, "child died with signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : -1);
            return 1;
        }
        nanosleep(&step, NULL);
    }
    fprintf(stderr, "child %d still running after %d s: killed\n", (int)pid, seconds);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return 1;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 10;
    cipp_error *err = NULL;
    if (cipp_set_details(getenv("CIPP_CLIENT_ID"), getenv("CIPP_CLIENT_SECRET"), getenv("CIPP_API_URL"),
                         getenv("CIPP_TENANT_ID"), &err) != CIPP_STATUS_OK) {
        fprintf(stderr, "set_details: %s\n", cipp_error_message(err));
        return 2;
    }
    /* A client with a short timeout for the batch, so a hang shows as a failure quickly. */
    cipp_settings *s = cipp_settings_new();
    const char *names[] = {"client_id", "client_secret", "api_url", "tenant_id", "authority_host"};
    const char *envs[] = {"CIPP_CLIENT_ID", "CIPP_CLIENT_SECRET", "CIPP_API_URL", "CIPP_TENANT_ID",
                          "CIPPAPI_AUTHORITY_HOST"};
    for (int i = 0; i < 5; i++) cipp_settings_set(s, names[i], getenv(envs[i]), NULL);
    cipp_client *client = NULL;
    if (cipp_client_new(s, &client, &err) != CIPP_STATUS_OK) {
        fprintf(stderr, "client_new: %s\n", cipp_error_message(err));
        return 2;
    }
    cipp_settings_free(s);
    int failures = 0;
    for (int r = 0; r < rounds; r++) {
        failures += call("parent before fork");
        failures += async_call("parent before fork");
        const char *tenants[] = {"a.onmicrosoft.com", "b.onmicrosoft.com"};
        cipp_batch *batch = NULL;
        cipp_request *template = cipp_request_new();
        cipp_status st = cipp_request_set_endpoint(template, "ListUsers", &err);
        if (st == CIPP_STATUS_OK)
            st = cipp_request_set_tenants(template, "tenantFilter", CIPP_TENANT_IN_QUERY, tenants, 2, &err);
        if (st == CIPP_STATUS_OK) st = cipp_client_batch_start_request(client, template, 2, &batch, &err);
        cipp_request_free(template);
        if (st != CIPP_STATUS_OK) {
            fprintf(stderr, "batch_start: %s\n", cipp_error_message(err));
            return 2;
        }
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0) return 2;
        if (pid == 0) {
            alarm(30); /* last resort: never outlive the test */
            int bad = inherited_batch(batch);
            for (int i = 0; i < 2; i++) bad += call("child");
            bad += async_call("child");
            _exit(bad ? 1 : 0);
        }
        for (int i = 0; i < 3; i++) failures += call("parent after fork");
        cipp_batch_item *item = NULL;
        int outcomes = 0;
        while (cipp_batch_next(batch, 5000, &item, &err) == CIPP_STATUS_OK && item) {
            outcomes++;
            cipp_batch_item_free(item);
        }
        if (outcomes != 2) {
            fprintf(stderr, "parent: batch gave %d outcomes\n", outcomes);
            failures++;
        }
        cipp_batch_free(batch);
        failures += wait_child(pid, 20);
    }
    cipp_client_free(client);
    printf("ok %d %d\n", rounds, failures);
    return failures ? 1 : 0;
}
