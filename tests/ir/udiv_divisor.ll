; An integer division checks its divisor (not its dividend) before dividing.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @div(i32 %a, i32 %b) {
entry:
  %q = udiv i32 %a, %b
  ret i32 %q
}

define i32 @div_const(i32 %a) {
entry:
  %q = sdiv i32 %a, 7
  ret i32 %q
}

; CHECK-LABEL: define i32 @div(
; CHECK-DAG: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK-DAG: udiv i32 %a, %b
; CHECK-LABEL: define i32 @div_const(
; CHECK-NOT: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK: sdiv i32 %a, 7
; CHECK-NOT: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK-LABEL: declare preserve_mostcc void @__umsan_warning(
