; After the clean-up that follows the instrumentation, the interprocedural
; step drops the shadow passing into closed functions (internal, called only
; directly from instrumented code) that every call site proves clean:
; @all_clean's slots are constant zero at both call sites, so its prologue
; loads and its check of %p disappear, and so do the callers' stores. One
; call site of @one_dirty passes a shadow that is not known to be clean:
; its shadow stays, passed as an extra argument in the end (see
; ipo_shadow_args.ll). (A parameter of @api is not known to be clean.)
; @ret_clean returns a clean shadow from every `ret`, so
; its callers read zero instead of the return slot.
; PASSES: umsan-o2
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define internal i32 @all_clean(ptr %p, i32 %k) noinline {
entry:
  %v = load i32, ptr %p
  %r = add i32 %v, %k
  ret i32 %r
}

; CHECK-LABEL: define internal i32 @all_clean(
; CHECK-NOT: __umsan_param_tls
; CHECK-NOT: __umsan_{{(maybe_)?}}warning
; CHECK: ret i32

define internal i32 @one_dirty(i32 %x) noinline {
entry:
  %c = icmp eq i32 %x, 0
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  ret i32 2
}

; CHECK-LABEL: define internal i32 @one_dirty(i32 %x, i32 %umsan.shadow)
; CHECK-NOT: __umsan_param_tls
; CHECK: icmp eq i32 %umsan.shadow, 0
; CHECK: call preserve_mostcc void @__umsan_{{(maybe_)?}}warning

define internal i32 @ret_clean(i32 %x) noinline {
entry:
  ret i32 7
}

@g = global i32 5

define i32 @api(ptr %p, i32 %u) {
entry:
  %a = call i32 @all_clean(ptr @g, i32 3)
  %b = call i32 @all_clean(ptr @g, i32 4)
  %c = call i32 @one_dirty(i32 0)
  %d = call i32 @one_dirty(i32 %u)
  %e = call i32 @ret_clean(i32 1)
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  %s4 = add i32 %s3, %e
  ret i32 %s4
}

; CHECK-LABEL: define i32 @api(
; CHECK-NOT: store {{.*}}@__umsan_param_tls
; CHECK: call i32 @all_clean(
; CHECK-NOT: store {{.*}}@__umsan_param_tls
; CHECK: call i32 @all_clean(
; CHECK: call i32 @one_dirty(i32 0, i32 0)
; CHECK-NOT: store {{.*}}@__umsan_param_tls
; CHECK: call i32 @one_dirty(i32 %u, i32 {{%.*}})
; CHECK-NOT: store {{.*}}@__umsan_param_tls
; CHECK: call i32 @ret_clean(
; CHECK-NOT: load {{.*}}@__umsan_retval_tls
; CHECK: ret i32
