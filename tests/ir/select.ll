; select: the result's shadow is a select of the operands' shadows (plus the
; condition's influence), so there is a second select.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @pick(i1 %c, i32 %a, i32 %b) {
entry:
  %r = select i1 %c, i32 %a, i32 %b
  ret i32 %r
}

; CHECK-LABEL: define i32 @pick(
; CHECK-DAG: select i1 %c, i32 %a, i32 %b
; CHECK-DAG: select i1 %c, i32 %{{[^ ]+}}, i32 %{{[^ ]+}}
; CHECK-NOT: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK: ret i32 %r
