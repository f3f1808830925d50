// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// CFLAGS: -fumsan-track-origins
// A constructor that forgets a field, and a class without a constructor:
// on the stack and on the heap (new), reported where the field decides
// something, with the allocation as origin.
#include <cstdio>
#include "../common/opaque.hpp"
struct Account {
    int id;
    int balance;
    Account(int i) : id(i) {} // forgets balance
    bool rich() const;
};
__attribute__((noinline)) bool Account::rich() const {
    return opaque_long(0) == 0 && balance > 1000; // (a select: the use is the caller's branch)
}
struct Plain {
    int a;
    long b;
};
void show(const Plain &p);
int main() {
    Account acc(OPAQUE_INT(1));
    Account *accp = opaque(&acc);
    if (accp->rich()) // REPORT
        printf("rich\n");
    Account *heap = opaque(new Account(2));
    if (heap->balance < 0) // REPORT
        printf("overdrawn\n");
    Plain *pl = opaque(new Plain);
    pl->a = 1;
    show(*pl);
    delete heap;
    delete pl;
    return 0;
}
__attribute__((noinline)) void show(const Plain &p) {
    if (p.b == 3) // REPORT
        printf("three\n");
}
// CHECK: created by a stack allocation of 'acc' in main
// CHECK: created by a heap allocation
// CHECK-NEXT: #0 {{.*}} in operator new
// CHECK-NEXT: #1 {{.*}} in main {{.*}}ctor_forgets_field_report.cpp:28
// CHECK: created by a heap allocation
// CHECK-NEXT: #0 {{.*}} in operator new
// CHECK-NEXT: #1 {{.*}} in main {{.*}}ctor_forgets_field_report.cpp:31
