; A loaded value stored elsewhere: the store writes the value's shadow to the
; destination's shadow (no check: copying is not a use).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @copy(ptr %dst, ptr %src) {
entry:
  %v = load i64, ptr %src, align 8
  store i64 %v, ptr %dst, align 8
  ret void
}

; CHECK-LABEL: define void @copy(
; CHECK: load i64, ptr %src
; CHECK: xor i64 {{.*}}, 87960930222080
; CHECK: [[SH:%[^ ]+]] = load i64, ptr
; CHECK: store i64 %v, ptr %dst
; CHECK: xor i64 {{.*}}, 87960930222080
; CHECK: store i64 [[SH]], ptr
; CHECK-NOT: @__umsan_warning
; CHECK: ret void
