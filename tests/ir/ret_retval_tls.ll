; Returning a value stores its shadow to __umsan_retval_tls and tags it with
; the returning function (__umsan_retval_tag).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @get(ptr %p) {
entry:
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

; CHECK-LABEL: define i64 @get(
; CHECK: load i64, ptr %p
; CHECK: store i64 {{.*}}@__umsan_retval_tls
; CHECK: @__umsan_retval_tag
; CHECK: ret i64 %v
