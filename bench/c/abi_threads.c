/*
 * C ABI throughput: THREADS threads share one client and each sends CALLS small GETs.
 * Prints "calls_per_sec <n>". Reads CIPP_* like examples/c/cipp_example.c.
 */
#include "cippapi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static cipp_client *client;
static int calls_per_thread;
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
    (void)arg;
    cipp_request *req = cipp_request_new();
    cipp_request_set_endpoint(req, "ListApiTest", NULL);
    for (int i = 0; i < calls_per_thread; i++) {
        cipp_response *resp = NULL;
        cipp_status st = cipp_client_send(client, req, &resp, NULL);
        if (st != CIPP_STATUS_OK || cipp_response_status(resp) != 200) {
            pthread_mutex_lock(&lock);
            failures++;
            pthread_mutex_unlock(&lock);
        }
        cipp_response_free(resp);
    }
    cipp_request_free(req);
    return NULL;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 8;
    calls_per_thread = argc > 2 ? atoi(argv[2]) : 500;
    if (threads < 1 || threads > 256 || calls_per_thread < 1) {
        fprintf(stderr, "usage: abi_threads THREADS CALLS\n");
        return 2;
    }
    cipp_settings *s = cipp_settings_new();
    const char *names[] = {"client_id", "client_secret", "api_url", "tenant_id"};
    const char *envs[] = {"CIPP_CLIENT_ID", "CIPP_CLIENT_SECRET", "CIPP_API_URL", "CIPP_TENANT_ID"};
    for (int i = 0; i < 4; i++) {
        const char *v = getenv(envs[i]);
        if (v == NULL || cipp_settings_set(s, names[i], v, NULL) != CIPP_STATUS_OK) {
            fprintf(stderr, "bad %s\n", envs[i]);
            return 2;
        }
    }
    cipp_error *err = NULL;
    if (cipp_client_new(s, &client, &err) != CIPP_STATUS_OK) {
        fprintf(stderr, "%s\n", cipp_error_message(err));
        return 1;
    }
    cipp_settings_free(s);
    /* Warm up: token and connections. */
    calls_per_thread = calls_per_thread < 20 ? calls_per_thread : 20;
    worker(NULL);
    calls_per_thread = argc > 2 ? atoi(argv[2]) : 500;
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    double start = now();
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    double elapsed = now() - start;
    free(ids);
    cipp_client_free(client);
    if (failures) {
        fprintf(stderr, "%d failed calls\n", failures);
        return 1;
    }
    printf("calls_per_sec %.1f\n", (double)threads * calls_per_thread / elapsed);
    return 0;
}
