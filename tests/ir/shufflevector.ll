; shufflevector: the shadow is shuffled with the same mask. A variable
; extractelement index is checked.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define <4 x i32> @shuf(<4 x i32> %a, <4 x i32> %b) {
entry:
  %r = shufflevector <4 x i32> %a, <4 x i32> %b, <4 x i32> <i32 2, i32 2, i32 0, i32 5>
  ret <4 x i32> %r
}

define i32 @lane(<4 x i32> %v, i32 %i) {
entry:
  %x = extractelement <4 x i32> %v, i32 %i
  ret i32 %x
}

; CHECK-LABEL: define <4 x i32> @shuf(
; CHECK-COUNT-2: shufflevector <4 x i32> %{{[^ ]+}}, <4 x i32> %{{[^ ]+}}, <4 x i32> <i32 2, i32 2, i32 0, i32 5>
; CHECK: ret <4 x i32> %r
; CHECK-LABEL: define i32 @lane(
; CHECK-DAG: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK-DAG: extractelement <4 x i32> %v, i32 %i
; CHECK-LABEL: declare preserve_mostcc void @__umsan_warning(
