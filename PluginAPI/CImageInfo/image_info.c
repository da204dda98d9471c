#define _GNU_SOURCE
#include <dlfcn.h>

#include "image_info.h"

int ucp_sdk_same_image(const void *first, const void *second) {
    Dl_info first_info, second_info;
    if (dladdr(first, &first_info) == 0 || dladdr(second, &second_info) == 0) {
        return -1;
    }
    return first_info.dli_fbase == second_info.dli_fbase;
}
