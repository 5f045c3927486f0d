// Compile-only check: the generated header is valid C++17 and links names with C linkage.
#include "cippapi.h"
#include "cippapi.h"  // include guard works

static_assert(CIPP_STATUS_OK == 0, "OK is zero");

int main() {
    cipp_error *err = nullptr;
    cipp_status st = cipp_set_details(nullptr, nullptr, nullptr, nullptr, &err);
    cipp_error_free(err);
    return st == CIPP_STATUS_NULL_ARGUMENT ? 0 : 1;
}
