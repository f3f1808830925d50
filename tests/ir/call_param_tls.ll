; Direct calls: the caller stores each argument's shadow into
; __umsan_param_tls. A callee that code outside this module may call (external
; linkage, or its address taken) trusts those slots only when
; __umsan_param_tag names it, and clears the tag once read; its callers name
; it there, and it names itself in __umsan_retval_tag when it returns. An
; internal function only called directly by instrumented code ("closed")
; needs no tag at all. A call whose arguments are all known to be
; initialized (constants, addresses of globals) stores neither slots nor tag
; unless its callee is closed: finding no tag, the callee takes every
; argument as initialized, as after a call from uninstrumented code. So no
; call of a function without parameters is tagged, and such a function
; neither reads nor clears the tag.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define internal i32 @callee(i32 %x, i64 %y) noinline {
entry:
  %t = trunc i64 %y to i32
  %r = xor i32 %x, %t
  ret i32 %r
}

define i32 @ext_callee(i32 %x) noinline {
entry:
  %r = add i32 %x, 1
  ret i32 %r
}

define internal i32 @escaping(i32 %x) noinline {
entry:
  ret i32 %x
}

@fp = global ptr @escaping

define i32 @caller(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %q = getelementptr inbounds i8, ptr %p, i64 8
  %w = load i64, ptr %q, align 8
  %r = call i32 @callee(i32 %v, i64 %w)
  %s = call i32 @ext_callee(i32 %r)
  ret i32 %s
}

@g = global i32 0
declare void @consume(i32)

; Without eager-checks, passing a possibly uninitialized value is no use.
define void @no_eager() {
  %v = load i32, ptr @g, align 4
  call void @consume(i32 %v)
  ret void
}

declare void @vf(ptr, ...)

define i32 @clean_args() {
entry:
  %a = call i32 @ext_callee(i32 7)
  call void (ptr, ...) @vf(ptr @g, i32 1, double 2.0)
  %b = call i32 @callee(i32 1, i64 2)
  %c = add i32 %a, %b
  ret i32 %c
}

; CHECK-LABEL: define internal i32 @callee(
; CHECK-NOT: @__umsan_param_tag
; CHECK: load {{.*}}@__umsan_param_tls
; CHECK-NOT: @__umsan_retval_tag
; CHECK: ret i32 %r
; CHECK-LABEL: define i32 @ext_callee(
; CHECK: %[[TAG:.*]] = load ptr, ptr @__umsan_param_tag
; CHECK: store ptr null, ptr @__umsan_param_tag
; CHECK: icmp eq ptr %[[TAG]], @ext_callee
; CHECK: store ptr @ext_callee, ptr @__umsan_retval_tag
; CHECK: ret i32 %r
; CHECK-LABEL: define internal i32 @escaping(
; CHECK: load ptr, ptr @__umsan_param_tag
; CHECK: store ptr @escaping, ptr @__umsan_retval_tag
; CHECK-LABEL: define i32 @caller(
; CHECK: store {{.*}}@__umsan_param_tls
; CHECK-NOT: @__umsan_param_tag
; CHECK: call i32 @callee(i32 %v, i64 %w)
; CHECK: store ptr @ext_callee, ptr @__umsan_param_tag
; CHECK: call i32 @ext_callee(
; CHECK: ret i32 %s
; CHECK-LABEL: define void @no_eager(
; CHECK-NOT: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK: call void @consume(i32 %v)
; CHECK-NOT: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK: ret void
; CHECK-NOT: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK-LABEL: define i32 @clean_args(
; CHECK-NOT: @__umsan_param_tag
; CHECK-NOT: store {{.*}}@__umsan_
; CHECK: call i32 @ext_callee(i32 7)
; CHECK-NOT: store {{.*}}@__umsan_
; CHECK: call void (ptr, ...) @vf(
; CHECK: store i32 0, ptr @__umsan_param_tls
; CHECK: store i64 0, ptr getelementptr {{.*}}@__umsan_param_tls
; CHECK: call i32 @callee(i32 1, i64 2)
; CHECK-LABEL: declare preserve_mostcc void @__umsan_warning(
