; After both interprocedural rounds, the shadows still passed into a closed
; function (internal, called only directly from instrumented code) through
; the thread-local param slots become extra parameters: every call site of
; @dirty stores its slot right before the call, so @dirty gets an
; `%umsan.shadow` parameter, its check reads that instead of
; @__umsan_param_tls, and the callers pass the shadow instead of storing it.
; The recursive call passes its own parameters' shadows along (so %n's
; is not known to be clean either). The variadic
; @var_dirty keeps its slot (an extra parameter would land among the
; variadic ones), and so does @tail_dirty, which makes a musttail call (its
; prototype must stay its callee's). @hands_on reads its parameter and
; calls @inner with it: the clean-up drops that call's slot store (the slot
; already holds that shadow), so @inner reads what @api stored for
; @hands_on: @hands_on gets the shadow as an argument too, and fills the
; slot itself at its entry.
; PASSES: umsan-o2
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define internal i32 @dirty(i32 %x, i64 %n) noinline {
entry:
  %c = icmp eq i32 %x, 0
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  %n1 = add i64 %n, 1
  %r = call i32 @dirty(i32 %x, i64 %n1)
  ret i32 %r
}

; CHECK-LABEL: define internal i32 @dirty(i32 %x, i64 %n, i32 %umsan.shadow, i64 %umsan.shadow1)
; CHECK-NOT: __umsan_param_tls
; CHECK: icmp eq i32 %umsan.shadow, 0
; CHECK-NOT: __umsan_param_tls
; CHECK: call i32 @dirty(i32 %x, i64 %n1, i32 %umsan.shadow, i64 %umsan.shadow1)
; CHECK-NOT: __umsan_param_tls
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(

define internal i32 @var_dirty(i32 %x, ...) noinline {
entry:
  %c = icmp eq i32 %x, 0
  %r = zext i1 %c to i32
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  ret i32 2
}

; CHECK-LABEL: define internal i32 @var_dirty(i32 %x, ...)
; CHECK: load i32, ptr @__umsan_param_tls

define internal i32 @leaf(i32 %x) noinline {
  %c = icmp eq i32 %x, 0
  %r = select i1 %c, i32 3, i32 4
  ret i32 %r
}

define internal i32 @tail_dirty(i32 %x) noinline {
entry:
  %c = icmp eq i32 %x, 0
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  %r = musttail call i32 @leaf(i32 %x)
  ret i32 %r
}

; CHECK-LABEL: define internal i32 @tail_dirty(i32 %x)
; CHECK: load i32, ptr @__umsan_param_tls
; CHECK: store i32 {{%.*}}, ptr @__umsan_param_tls
; CHECK-NEXT: musttail call i32 @leaf(i32 %x)
; CHECK-NEXT: ret i32

define internal i32 @inner(i32 %x) noinline {
entry:
  %c = icmp eq i32 %x, 0
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  ret i32 2
}

define internal i32 @hands_on(i32 %x) noinline {
entry:
  %r = call i32 @inner(i32 %x)
  %r2 = add i32 %r, %x
  ret i32 %r2
}

; CHECK-LABEL: define internal i32 @hands_on(i32 %x, i32 %umsan.shadow)
; CHECK-NEXT: entry:
; CHECK-NEXT: store i32 %umsan.shadow, ptr @__umsan_param_tls
; CHECK-NEXT: call i32 @inner(i32 %x)

define i32 @api(i32 %u, i32 %v) {
entry:
  %a = call i32 @dirty(i32 %u, i64 0)
  %b = call i32 @dirty(i32 %v, i64 7)
  %c = call i32 (i32, ...) @var_dirty(i32 %u)
  %d = call i32 @tail_dirty(i32 %v)
  %e = call i32 @hands_on(i32 %u)
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  %s4 = add i32 %s3, %e
  ret i32 %s4
}

; CHECK-LABEL: define i32 @api(
; CHECK-NOT: store {{.*}}@__umsan_param_tls
; CHECK: call i32 @dirty(i32 %u, i64 0, i32 {{%.*}}, i64 0)
; CHECK-NOT: store {{.*}}@__umsan_param_tls
; CHECK: call i32 @dirty(i32 %v, i64 7, i32 {{%.*}}, i64 0)
; CHECK: store i32 {{%.*}}, ptr @__umsan_param_tls
; CHECK: call i32 (i32, ...) @var_dirty(i32 %u)
; CHECK: store i32 {{%.*}}, ptr @__umsan_param_tls
; CHECK-NEXT: call i32 @tail_dirty(i32 %v)
; CHECK-NOT: store {{.*}}@__umsan_param_tls
; CHECK: call i32 @hands_on(i32 %u, i32 {{%.*}})
; CHECK: ret i32
