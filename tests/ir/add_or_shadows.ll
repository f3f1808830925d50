; add: the result's shadow is (at least) the OR of the operands' shadows,
; which come from the parameter TLS; the result's shadow is returned through
; the retval TLS.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @sum(i32 %a, i32 %b) {
entry:
  %s = add i32 %a, %b
  ret i32 %s
}

; CHECK-LABEL: define i32 @sum(
; CHECK: @__umsan_param_tls
; CHECK: or i32
; CHECK: add i32 %a, %b
; CHECK: @__umsan_retval_tls
; CHECK: ret i32 %s
