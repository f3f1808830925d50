; A function MemorySanitizer would not sanitize ("umsan-no-sanitize", from
; no_sanitize("memory") or an ignorelist) is instrumented as MSan does it:
; no checks (not of the branch, not of the address), the stored value's
; shadow and the returned shadow are clean, and its stack slot starts clean
; instead of poisoned. The same code in @checked gets its checks.
; PASS-OPTIONS: track-origins=0
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @sink(ptr)

define i32 @unchecked(ptr %p, ptr %q) #0 {
  %slot = alloca [16 x i8], align 16
  call void @sink(ptr %slot)
  %v = load i32, ptr %p, align 4
  %c = icmp sgt i32 %v, 0
  br i1 %c, label %yes, label %no
yes:
  store i32 %v, ptr %q, align 4
  ret i32 %v
no:
  ret i32 0
}

define i32 @checked(ptr %p, ptr %q) {
  %v = load i32, ptr %p, align 4
  %c = icmp sgt i32 %v, 0
  br i1 %c, label %yes, label %no
yes:
  store i32 %v, ptr %q, align 4
  ret i32 %v
no:
  ret i32 0
}

attributes #0 = { "umsan-no-sanitize" }

; CHECK-LABEL: define i32 @unchecked(
; CHECK-NOT: __umsan_warning
; CHECK-NOT: __umsan_poison
; CHECK: call void @llvm.memset.p0.i64(ptr align 16 %{{[0-9]+}}, i8 0, i64 16, i1 false)
; CHECK-NOT: __umsan_warning
; CHECK: store i32 %v, ptr %q
; CHECK: store i32 0, ptr %{{[0-9]+}}, align 4
; CHECK-NOT: __umsan_warning
; CHECK: store i32 0, ptr @__umsan_retval_tls
; CHECK-NOT: __umsan_warning
; CHECK-LABEL: define i32 @checked(
; CHECK-DAG: __umsan_warning
