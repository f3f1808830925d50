; A direct call to a function: the caller stores each argument's shadow into
; __umsan_param_tls and names the callee in __umsan_param_tag; the callee
; reads its parameters' shadows from __umsan_param_tls after checking the
; tag.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define internal i32 @callee(i32 %x, i64 %y) noinline {
entry:
  %t = trunc i64 %y to i32
  %r = xor i32 %x, %t
  ret i32 %r
}

define i32 @caller(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %q = getelementptr inbounds i8, ptr %p, i64 8
  %w = load i64, ptr %q, align 8
  %r = call i32 @callee(i32 %v, i64 %w)
  ret i32 %r
}

@g = global i32 0
declare void @consume(i32)

; Without eager-checks, passing a possibly uninitialized value is no use.
define void @no_eager() {
  %v = load i32, ptr @g, align 4
  call void @consume(i32 %v)
  ret void
}

; CHECK-LABEL: define internal i32 @callee(
; CHECK: @__umsan_param_tag
; CHECK: @__umsan_param_tls
; CHECK: ret i32 %r
; CHECK-LABEL: define i32 @caller(
; CHECK: store {{.*}}@__umsan_param_tls
; CHECK: @__umsan_param_tag
; CHECK: call i32 @callee(i32 %v, i64 %w)
; CHECK: @__umsan_retval_tag
; CHECK: ret i32 %r
; CHECK-LABEL: define void @no_eager(
; CHECK-NOT: call void @__umsan_warning(
; CHECK: call void @consume(i32 %v)
; CHECK-NOT: call void @__umsan_warning(
; CHECK: ret void
; CHECK-NOT: call void @__umsan_warning(
; CHECK-LABEL: declare void @__umsan_warning(
