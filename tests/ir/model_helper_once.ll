; A model whose effects name the same helper expression computes it once:
; memcmp checks both buffers over `memcmplen(arg0, arg1, arg2)` bytes, and the
; one `__umsan_model_memcmplen` call serves both checks (it reads only the
; program's memory, which the checks between do not write). Two calls of
; memcmp each get their own helper call.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @cmp(ptr %a, ptr %b, i64 %n) {
entry:
  %r = call i32 @memcmp(ptr %a, ptr %b, i64 %n)
  %s = call i32 @memcmp(ptr %b, ptr %a, i64 %n)
  %t = add i32 %r, %s
  ret i32 %t
}

declare i32 @memcmp(ptr, ptr, i64)

; CHECK-LABEL: define i32 @cmp(
; CHECK: %r = call i32 @memcmp(ptr %a, ptr %b, i64 %n)
; CHECK: [[L:%[0-9]+]] = notail call i64 @__umsan_model_memcmplen(
; CHECK-NOT: @__umsan_model_memcmplen
; CHECK: notail call void @__umsan_check_mem(ptr %a,
; CHECK-NOT: @__umsan_model_memcmplen
; CHECK: icmp slt i64 [[L]], 0
; CHECK-NOT: @__umsan_model_memcmplen
; CHECK: notail call void @__umsan_check_mem(ptr %b,
; CHECK: %s = call i32 @memcmp(ptr %b, ptr %a, i64 %n)
; CHECK: notail call i64 @__umsan_model_memcmplen(
; CHECK-NOT: @__umsan_model_memcmplen
; CHECK: notail call void @__umsan_check_mem(ptr %b,
; CHECK-NOT: @__umsan_model_memcmplen
; CHECK: notail call void @__umsan_check_mem(ptr %a,
; CHECK: ret i32
