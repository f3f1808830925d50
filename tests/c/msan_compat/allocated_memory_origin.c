// A custom allocator prepared for MemorySanitizer calls
// __msan_allocated_memory for each block: a use of a block's uninitialized
// bytes is reported with a heap origin whose stack is the allocator's call
// (MemorySanitizer words it "Memory was marked as uninitialized").
// EXPECT: report
// CFLAGS: -fumsan-track-origins
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

static unsigned char arena[4096];
static size_t used;

__attribute__((noinline)) static void *pool_alloc(size_t n) {
    void *p = arena + used;
    used += (n + 15) & ~(size_t)15;
    __msan_allocated_memory(p, n);
    return p;
}

int main(void) {
    int *v = pool_alloc(4 * sizeof(int));
    v[0] = 1;
    v[1] = 2;
    if (v[0] + v[1] == 3)
        puts("initialized part is fine");
    if (v[2] > 0) // REPORT
        puts("positive");
    return 0;
}
// CHECK: {{Uninitialized value was created by a heap allocation|Memory was marked as uninitialized}}
// CHECK-NEXT: #0 {{.*}} in __msan_allocated_memory
// CHECK-NEXT: #1 {{.*}} in pool_alloc {{.*}}allocated_memory_origin.c:16
