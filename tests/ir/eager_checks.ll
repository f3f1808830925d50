; With eager-checks=1 an argument is checked at the call (the callee then
; trusts its parameters as initialized), and a returned value at the return
; (a different value: once checked, a value counts as initialized):
; two checks here, none without the option (see the no_eager function in
; call_param_tls.ll).
; PASS-OPTIONS: eager-checks=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @consume(i32 noundef)

@g = global i32 0
@h = global i32 0

define noundef i32 @f() {
entry:
  %v = load i32, ptr @g, align 4
  call void @consume(i32 %v)
  %w = load i32, ptr @h, align 4
  ret i32 %w
}

; CHECK-LABEL: define noundef i32 @f(
; CHECK-DAG: call void @consume(i32 %v)
; CHECK-DAG: ret i32 %w
; CHECK-DAG: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK-DAG: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(

; With eager checks no argument shadow travels: the callee reads no param
; slot or tag, the caller writes none; the result of a call is clean.
define i32 @takes(i32 %x) noinline {
entry:
  %r = mul i32 %x, 3
  ret i32 %r
}

define i32 @gives(i32 %a) {
entry:
  %r = call i32 @takes(i32 %a)
  %c = icmp eq i32 %r, 7
  %s = select i1 %c, i32 1, i32 2
  ret i32 %s
}

; Only `noundef` arguments and returns are checked, as with clang's
; -fsanitize-memory-param-retval: an argument the callee ignores may have
; been replaced by `poison`, which is no use of anything.
declare void @ignores(ptr, i32 noundef)
define void @passes_poison() {
entry:
  call void @ignores(ptr poison, i32 1)
  ret void
}

; CHECK-LABEL: define i32 @takes(
; CHECK-NOT: @__umsan_param_tls
; CHECK-NOT: @__umsan_param_tag
; CHECK: ret i32 %r
; CHECK-LABEL: define i32 @gives(
; CHECK-NOT: @__umsan_param
; CHECK: call i32 @takes(i32 %a)
; CHECK-NOT: load {{.*}}@__umsan_retval_tls
; CHECK: ret i32 %s
; CHECK-LABEL: define void @passes_poison(
; CHECK-NOT: @__umsan_warning
; CHECK: ret void
; CHECK-LABEL: declare preserve_mostcc void @__umsan_warning(
